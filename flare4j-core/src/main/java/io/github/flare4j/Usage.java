package io.github.flare4j;

/**
 * How many tokens a request used, as the service reported it.
 *
 * <p>{@code cachedTokens} and {@code reasoningTokens} are parts of the prompt and completion counts
 * that some services report (OpenAI's {@code prompt_tokens_details.cached_tokens} and
 * {@code completion_tokens_details.reasoning_tokens}, the AI SDK's {@code cachedInputTokens} and
 * {@code reasoningTokens}); each is 0 when the service did not report it.
 *
 * @param promptTokens tokens of the input
 * @param completionTokens tokens of the reply
 * @param totalTokens both together
 * @param cachedTokens of the prompt tokens, those the service had cached; 0 when not reported
 * @param reasoningTokens of the completion tokens, those spent on reasoning; 0 when not reported
 */
public record Usage(int promptTokens, int completionTokens, int totalTokens, int cachedTokens,
    int reasoningTokens) implements ResponseItem {

  /** Checks that no count is negative. */
  public Usage {
    if (promptTokens < 0 || completionTokens < 0 || totalTokens < 0 || cachedTokens < 0
        || reasoningTokens < 0) {
      throw new IllegalArgumentException(
          "token counts must not be negative: " + promptTokens + ", " + completionTokens + ", "
              + totalTokens + ", " + cachedTokens + ", " + reasoningTokens);
    }
  }

  /** A usage with no cached or reasoning tokens reported. */
  public Usage(int promptTokens, int completionTokens, int totalTokens) {
    this(promptTokens, completionTokens, totalTokens, 0, 0);
  }

  /** A usage whose total is the sum of prompt and completion tokens. */
  public static Usage of(int promptTokens, int completionTokens) {
    return new Usage(promptTokens, completionTokens, promptTokens + completionTokens);
  }

  /** This usage and {@code other} added up, count by count (the steps of one reply). */
  public Usage plus(Usage other) {
    return new Usage(promptTokens + other.promptTokens, completionTokens + other.completionTokens,
        totalTokens + other.totalTokens, cachedTokens + other.cachedTokens,
        reasoningTokens + other.reasoningTokens);
  }
}
