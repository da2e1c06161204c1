package io.github.flare4j;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole reply, gathered from a {@link ChatStream}: its text, its reasoning, its tool calls, the
 * usage (when the service reported one) and why it finished.
 *
 * @param text the reply's text (all {@link TextDelta}s joined)
 * @param reasoning the reasoning text (all {@link ReasoningDelta}s joined), empty when none
 * @param toolCalls the tool calls, in order
 * @param usage the token usage, when the service reported it
 * @param finishReason why the reply ended ({@code "unknown"} when the stream gave no reason)
 */
public record ChatResult(
    String text,
    String reasoning,
    List<ToolCall> toolCalls,
    Optional<Usage> usage,
    String finishReason) {

  /** Checks and copies the parts. */
  public ChatResult {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(reasoning, "reasoning");
    toolCalls = List.copyOf(toolCalls);
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(finishReason, "finishReason");
  }

  /**
   * Gathers the items into a result. Several {@link Usage} items (one per step) are added up; the
   * last {@link FinishReason} wins; a {@link StepReset} removes the text, reasoning and tool calls
   * it withdraws.
   */
  public static ChatResult of(Iterable<? extends ResponseItem> items) {
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    List<ToolCall> calls = new java.util.ArrayList<>();
    Usage usage = null;
    String finish = "unknown";
    for (ResponseItem item : items) {
      switch (item) {
        case TextDelta t -> text.append(t.text());
        case ReasoningDelta r -> reasoning.append(r.text());
        case ToolCall call -> calls.add(call);
        case StepReset reset -> {
          text.setLength((int) Math.max(0, text.length() - reset.textLength()));
          reasoning.setLength((int) Math.max(0, reasoning.length() - reset.reasoningLength()));
          calls.subList(Math.max(0, calls.size() - reset.toolCalls()), calls.size()).clear();
        }
        case Usage u -> usage = usage == null ? u : new Usage(
            usage.promptTokens() + u.promptTokens(),
            usage.completionTokens() + u.completionTokens(),
            usage.totalTokens() + u.totalTokens());
        case FinishReason f -> finish = f.reason();
      }
    }
    return new ChatResult(
        text.toString(), reasoning.toString(), calls, Optional.ofNullable(usage), finish);
  }
}
