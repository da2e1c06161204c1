package io.github.flare4j.internal.workersai;

import io.github.flare4j.EmbeddingRequest;
import io.github.flare4j.internal.stream.Json;
import java.io.StringWriter;
import tools.jackson.core.JsonGenerator;

/** The JSON bodies of an embedding request, for each Workers AI API. */
public final class EmbeddingBodies {
  private EmbeddingBodies() {}

  /** The REST API's ({@code POST .../ai/run/{model}}): {@code {"text":[..]}}. */
  public static String rest(EmbeddingRequest request) {
    return write(null, "text", request);
  }

  /** The OpenAI-compatible API's ({@code POST .../ai/v1/embeddings}): {@code {"model":..,"input":[..]}}. */
  public static String openAi(String model, EmbeddingRequest request) {
    return write(model, "input", request);
  }

  private static String write(String model, String member, EmbeddingRequest request) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = Json.generator(out)) {
      json.writeStartObject();
      if (model != null) {
        json.writeStringProperty("model", model);
      }
      json.writeName(member);
      json.writeStartArray();
      for (String input : request.inputs()) {
        json.writeString(input);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    return out.toString();
  }
}
