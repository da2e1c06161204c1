package io.github.flare4j;

import io.github.flare4j.internal.stream.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/** Checks JSON text that callers hand over (schemas), so a mistake fails where it was made. */
final class JsonText {
  private JsonText() {}

  /** @throws IllegalArgumentException when {@code json} is not one JSON object */
  static void requireObject(String json, String what) {
    try (JsonParser parser = Json.parser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException(what + " must be a JSON object");
      }
      parser.skipChildren();
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException(what + " has text after its JSON object");
      }
    } catch (JacksonException e) {
      throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
