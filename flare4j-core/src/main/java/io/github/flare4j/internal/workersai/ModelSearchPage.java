package io.github.flare4j.internal.workersai;

import io.github.flare4j.error.StreamProtocolException;
import io.github.flare4j.internal.stream.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * One page of {@code GET .../ai/models/search}:
 * {@code {"result":[{"name":"@cf/..","task":{"name":"Text Generation"},..}],"result_info":
 * {"page","per_page","count","total_count"},"success":true,..}}. Only models whose task is
 * {@value #TEXT_GENERATION} are kept: the server's own filter has been unreliable.
 *
 * @param models the text generation models of the page, in order
 * @param entries how many entries the page had, of any task
 * @param totalCount the total the server reported, or -1 when it did not
 * @param perPage the page size the server used (it caps what was asked), or -1 when it did not say
 */
public record ModelSearchPage(List<String> models, int entries, int totalCount, int perPage) {
  /** The task name of text generation models. */
  public static final String TEXT_GENERATION = "Text Generation";

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
    List<String> models = new ArrayList<>();
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
              String name = textGenerationModel(parser);
              if (name != null) {
                models.add(name);
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

  /**
   * Reads one Workers AI model object, the parser on its {@code START_OBJECT}: its {@code name} when
   * its task is {@value #TEXT_GENERATION}, else null. The playground's {@code getModels} RPC answers
   * with the same objects.
   */
  public static String textGenerationModel(JsonParser parser) {
    String name = null;
    String task = null;
    for (String field = parser.nextName(); field != null; field = parser.nextName()) {
      parser.nextToken();
      switch (field) {
        case "name" -> name = Json.stringOrNull(parser);
        case "task" -> task = taskName(parser);
        default -> parser.skipChildren();
      }
    }
    return name != null && !name.isBlank() && TEXT_GENERATION.equals(task) ? name : null;
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
