package io.github.flare4j.gateway.openai;

import io.github.flare4j.gateway.GatewayContext;
import io.github.flare4j.gateway.http.Exchange;
import io.github.flare4j.gateway.http.Json;
import io.github.flare4j.gateway.http.Route;
import io.github.flare4j.provider.ChatProvider;
import io.github.flare4j.provider.ModelInfo;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /v1/models}: the chat and embedding models of every provider, in OpenAI's list
 * shape. The default provider's models are listed by their ids; the others' with their provider's
 * name as a prefix ({@code workers-ai/@cf/...}), which is how a client chooses them.
 */
public final class ModelsRoute implements Route {
  private final GatewayContext context;

  public ModelsRoute(GatewayContext context) {
    this.context = context;
  }

  @Override
  public void handle(Exchange exchange) throws Exception {
    ObjectNode body = Json.MAPPER.createObjectNode().put("object", "list");
    ArrayNode data = body.putArray("data");
    for (Map.Entry<String, ChatProvider> entry : context.upstreams().providers().entrySet()) {
      boolean isDefault = entry.getKey().equals(context.upstreams().defaultName());
      for (ModelInfo model : entry.getValue().models()) {
        ObjectNode item = data.addObject();
        item.put("id", isDefault ? model.id() : entry.getKey() + "/" + model.id());
        item.put("object", "model");
        item.put("created", 0);
        item.put("owned_by", entry.getKey());
        item.put("task", model.task());
        model.contextWindow().ifPresent(window -> item.put("context_window", window));
        ArrayNode aliases = item.putArray("aliases");
        model.aliases().forEach(aliases::add);
      }
    }
    exchange.sendJson(200, body);
  }
}
