package io.github.flare4j.cloudflare;

import io.github.flare4j.error.StreamProtocolException;
import io.github.flare4j.internal.http.StreamingCall;
import io.github.flare4j.internal.model.ModelObjects;
import io.github.flare4j.provider.ModelInfo;
import io.github.flare4j.internal.stream.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Response;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads {@code {"models":[{"name":"@cf/...","task":{..},"properties":[..]}, ...]}}, the playground's
 * model list: Workers AI's model objects ({@link ModelObjects}), or plain names.
 */
final class ModelListParser {
  private ModelListParser() {}

  static List<ModelInfo> parse(StreamingCall call, Response response) {
    byte[] body;
    try {
      body = response.body().bytes();
    } catch (IOException e) {
      throw call.failure(e, true);
    }
    List<ModelInfo> names = new ArrayList<>();
    try (JsonParser parser = Json.parser(body, 0, body.length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new StreamProtocolException(call.endpoint() + " did not answer with a JSON object");
      }
      for (String field = parser.nextName(); field != null; field = parser.nextName()) {
        parser.nextToken();
        if (field.equals("models") && parser.currentToken() == JsonToken.START_ARRAY) {
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            ModelInfo model = model(parser);
            if (model != null) {
              names.add(model);
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

  /** A model entry: a model object, or a plain string (a chat model known by name only). */
  private static ModelInfo model(JsonParser parser) {
    if (parser.currentToken() == JsonToken.VALUE_STRING) {
      String name = parser.getString();
      return name.isBlank() ? null : ModelInfo.builder(name).described(false).build();
    }
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return null;
    }
    return ModelObjects.read(parser);
  }
}
