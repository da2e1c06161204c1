package io.github.flare4j;

/**
 * The service withdrew the step the reply is in (the AI SDK's {@code reset-step} chunk, sent when
 * a step of a multi-step reply is started over): the last {@code textLength} characters of text,
 * the last {@code reasoningLength} characters of reasoning and the last {@code toolCalls} tool
 * calls that the stream delivered are not part of the reply any more. What follows replaces them.
 *
 * <p>{@link ChatResult#of} (and so {@link ChatStream#collect()} and {@code createCompletion})
 * drops them. A program that shows the reply as it arrives decides what to do: redraw, or, like
 * {@code flare4j chat}, which cannot take back what it printed, say so. It is sent only when the
 * step had delivered something; lengths count {@code char}s, as {@link String#length()} does.
 *
 * @param textLength how much of the end of the text delivered so far is withdrawn
 * @param reasoningLength how much of the end of the reasoning delivered so far is withdrawn
 * @param toolCalls how many of the last tool calls delivered are withdrawn
 */
public record StepReset(long textLength, long reasoningLength, int toolCalls)
    implements ResponseItem {
  /**
   * Checks the counts.
   *
   * @throws IllegalArgumentException when a count is negative
   */
  public StepReset {
    if (textLength < 0 || reasoningLength < 0 || toolCalls < 0) {
      throw new IllegalArgumentException("negative count in a step reset: text " + textLength
          + ", reasoning " + reasoningLength + ", tool calls " + toolCalls);
    }
  }
}
