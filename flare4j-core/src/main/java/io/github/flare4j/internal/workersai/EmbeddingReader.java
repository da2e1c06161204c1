package io.github.flare4j.internal.workersai;

import io.github.flare4j.Usage;
import io.github.flare4j.error.StreamProtocolException;
import io.github.flare4j.internal.stream.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads an embedding reply with a token loop, whichever API sent it:
 *
 * <ul>
 *   <li>the REST API's v4 envelope, {@code {"result":{"shape":[n,d],"data":[[..],..]},"success":true,..}};
 *   <li>the OpenAI-compatible list, {@code {"object":"list","data":[{"object":"embedding","index":0,
 *       "embedding":[..]}],"model":..,"usage":{"prompt_tokens":..,"total_tokens":..}}}.
 * </ul>
 *
 * Numbers go straight into {@code float} arrays: no tree, no boxing. Unknown members are skipped.
 * Not thread-safe: one per reply.
 */
public final class EmbeddingReader {
  private final String endpoint;
  private List<float[]> vectors;
  private int[] indexes;
  private String model;
  private Usage usage;

  /** A reader for the reply from {@code endpoint} (for messages). */
  public EmbeddingReader(String endpoint) {
    this.endpoint = endpoint;
  }

  /**
   * Reads the object the parser has just entered ({@code START_OBJECT} is the current token).
   *
   * @return false when it holds no vectors: not an embedding reply
   * @throws StreamProtocolException when a vector holds something other than numbers, or the
   *     entries' indexes do not fit
   */
  public boolean object(JsonParser parser) {
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (name) {
        case "result" -> {
          if (value == JsonToken.START_OBJECT) {
            result(parser);
          } else {
            parser.skipChildren();
          }
        }
        case "data" -> data(parser);
        case "model" -> model = Json.stringOrNull(parser);
        case "usage" -> usage(parser);
        default -> parser.skipChildren();
      }
    }
    return vectors != null;
  }

  /** The REST API's {@code result}: {@code shape}, {@code data}, perhaps {@code usage}. */
  private void result(JsonParser parser) {
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      switch (name) {
        case "data" -> data(parser);
        case "usage" -> usage(parser);
        default -> parser.skipChildren();
      }
    }
  }

  /** {@code data}: an array of vectors (REST) or of {@code embedding} objects (OpenAI). */
  private void data(JsonParser parser) {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return;
    }
    List<float[]> read = new ArrayList<>();
    int[] order = new int[8];
    boolean indexed = false;
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      int index = -1;
      float[] vector = null;
      if (token == JsonToken.START_ARRAY) {
        vector = vector(parser);
      } else if (token == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
          String name = parser.currentName();
          JsonToken value = parser.nextToken();
          if (name.equals("embedding") && value == JsonToken.START_ARRAY) {
            vector = vector(parser);
          } else if (name.equals("index")) {
            index = Json.intOrMissing(parser);
          } else {
            parser.skipChildren();
          }
        }
      } else {
        parser.skipChildren();
      }
      if (vector == null) {
        throw new StreamProtocolException(endpoint + " answered an embedding entry " + read.size()
            + " with no vector (no 'embedding' array of numbers)");
      }
      if (read.size() == order.length) {
        order = Arrays.copyOf(order, order.length * 2);
      }
      order[read.size()] = index;
      indexed |= index >= 0;
      read.add(vector);
    }
    vectors = indexed ? byIndex(read, order) : read;
  }

  /** The entries put in the order of their {@code index}, which must be 0 to n-1, each once. */
  private List<float[]> byIndex(List<float[]> read, int[] order) {
    float[][] placed = new float[read.size()][];
    for (int i = 0; i < read.size(); i++) {
      int index = order[i];
      if (index < 0 || index >= placed.length || placed[index] != null) {
        throw new StreamProtocolException(endpoint + " answered embeddings whose indexes do not"
            + " run from 0 to " + (placed.length - 1) + " once each (entry " + i + " has "
            + (index < 0 ? "none" : Integer.toString(index)) + ")");
      }
      placed[index] = read.get(i);
    }
    return Arrays.asList(placed);
  }

  /** One vector: the array the parser has just entered, numbers only. */
  private float[] vector(JsonParser parser) {
    float[] numbers = new float[1024];
    int length = 0;
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token != JsonToken.VALUE_NUMBER_FLOAT && token != JsonToken.VALUE_NUMBER_INT) {
        throw new StreamProtocolException(endpoint + " answered an embedding vector holding "
            + (token == null ? "nothing" : token.asString() == null ? token.name().toLowerCase(
                java.util.Locale.ROOT) : "'" + token.asString() + "'")
            + " where numbers were expected");
      }
      if (length == numbers.length) {
        numbers = Arrays.copyOf(numbers, numbers.length * 2);
      }
      numbers[length++] = parser.getFloatValue();
    }
    return Arrays.copyOf(numbers, length);
  }

  /** {@code usage}: {@code prompt_tokens} and {@code total_tokens}, when present. */
  private void usage(JsonParser parser) {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return;
    }
    int prompt = -1;
    int total = -1;
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      switch (name) {
        case "prompt_tokens" -> prompt = Json.intOrMissing(parser);
        case "total_tokens" -> total = Json.intOrMissing(parser);
        default -> parser.skipChildren();
      }
    }
    if (prompt >= 0 || total >= 0) {
      int input = prompt >= 0 ? prompt : total;
      usage = new Usage(input, 0, total >= 0 ? total : input);
    }
  }

  /** The vectors, in the inputs' order; null when none were read. */
  public List<float[]> vectors() {
    return vectors;
  }

  /** The {@code model} member, or null when the reply has none (the REST API's). */
  public String model() {
    return model;
  }

  /** The usage, or null when the reply has none. */
  public Usage usage() {
    return usage;
  }
}
