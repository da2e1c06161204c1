package io.github.flare4j.internal.auth;

import io.github.flare4j.internal.stream.Json;
import io.github.flare4j.spi.SessionArgs;
import io.github.flare4j.spi.StoredCredentials;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The auth file's JSON: the seed's dump of its args, {@code {"headers":{...},"cookies":{...}}},
 * plus two optional fields of ours, {@code "expires"} (cookie name to epoch seconds; a cookie
 * without one is a session cookie) and {@code "transport"} (the name of the transport that last
 * worked). Readers skip fields they do not know, so the seed's files and ours read both ways.
 */
public final class AuthFileFormat {
  private AuthFileFormat() {}

  /**
   * Parses a whole file.
   *
   * @throws IllegalArgumentException when it is not one JSON object, or not JSON at all (the
   *     message says where, never what the file holds)
   */
  public static StoredCredentials parse(byte[] bytes) {
    Map<String, String> headers = new LinkedHashMap<>();
    Map<String, String> cookies = new LinkedHashMap<>();
    Map<String, Instant> expires = new LinkedHashMap<>();
    String transport = null;
    try (JsonParser parser = Json.parser(bytes, 0, bytes.length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not a JSON object");
      }
      for (String field = parser.nextName(); field != null; field = parser.nextName()) {
        parser.nextToken();
        switch (field) {
          case "headers" -> readStrings(parser, headers);
          case "cookies" -> readStrings(parser, cookies);
          case "expires" -> readSeconds(parser, expires);
          case "transport" -> transport = Json.stringOrNull(parser);
          default -> parser.skipChildren();
        }
      }
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("text after the JSON object");
      }
    } catch (JacksonException e) {
      // The parser's message can quote the text, which holds cookie values: say where only.
      var where = e.getLocation();
      throw new IllegalArgumentException(where == null ? "not valid JSON"
          : "not valid JSON (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")");
    }
    return new StoredCredentials(new SessionArgs(headers, cookies, expires), transport);
  }

  /** The file's text for {@code credentials}: compact JSON, fields in the seed's order first. */
  public static String serialize(StoredCredentials credentials) {
    SessionArgs args = credentials.args();
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = Json.generator(out)) {
      generator.writeStartObject();
      writeStrings(generator, "headers", args.headers());
      writeStrings(generator, "cookies", args.cookies());
      if (!args.cookieExpiry().isEmpty()) {
        generator.writeName("expires");
        generator.writeStartObject();
        for (Map.Entry<String, Instant> entry : args.cookieExpiry().entrySet()) {
          generator.writeName(entry.getKey());
          generator.writeNumber(entry.getValue().getEpochSecond());
        }
        generator.writeEndObject();
      }
      if (credentials.transport() != null) {
        generator.writeName("transport");
        generator.writeString(credentials.transport());
      }
      generator.writeEndObject();
    }
    return out.toString();
  }

  private static void readStrings(JsonParser parser, Map<String, String> into) {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return;
    }
    for (String name = parser.nextName(); name != null; name = parser.nextName()) {
      parser.nextToken();
      String value = Json.stringOrNull(parser);
      if (value != null) {
        into.put(name, value);
      }
    }
  }

  private static void readSeconds(JsonParser parser, Map<String, Instant> into) {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return;
    }
    for (String name = parser.nextName(); name != null; name = parser.nextName()) {
      JsonToken token = parser.nextToken();
      if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
        double seconds = parser.getDoubleValue();
        if (Double.isFinite(seconds) && Math.abs(seconds) < Instant.MAX.getEpochSecond()) {
          into.put(name, Instant.ofEpochSecond((long) seconds));
        }
      } else {
        parser.skipChildren();
      }
    }
  }

  private static void writeStrings(JsonGenerator generator, String name, Map<String, String> values) {
    generator.writeName(name);
    generator.writeStartObject();
    for (Map.Entry<String, String> entry : values.entrySet()) {
      generator.writeName(entry.getKey());
      generator.writeString(entry.getValue());
    }
    generator.writeEndObject();
  }
}
