package io.github.flare4j;

/**
 * How many tokens a request used, as the service reported it.
 *
 * @param promptTokens tokens of the input
 * @param completionTokens tokens of the reply
 * @param totalTokens both together
 */
public record Usage(int promptTokens, int completionTokens, int totalTokens)
    implements ResponseItem {

  /** Checks that no count is negative. */
  public Usage {
    if (promptTokens < 0 || completionTokens < 0 || totalTokens < 0) {
      throw new IllegalArgumentException(
          "token counts must not be negative: " + promptTokens + ", " + completionTokens + ", "
              + totalTokens);
    }
  }

  /** A usage whose total is the sum of prompt and completion tokens. */
  public static Usage of(int promptTokens, int completionTokens) {
    return new Usage(promptTokens, completionTokens, promptTokens + completionTokens);
  }
}
