package io.github.flare4j.gateway.openai;

import io.github.flare4j.EmbeddingRequest;
import io.github.flare4j.EmbeddingResult;
import io.github.flare4j.Usage;
import io.github.flare4j.gateway.GatewayContext;
import io.github.flare4j.gateway.Upstreams;
import io.github.flare4j.gateway.http.ApiException;
import io.github.flare4j.gateway.http.Exchange;
import io.github.flare4j.gateway.http.Json;
import io.github.flare4j.gateway.http.Route;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/embeddings}: OpenAI's Embeddings API. {@code input} is a string or an array of
 * strings (token arrays are refused by name); {@code encoding_format} {@code float} (the default)
 * or {@code base64} (little-endian float32, what the OpenAI Python and Node SDKs ask for by
 * default). {@code dimensions} is refused; {@code user} is ignored. A provider without embeddings
 * (the playground) is a 400 naming {@code model}.
 */
public final class EmbeddingsRoute implements Route {
  private static final Set<String> KNOWN =
      Set.of("model", "input", "encoding_format", "dimensions", "user");

  private final GatewayContext context;

  public EmbeddingsRoute(GatewayContext context) {
    this.context = context;
  }

  @Override
  public void handle(Exchange exchange) throws Exception {
    JsonNode body = exchange.readJson();
    for (String name : body.propertyNames()) {
      if (!KNOWN.contains(name)) {
        throw ApiException.badRequest(name, "Unrecognized request argument supplied: "
            + OpenAiText.quote(name));
      }
    }
    String model = ChatCompletionRequests.string(body, "model");
    if (model == null || model.isBlank()) {
      throw ApiException.badRequest("model", "You must provide a model parameter");
    }
    exchange.model(model);
    List<String> inputs = inputs(ChatCompletionRequests.present(body.get("input")));
    String format = ChatCompletionRequests.string(body, "encoding_format");
    boolean base64 = "base64".equals(format);
    if (format != null && !base64 && !format.equals("float")) {
      throw ApiException.badRequest("encoding_format", "encoding_format must be float or base64");
    }
    if (ChatCompletionRequests.present(body.get("dimensions")) != null) {
      throw ApiException.badRequest("dimensions", "dimensions is not supported: the gateway's"
          + " embedding models have fixed sizes");
    }
    Upstreams.Choice choice = context.upstreams().choose(model);
    if (!choice.provider().supportsEmbeddings()) {
      throw ApiException.badRequest("model", "The provider '" + choice.providerName() + "' ("
          + choice.provider().label() + ") has no embeddings; choose a provider that has,"
          + " with a model prefix such as workers-ai/@cf/baai/bge-base-en-v1.5");
    }
    EmbeddingResult result = context.calls().embed(choice,
        EmbeddingRequest.builder().model(choice.model()).inputs(inputs).build());

    ObjectNode answer = Json.MAPPER.createObjectNode().put("object", "list");
    ArrayNode data = answer.putArray("data");
    for (int i = 0; i < result.size(); i++) {
      ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
      float[] vector = result.vector(i);
      if (base64) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES)
            .order(ByteOrder.LITTLE_ENDIAN);
        for (float value : vector) {
          bytes.putFloat(value);
        }
        item.put("embedding", Base64.getEncoder().encodeToString(bytes.array()));
      } else {
        ArrayNode numbers = item.putArray("embedding");
        for (float value : vector) {
          numbers.add(value);
        }
      }
    }
    answer.put("model", result.model());
    Usage usage = result.usage().orElse(new Usage(0, 0, 0));
    answer.putObject("usage").put("prompt_tokens", usage.promptTokens())
        .put("total_tokens", usage.totalTokens());
    exchange.addTokens(usage.totalTokens());
    exchange.sendJson(200, answer);
  }

  private static List<String> inputs(JsonNode input) {
    if (input == null) {
      throw ApiException.badRequest("input", "Missing required parameter: 'input'");
    }
    if (input.isString()) {
      return List.of(input.stringValue());
    }
    if (input.isArray() && !input.isEmpty()) {
      List<String> texts = new ArrayList<>();
      for (JsonNode element : input) {
        if (!element.isString()) {
          throw ApiException.badRequest("input", "input must be a string or an array of"
              + " strings; token arrays are not supported");
        }
        texts.add(element.stringValue());
      }
      return texts;
    }
    throw ApiException.badRequest("input", "input must be a string or a non-empty array of"
        + " strings");
  }
}
