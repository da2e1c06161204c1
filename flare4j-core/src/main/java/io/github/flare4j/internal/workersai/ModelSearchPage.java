package io.github.flare4j.internal.workersai;

import io.github.flare4j.error.StreamProtocolException;
import io.github.flare4j.internal.model.ModelObjects;
import io.github.flare4j.internal.stream.Json;
import io.github.flare4j.provider.ModelInfo;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * One page of {@code GET .../ai/models/search}:
 * {@code {"result":[{"name":"@cf/..","task":{"name":"Text Generation"},"properties":[..],..}],
 * "result_info":{"page","per_page","count","total_count"},"success":true,..}}, each model object
 * read by {@link ModelObjects}. Every task is kept; the catalogue picks the ones it lists.
 *
 * @param models the models of the page, of any task, in order
 * @param entries how many entries the page had
 * @param totalCount the total the server reported, or -1 when it did not
 * @param perPage the page size the server used (it caps what was asked), or -1 when it did not say
 */
public record ModelSearchPage(List<ModelInfo> models, int entries, int totalCount, int perPage) {
  /** Copies the list. */
  public ModelSearchPage {
    models = List.copyOf(models);
  }

  /**
   * Parses a page.
   *
   * @throws StreamProtocolException when the body is not such a document
   */
  public static ModelSearchPage parse(byte[] body, String endpoint) {
    List<ModelInfo> models = new ArrayList<>();
    int entries = 0;
    int[] info = {-1, -1};
    try (JsonParser parser = Json.parser(body, 0, body.length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new StreamProtocolException(endpoint + " did not answer with a JSON object");
      }
      boolean sawResult = false;
      for (String field = parser.nextName(); field != null; field = parser.nextName()) {
        parser.nextToken();
        switch (field) {
          case "result" -> {
            if (parser.currentToken() != JsonToken.START_ARRAY) {
              parser.skipChildren();
              continue;
            }
            sawResult = true;
            while (parser.nextToken() == JsonToken.START_OBJECT) {
              entries++;
              ModelInfo model = ModelObjects.read(parser);
              if (model != null) {
                models.add(model);
              }
            }
          }
          case "result_info" -> info = resultInfo(parser);
          default -> parser.skipChildren();
        }
      }
      if (!sawResult) {
        throw new StreamProtocolException(endpoint + " answered without a result list");
      }
    } catch (JacksonException e) {
      throw Json.malformed("model list from " + endpoint, body, 0, body.length, e);
    }
    return new ModelSearchPage(models, entries, info[0], info[1]);
  }

  /** {@code {total_count, per_page}} of {@code result_info}, -1 for each one missing. */
  private static int[] resultInfo(JsonParser parser) {
    int[] info = {-1, -1};
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return info;
    }
    for (String field = parser.nextName(); field != null; field = parser.nextName()) {
      parser.nextToken();
      switch (field) {
        case "total_count" -> info[0] = Json.intOrMissing(parser);
        case "per_page" -> info[1] = Json.intOrMissing(parser);
        default -> parser.skipChildren();
      }
    }
    return info;
  }
}
