package io.github.flare4j.gateway.openai;

import io.github.flare4j.error.ModelNotFoundException;
import io.github.flare4j.gateway.GatewayContext;
import io.github.flare4j.gateway.Upstreams;
import io.github.flare4j.gateway.http.ApiException;
import io.github.flare4j.gateway.http.Exchange;
import io.github.flare4j.gateway.http.Json;
import io.github.flare4j.gateway.http.Route;
import io.github.flare4j.provider.ChatProvider;
import io.github.flare4j.provider.ModelInfo;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /v1/models}: the chat and embedding models of every provider, and
 * {@code GET /v1/models/{id}}: one of them (an id as listed, an alias or a short name; slashes
 * may come encoded as {@code %2F}, as SDKs send them). The default provider's models are listed
 * by their ids; the others' with their provider's name as a prefix ({@code workers-ai/@cf/...}),
 * which is how a client chooses them. OpenAI's list and model shapes, or Anthropic's when the
 * request carries {@code anthropic-version} (as Anthropic's SDKs send it).
 */
public final class ModelsRoute implements Route {
  /** The path of the list; a model's is this, a slash and its id. */
  public static final String PATH = "/v1/models";

  private final GatewayContext context;

  public ModelsRoute(GatewayContext context) {
    this.context = context;
  }

  @Override
  public void handle(Exchange exchange) throws Exception {
    boolean anthropic = exchange.header("anthropic-version") != null;
    String path = exchange.path();
    if (path.length() > PATH.length() + 1) {
      String id = decode(path.substring(PATH.length() + 1));
      exchange.sendJson(200, item(find(id), anthropic));
      return;
    }
    List<Listed> models = listed();
    ObjectNode body = Json.MAPPER.createObjectNode();
    if (!anthropic) {
      body.put("object", "list");
    }
    ArrayNode data = body.putArray("data");
    models.forEach(model -> data.add(item(model, anthropic)));
    if (anthropic) {
      body.put("has_more", false);
      body.put("first_id", models.isEmpty() ? null : models.getFirst().id());
      body.put("last_id", models.isEmpty() ? null : models.getLast().id());
    }
    exchange.sendJson(200, body);
  }

  /** A model as a client names it: with its provider's prefix unless the provider is the default. */
  private record Listed(String id, String provider, ModelInfo info) {}

  private List<Listed> listed() {
    Upstreams upstreams = context.upstreams();
    return upstreams.providers().entrySet().stream().flatMap(entry -> {
      boolean isDefault = entry.getKey().equals(upstreams.defaultName());
      return entry.getValue().models().stream().map(model -> new Listed(
          isDefault ? model.id() : entry.getKey() + "/" + model.id(), entry.getKey(), model));
    }).toList();
  }

  /** The listed model {@code id} names, through the provider's name rule (aliases, short names). */
  private Listed find(String id) {
    Upstreams.Choice choice = context.upstreams().choose(id);
    ChatProvider provider = choice.provider();
    String resolved;
    try {
      resolved = provider.model(choice.model()).id();
    } catch (ModelNotFoundException e) {
      resolved = null;
    }
    boolean isDefault = choice.providerName().equals(context.upstreams().defaultName());
    for (ModelInfo model : provider.models()) {
      if (model.id().equals(resolved)) {
        return new Listed(isDefault ? model.id() : choice.providerName() + "/" + model.id(),
            choice.providerName(), model);
      }
    }
    throw new ApiException(404, "invalid_request_error", "The model " + OpenAiText.quote(id)
        + " does not exist here; GET /v1/models lists the models served", "model",
        "model_not_found", Map.of());
  }

  private static ObjectNode item(Listed model, boolean anthropic) {
    ObjectNode item = Json.MAPPER.createObjectNode();
    if (anthropic) {
      item.put("type", "model");
      item.put("id", model.id());
      item.put("display_name", model.id());
      item.put("created_at", "1970-01-01T00:00:00Z");
      return item;
    }
    item.put("id", model.id());
    item.put("object", "model");
    item.put("created", 0);
    item.put("owned_by", model.provider());
    item.put("task", model.info().task());
    model.info().contextWindow().ifPresent(window -> item.put("context_window", window));
    ArrayNode aliases = item.putArray("aliases");
    model.info().aliases().forEach(aliases::add);
    return item;
  }

  /** Percent-decodes a path segment ('+' stays a plus, as in any path). */
  private static String decode(String segment) {
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("model", "The model id in the path is not percent-encoded"
          + " correctly");
    }
  }
}
