package io.github.flare4j.cloudflare;

import io.github.flare4j.error.StreamProtocolException;
import io.github.flare4j.internal.http.StreamingCall;
import io.github.flare4j.internal.stream.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Response;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/** Reads {@code {"models":[{"name":"@cf/..."}, ...]}}, the playground's model list. */
final class ModelListParser {
  private ModelListParser() {}

  static List<String> parse(StreamingCall call, Response response) {
    byte[] body;
    try {
      body = response.body().bytes();
    } catch (IOException e) {
      throw call.failure(e, true);
    }
    List<String> names = new ArrayList<>();
    try (JsonParser parser = Json.parser(body, 0, body.length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new StreamProtocolException(call.endpoint() + " did not answer with a JSON object");
      }
      for (String field = parser.nextName(); field != null; field = parser.nextName()) {
        parser.nextToken();
        if (field.equals("models") && parser.currentToken() == JsonToken.START_ARRAY) {
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            String name = modelName(parser);
            if (name != null && !name.isBlank()) {
              names.add(name);
            }
          }
        } else {
          parser.skipChildren();
        }
      }
    } catch (JacksonException e) {
      throw Json.malformed("model list from " + call.endpoint(), body, 0, body.length, e);
    }
    return names;
  }

  /** A model entry: an object with {@code name} (or {@code id}), or a plain string. */
  private static String modelName(JsonParser parser) {
    if (parser.currentToken() == JsonToken.VALUE_STRING) {
      return parser.getString();
    }
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return null;
    }
    String name = null;
    String id = null;
    for (String field = parser.nextName(); field != null; field = parser.nextName()) {
      parser.nextToken();
      switch (field) {
        case "name" -> name = Json.stringOrNull(parser);
        case "id" -> id = Json.stringOrNull(parser);
        default -> parser.skipChildren();
      }
    }
    return name != null ? name : id;
  }
}
