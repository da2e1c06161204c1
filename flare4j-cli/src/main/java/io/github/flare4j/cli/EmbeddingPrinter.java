package io.github.flare4j.cli;

import io.github.flare4j.EmbeddingResult;
import io.github.flare4j.Usage;
import java.io.PrintWriter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * Prints an {@link EmbeddingResult}: one JSON array of numbers per input, one per line, or with
 * {@code --json} OpenAI's list object ({@code {"object":"list","data":[{"object":"embedding",
 * "index":0,"embedding":[..]}],"model":..,"usage":{..}}}, the usage only when the service gave it).
 */
final class EmbeddingPrinter {
  /** Leaves the writer open and unflushed: the command flushes. */
  private static final JsonFactory JSON = JsonFactory.builder()
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
      .build();

  private EmbeddingPrinter() {}

  /** One line per vector: {@code [0.0123,-0.0456,...]}. */
  static void vectors(PrintWriter out, EmbeddingResult result) {
    for (int i = 0; i < result.size(); i++) {
      try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
        numbers(json, result.vector(i));
      }
      out.print('\n');
    }
  }

  /** OpenAI's list object, on one line. */
  static void list(PrintWriter out, EmbeddingResult result) {
    try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      json.writeStartObject();
      json.writeStringProperty("object", "list");
      json.writeName("data");
      json.writeStartArray();
      for (int i = 0; i < result.size(); i++) {
        json.writeStartObject();
        json.writeStringProperty("object", "embedding");
        json.writeNumberProperty("index", i);
        json.writeName("embedding");
        numbers(json, result.vector(i));
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeStringProperty("model", result.model());
      if (result.usage().isPresent()) {
        Usage usage = result.usage().get();
        json.writeName("usage");
        json.writeStartObject();
        json.writeNumberProperty("prompt_tokens", usage.promptTokens());
        json.writeNumberProperty("total_tokens", usage.totalTokens());
        json.writeEndObject();
      }
      json.writeEndObject();
    }
    out.print('\n');
  }

  private static void numbers(JsonGenerator json, float[] vector) {
    json.writeStartArray();
    for (float number : vector) {
      json.writeNumber(number);
    }
    json.writeEndArray();
  }
}
