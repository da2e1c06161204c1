package io.github.flare4j.gateway.ops;

import io.github.flare4j.gateway.http.Json;
import io.github.flare4j.spi.SessionArgs;
import io.github.flare4j.spi.StoredCredentials;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stored credentials as the auth file's JSON (core's {@code FileCredentialStore} format):
 * {@code {"headers":{..},"cookies":{..},"expires":{name: epoch seconds},"transport":".."}}, the
 * last two optional; unknown fields are skipped.
 */
final class CredentialsJson {
  private CredentialsJson() {}

  static String write(StoredCredentials credentials) {
    SessionArgs args = credentials.args();
    ObjectNode root = Json.MAPPER.createObjectNode();
    ObjectNode headers = root.putObject("headers");
    args.headers().forEach(headers::put);
    ObjectNode cookies = root.putObject("cookies");
    args.cookies().forEach(cookies::put);
    if (!args.cookieExpiry().isEmpty()) {
      ObjectNode expires = root.putObject("expires");
      args.cookieExpiry().forEach((name, at) -> expires.put(name, at.getEpochSecond()));
    }
    if (credentials.transport() != null) {
      root.put("transport", credentials.transport());
    }
    return Json.MAPPER.writeValueAsString(root);
  }

  /**
   * @throws IllegalArgumentException when it is not a JSON object (saying so without quoting it:
   *     it holds cookie values)
   */
  static StoredCredentials read(String text) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(text);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    Map<String, String> headers = strings(root.get("headers"));
    Map<String, String> cookies = strings(root.get("cookies"));
    Map<String, Instant> expires = new LinkedHashMap<>();
    JsonNode expiry = root.get("expires");
    if (expiry != null && expiry.isObject()) {
      for (Map.Entry<String, JsonNode> entry : expiry.properties()) {
        if (entry.getValue().isNumber()) {
          expires.put(entry.getKey(), Instant.ofEpochSecond(entry.getValue().asLong()));
        }
      }
    }
    JsonNode transport = root.get("transport");
    return new StoredCredentials(new SessionArgs(headers, cookies, expires),
        transport != null && transport.isString() ? transport.asString() : null);
  }

  private static Map<String, String> strings(JsonNode node) {
    Map<String, String> values = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        if (entry.getValue().isString()) {
          values.put(entry.getKey(), entry.getValue().asString());
        }
      }
    }
    return values;
  }
}
