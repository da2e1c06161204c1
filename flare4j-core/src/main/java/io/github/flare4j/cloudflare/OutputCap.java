package io.github.flare4j.cloudflare;

import io.github.flare4j.ReasoningDelta;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.StepReset;
import io.github.flare4j.TextDelta;
import io.github.flare4j.ToolCall;
import io.github.flare4j.ToolCallDelta;
import io.github.flare4j.internal.text.TokenEstimate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@code max_tokens} applied on this side, for the Agents socket, whose agent has no such
 * setting: it counts the reply's output as the items pass and cuts it where the estimate would go
 * past the limit. The estimate is {@link TokenEstimate}'s rule (characters / 4, rounded up) over
 * the text deltas, reasoning deltas and tool call argument fragments of the reply as it stands (a
 * {@link StepReset} takes what it withdraws off the count), so the reply the caller ends with
 * has at most {@code maxTokens * 4} characters of them. The model's own tokenizer may count more
 * or fewer tokens for the same text: the cap is approximate.
 *
 * <p>An item that fits is handed on unchanged; the delta that would go past the limit is cut to
 * the characters that still fit (never between the two halves of a surrogate pair) and handed on
 * when anything of it is left, and {@link #reached()} then says that the reply ends there: the
 * attempt adds finish reason {@code length} and stops the turn. A reply that fits is never
 * touched, not even one that ends exactly at the limit. Items that carry no output (the start,
 * whole tool calls, whose arguments came as fragments, usage, the finish reason) pass as they are.
 *
 * <p>Not thread-safe: used by the attempt's reading thread.
 */
final class OutputCap {
  /** The finish reason of a reply cut here: the AI SDK's, and OpenAI's, for {@code max_tokens}. */
  static final String LENGTH = "length";

  private final long budget;
  private long counted;
  private boolean reached;
  /** Characters counted for each tool call not complete yet, by the call's index. */
  private final Map<Integer, Long> streamingCalls = new HashMap<>();
  /** Characters counted for each complete tool call, the last one last (for a step reset). */
  private final Deque<Long> completeCalls = new ArrayDeque<>();

  /** A cap of {@code maxTokens}, 1 or more. */
  OutputCap(int maxTokens) {
    if (maxTokens < 1) {
      throw new IllegalArgumentException("max_tokens must be at least 1, was " + maxTokens);
    }
    this.budget = TokenEstimate.charsFor(maxTokens);
  }

  /** True once the limit was reached: nothing after the last item {@link #admit}ted belongs to the reply. */
  boolean reached() {
    return reached;
  }

  /**
   * What of {@code item} the caller gets: the item itself when it fits (or carries no output), a
   * shorter copy when only part of it fits, or null when none of it does; check {@link #reached()}
   * after each call.
   *
   * @throws IllegalStateException once the limit was reached
   */
  ResponseItem admit(ResponseItem item) {
    if (reached) {
      throw new IllegalStateException("the reply already ended at its max_tokens");
    }
    return switch (item) {
      case TextDelta text -> {
        String kept = fit(text.text());
        yield kept == text.text() ? text : kept.isEmpty() ? null : new TextDelta(kept);
      }
      case ReasoningDelta reasoning -> {
        String kept = fit(reasoning.text());
        yield kept == reasoning.text() ? reasoning
            : kept.isEmpty() ? null : new ReasoningDelta(kept);
      }
      case ToolCallDelta piece -> {
        String fragment = piece.argumentsFragment();
        String kept = fit(fragment);
        streamingCalls.merge(piece.index(), (long) kept.length(), Long::sum);
        yield kept == fragment ? piece : kept.isEmpty() ? null
            : new ToolCallDelta(piece.index(), piece.id(), piece.name(), kept);
      }
      case ToolCall call -> {
        Long chars = streamingCalls.remove(call.index());
        completeCalls.addLast(chars == null ? 0L : chars);
        yield call;
      }
      case StepReset reset -> {
        long withdrawn = reset.textLength() + reset.reasoningLength();
        for (int i = 0; i < reset.toolCalls() && !completeCalls.isEmpty(); i++) {
          withdrawn += completeCalls.removeLast();
        }
        // calls of the step still being streamed are dropped without a count: they stay counted,
        // which can only make the cap come sooner, never later
        counted = Math.max(0, counted - withdrawn);
        yield reset;
      }
      default -> item; // start, usage, finish reason: no output of their own
    };
  }

  /** {@code text} itself when it fits, else the part of it that does (maybe none), and reached. */
  private String fit(String text) {
    long room = budget - counted;
    if (text.length() <= room) {
      counted += text.length();
      return text;
    }
    int end = (int) room;
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // half a character would be no character
    }
    counted += end;
    reached = true;
    return text.substring(0, end);
  }
}
