package io.github.flare4j;

/**
 * One item of a streamed reply, in the order the service sent it: first one {@link ResponseStart}
 * (the reply's id, model and time), then text and reasoning as they are generated, tool calls as
 * their pieces arrive ({@link ToolCallDelta}) and once complete ({@link ToolCall}), then
 * {@link Usage} (when the service reports it) and one {@link FinishReason} per reply. A
 * {@link StepReset} says that the service withdrew the end of what came before (a step it started
 * over).
 *
 * <p>The interface is sealed on purpose: read it with a {@code switch} that has no {@code default}
 * branch, and the compiler shows every place to update when a new kind of item is added.
 *
 * <pre>{@code
 * for (ResponseItem item : stream) {
 *   switch (item) {
 *     case ResponseStart start -> log(start.id(), start.model());
 *     case TextDelta t -> System.out.print(t.text());
 *     case ReasoningDelta r -> {}
 *     case ToolCallDelta piece -> {}
 *     case ToolCall call -> handle(call);
 *     case StepReset reset -> redraw(reset);
 *     case Usage u -> log(u.totalTokens());
 *     case FinishReason f -> System.out.println();
 *   }
 * }
 * }</pre>
 */
public sealed interface ResponseItem
    permits ResponseStart, TextDelta, ReasoningDelta, ToolCallDelta, ToolCall, StepReset, Usage,
        FinishReason {}
