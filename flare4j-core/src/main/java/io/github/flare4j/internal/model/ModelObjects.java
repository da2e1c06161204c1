package io.github.flare4j.internal.model;

import io.github.flare4j.internal.stream.Json;
import io.github.flare4j.provider.Feature;
import io.github.flare4j.provider.ModelInfo;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads Workers AI's model objects, which its model search, the playground's {@code /api/models}
 * and the playground agent's {@code getModels} RPC all answer with:
 * {@code {"id","source","name":"@cf/..","description","task":{"id","name","description"},"tags":[],
 * "properties":[{"property_id":"context_window","value":"131072"},{"property_id":
 * "function_calling","value":"true"},..]}}. A property's value is mostly a string ({@code "true"},
 * a number of tokens), sometimes a JSON boolean or number, and for some properties
 * ({@code price}, {@code reasoning_effort}) an array or object; none of them fails the parse.
 */
public final class ModelObjects {
  private ModelObjects() {}

  /**
   * The model of the object the parser is on ({@code START_OBJECT}), its aliases not set; null
   * when it has no {@code name} (nor a model path in {@code id}, as an older list wrote it). A missing task is taken as {@value ModelInfo#TEXT_GENERATION}, as the
   * older playground's list (names only) holds chat models only.
   */
  public static ModelInfo read(JsonParser parser) {
    String name = null;
    String id = null;
    String task = null;
    int contextWindow = -1;
    Set<Feature> found = EnumSet.noneOf(Feature.class);
    for (String field = parser.nextName(); field != null; field = parser.nextName()) {
      parser.nextToken();
      switch (field) {
        case "name" -> name = Json.stringOrNull(parser);
        case "id" -> id = Json.stringOrNull(parser);
        case "task" -> task = taskName(parser);
        case "properties" -> contextWindow = properties(parser, found);
        default -> parser.skipChildren();
      }
    }
    // Workers AI's "id" is a UUID; an older list put the model's path there
    String model = name != null && !name.isBlank() ? name : id != null && id.contains("/") ? id
        : null;
    if (model == null) {
      return null;
    }
    ModelInfo.Builder builder = ModelInfo.builder(model)
        .task(task == null || task.isBlank() ? ModelInfo.TEXT_GENERATION : task)
        .features(found);
    if (contextWindow > 0) {
      builder.contextWindow(contextWindow);
    }
    return builder.build();
  }

  private static String taskName(JsonParser parser) {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      return Json.stringOrNull(parser);
    }
    String name = null;
    for (String field = parser.nextName(); field != null; field = parser.nextName()) {
      parser.nextToken();
      if (field.equals("name")) {
        name = Json.stringOrNull(parser);
      } else {
        parser.skipChildren();
      }
    }
    return name;
  }

  /** Reads the properties into {@code features}; returns the context window, or -1. */
  private static int properties(JsonParser parser, Set<Feature> features) {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return -1;
    }
    int contextWindow = -1;
    for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY;
        token = parser.nextToken()) {
      if (token != JsonToken.START_OBJECT) {
        parser.skipChildren();
        continue;
      }
      String property = null;
      String value = null;
      boolean structured = false;
      for (String field = parser.nextName(); field != null; field = parser.nextName()) {
        JsonToken valueToken = parser.nextToken();
        if (field.equals("property_id")) {
          property = Json.stringOrNull(parser);
        } else if (field.equals("value")) {
          structured = valueToken == JsonToken.START_OBJECT || valueToken == JsonToken.START_ARRAY;
          value = structured ? null : parser.getString();
          parser.skipChildren();
        } else {
          parser.skipChildren();
        }
      }
      if (property == null) {
        continue;
      }
      switch (property) {
        case "context_window" -> contextWindow = Math.max(contextWindow, positive(value));
        case "function_calling" -> add(features, Feature.TOOLS, value);
        case "vision" -> add(features, Feature.IMAGES, value);
        case "reasoning" -> add(features, Feature.REASONING, value);
        case "reasoning_effort" -> {
          // an object of supported efforts: the model takes reasoning_effort, and reasons
          if (structured || yes(value)) {
            features.add(Feature.REASONING_EFFORT);
            features.add(Feature.REASONING);
          }
        }
        default -> { }
      }
    }
    return contextWindow;
  }

  private static void add(Set<Feature> features, Feature feature, String value) {
    if (yes(value)) {
      features.add(feature);
    }
  }

  private static boolean yes(String value) {
    return value != null && value.trim().toLowerCase(Locale.ROOT).equals("true");
  }

  private static int positive(String value) {
    if (value == null) {
      return -1;
    }
    try {
      double parsed = Double.parseDouble(value.trim());
      return parsed >= 1 && parsed <= Integer.MAX_VALUE ? (int) parsed : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
