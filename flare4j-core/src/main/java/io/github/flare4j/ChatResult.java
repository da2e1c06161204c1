package io.github.flare4j;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole reply, gathered from a {@link ChatStream}: which reply it is and which model gave it, its
 * text, its reasoning, its tool calls, the usage (when the service reported one) and why it
 * finished.
 *
 * @param id the reply's id ({@link ResponseStart#id()}); empty when the items held no
 *     {@link ResponseStart} (a {@link ChatStream.Source} of one's own: every provider sends one)
 * @param model the id of the model that answered ({@link ResponseStart#model()}); empty when the
 *     items held no {@link ResponseStart}
 * @param created when the reply began ({@link ResponseStart#created()}); {@link Instant#EPOCH}
 *     when the items held no {@link ResponseStart}
 * @param text the reply's text (all {@link TextDelta}s joined)
 * @param reasoning the reasoning text (all {@link ReasoningDelta}s joined), empty when none
 * @param toolCalls the tool calls, in order
 * @param usage the token usage, when the service reported it
 * @param finishReason why the reply ended (reason {@code "unknown"} when the stream gave none); its
 *     {@link FinishReason#kind()} is the same whatever the provider's spelling
 */
public record ChatResult(
    String id,
    String model,
    Instant created,
    String text,
    String reasoning,
    List<ToolCall> toolCalls,
    Optional<Usage> usage,
    FinishReason finishReason) {

  /** Checks and copies the parts. */
  public ChatResult {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(reasoning, "reasoning");
    toolCalls = List.copyOf(toolCalls);
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(finishReason, "finishReason");
  }

  /**
   * Gathers the items into a result. The first {@link ResponseStart} gives the id, model and time;
   * several {@link Usage} items (one per step) are added up; the last {@link FinishReason} wins; a
   * {@link StepReset} removes the text, reasoning and tool calls it withdraws;
   * {@link ToolCallDelta}s are left out (the whole {@link ToolCall} follows each call).
   */
  public static ChatResult of(Iterable<? extends ResponseItem> items) {
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    List<ToolCall> calls = new java.util.ArrayList<>();
    ResponseStart start = null;
    Usage usage = null;
    FinishReason finish = new FinishReason("unknown");
    for (ResponseItem item : items) {
      switch (item) {
        case ResponseStart s -> start = start == null ? s : start;
        case TextDelta t -> text.append(t.text());
        case ReasoningDelta r -> reasoning.append(r.text());
        case ToolCallDelta d -> { } // the whole call follows
        case ToolCall call -> calls.add(call);
        case StepReset reset -> {
          text.setLength((int) Math.max(0, text.length() - reset.textLength()));
          reasoning.setLength((int) Math.max(0, reasoning.length() - reset.reasoningLength()));
          calls.subList(Math.max(0, calls.size() - reset.toolCalls()), calls.size()).clear();
        }
        case Usage u -> usage = usage == null ? u : usage.plus(u);
        case FinishReason f -> finish = f;
      }
    }
    return new ChatResult(
        start == null ? "" : start.id(),
        start == null ? "" : start.model(),
        start == null ? Instant.EPOCH : start.created(),
        text.toString(), reasoning.toString(), calls, Optional.ofNullable(usage), finish);
  }
}
