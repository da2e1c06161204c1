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
  private int cached = -1;
  private int reasoning = -1;

  /**
   * Adds the counts of a usage object at the parser's current token: the v4 names
   * ({@code promptTokens}, {@code completionTokens}) or the v5 ones ({@code inputTokens},
   * {@code outputTokens}), with the v5 parts {@code cachedInputTokens} and {@code reasoningTokens}
   * (or, from AI SDK 6, {@code inputTokenDetails.cacheReadTokens} and
   * {@code outputTokenDetails.reasoningTokens}). Anything but an object is skipped.
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
        case "cachedInputTokens" -> cached = sum(cached, Json.intOrMissing(parser));
        case "reasoningTokens" -> reasoning = sum(reasoning, Json.intOrMissing(parser));
        case "inputTokenDetails" -> cached = sum(cached, Json.countIn(parser, "cacheReadTokens"));
        case "outputTokenDetails" -> reasoning = sum(reasoning, Json.countIn(parser, "reasoningTokens"));
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
        case "cachedInputTokens" -> cached = Json.intOrMissing(parser);
        case "reasoningTokens" -> reasoning = Json.intOrMissing(parser);
        case "inputTokenDetails" -> cached = Json.countIn(parser, "cacheReadTokens");
        case "outputTokenDetails" -> reasoning = Json.countIn(parser, "reasoningTokens");
        default -> parser.skipChildren();
      }
    }
  }

  /** Emits one {@link Usage} when any count was reported, and starts over. */
  void emit(ItemBuffer out) {
    if (prompt >= 0 || completion >= 0) {
      int in = Math.max(prompt, 0);
      int outTokens = Math.max(completion, 0);
      out.add(new Usage(in, outTokens, in + outTokens, Math.max(cached, 0),
          Math.max(reasoning, 0)));
    }
    reset();
  }

  void reset() {
    prompt = -1;
    completion = -1;
    cached = -1;
    reasoning = -1;
  }

  private static int sum(int total, int value) {
    if (value < 0) {
      return total;
    }
    return total < 0 ? value : total + value;
  }
}
