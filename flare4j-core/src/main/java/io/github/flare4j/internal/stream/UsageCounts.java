package io.github.flare4j.internal.stream;

import io.github.flare4j.Usage;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Token counts as a stream reports them, possibly in parts (one per step) and possibly missing
 * (the AI SDK writes an unknown count as {@code null}). Not thread-safe; one per reply.
 */
final class UsageCounts {
  private int prompt = -1;
  private int completion = -1;

  /**
   * Adds the counts of a usage object at the parser's current token: the v4 names
   * ({@code promptTokens}, {@code completionTokens}) or the v5 ones ({@code inputTokens},
   * {@code outputTokens}). Anything but an object is skipped.
   */
  void add(JsonParser parser) {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return;
    }
    for (String field = parser.nextName(); field != null; field = parser.nextName()) {
      parser.nextToken();
      switch (field) {
        case "promptTokens", "inputTokens" -> prompt = sum(prompt, Json.intOrMissing(parser));
        case "completionTokens", "outputTokens" ->
            completion = sum(completion, Json.intOrMissing(parser));
        default -> parser.skipChildren();
      }
    }
  }

  /**
   * Merges a usage object at the parser's current token over the counts so far: each count it
   * has replaces the one before (null makes it unknown again), the others stay. This is how the
   * AI SDK's client merges message metadata sent in several chunks. A non-object is skipped.
   */
  void merge(JsonParser parser) {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return;
    }
    for (String field = parser.nextName(); field != null; field = parser.nextName()) {
      parser.nextToken();
      switch (field) {
        case "promptTokens", "inputTokens" -> prompt = Json.intOrMissing(parser);
        case "completionTokens", "outputTokens" -> completion = Json.intOrMissing(parser);
        default -> parser.skipChildren();
      }
    }
  }

  /** Emits one {@link Usage} when any count was reported, and starts over. */
  void emit(ItemBuffer out) {
    if (prompt >= 0 || completion >= 0) {
      out.add(Usage.of(Math.max(prompt, 0), Math.max(completion, 0)));
    }
    reset();
  }

  void reset() {
    prompt = -1;
    completion = -1;
  }

  private static int sum(int total, int value) {
    if (value < 0) {
      return total;
    }
    return total < 0 ? value : total + value;
  }
}
