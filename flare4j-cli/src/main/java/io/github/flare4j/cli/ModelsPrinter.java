package io.github.flare4j.cli;

import io.github.flare4j.provider.ChatProvider;
import io.github.flare4j.provider.Feature;
import io.github.flare4j.provider.ModelInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * How {@code flare4j models} shows a provider's {@link ModelInfo}s: one line each, or with
 * {@code --json} one list object.
 */
final class ModelsPrinter {
  /** Leaves the writer open and unflushed: the command flushes. */
  private static final JsonFactory JSON = JsonFactory.builder()
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
      .build();

  private ModelsPrinter() {}

  /**
   * {@code ID  aliases: a, b  task: ..  context: N  features: f, g}, each part after the id only
   * when there is something to say (the task only for a model that is not a chat model).
   */
  static String line(ModelInfo model) {
    StringBuilder line = new StringBuilder(model.id());
    if (!model.aliases().isEmpty()) {
      line.append("  aliases: ").append(String.join(", ", model.aliases()));
    }
    if (!model.task().equals(ModelInfo.TEXT_GENERATION)) {
      line.append("  task: ").append(model.task());
    }
    model.contextWindow().ifPresent(tokens -> line.append("  context: ").append(tokens));
    if (!model.features().isEmpty()) {
      line.append("  features: ").append(model.features().stream().map(Feature::wireName)
          .collect(Collectors.joining(", ")));
    }
    return line.toString();
  }

  /**
   * {@code {"object":"list","data":[{"id","object":"model","aliases":[..],"task",
   * "context_window","features":[..],"described"}]}} on one line, then a newline: OpenAI's model
   * list with what flare4j knows of each model added.
   */
  static void json(PrintWriter out, List<ModelInfo> models) {
    try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      json.writeStartObject();
      json.writeStringProperty("object", "list");
      json.writeName("data");
      json.writeStartArray();
      for (ModelInfo model : models) {
        json.writeStartObject();
        json.writeStringProperty("id", model.id());
        json.writeStringProperty("object", "model");
        json.writeName("aliases");
        json.writeStartArray();
        for (String alias : model.aliases()) {
          json.writeString(alias);
        }
        json.writeEndArray();
        json.writeStringProperty("task", model.task());
        if (model.contextWindow().isPresent()) {
          json.writeNumberProperty("context_window", model.contextWindow().getAsInt());
        }
        json.writeName("features");
        json.writeStartArray();
        for (Feature feature : model.features()) {
          json.writeString(feature.wireName());
        }
        json.writeEndArray();
        json.writeBooleanProperty("described", model.described());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    out.print('\n');
  }

  /**
   * The provider's built-in models (the default model and the alias targets), with their aliases
   * and features unknown: what is shown when the list cannot be had, without asking again.
   */
  static List<ModelInfo> builtIn(ChatProvider provider) {
    List<ModelInfo> models = new ArrayList<>();
    for (String id : provider.builtInModels()) {
      List<String> aliases = new ArrayList<>();
      provider.modelAliases().forEach((alias, target) -> {
        if (target.equals(id)) {
          aliases.add(alias);
        }
      });
      models.add(ModelInfo.builder(id).aliases(aliases).described(false).build());
    }
    return models;
  }
}
