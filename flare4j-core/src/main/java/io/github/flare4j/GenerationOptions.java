package io.github.flare4j;

/**
 * Sampling options of a request. Every field is optional: null means "the service's default", and
 * only set fields are sent. Set them through {@link ChatRequest.Builder}.
 *
 * @param temperature randomness, 0 to 5 on Workers AI
 * @param topP nucleus sampling, 0 to 2
 * @param topK top-k sampling, 1 to 50
 * @param seed a seed for reproducible output
 * @param repetitionPenalty penalty for repeated tokens, 0 to 2
 * @param frequencyPenalty penalty by token frequency, -2 to 2
 * @param presencePenalty penalty by token presence, -2 to 2
 */
public record GenerationOptions(
    Double temperature,
    Double topP,
    Integer topK,
    Long seed,
    Double repetitionPenalty,
    Double frequencyPenalty,
    Double presencePenalty) {

  /** No option set. */
  public static final GenerationOptions NONE =
      new GenerationOptions(null, null, null, null, null, null, null);

  /** True when no option is set. */
  public boolean isEmpty() {
    return equals(NONE);
  }
}
