package io.github.flare4j;

import java.util.List;

/**
 * Sampling options of a request. Every field is optional: null means "the service's default", and
 * only set fields are sent. Set them through {@link ChatRequest.Builder}.
 *
 * <p>Each value is checked against the range Workers AI's text generation models document in
 * their input schemas (the widest one where models differ), when the options are made: NaN, an
 * infinity or a value outside the range is an {@link IllegalArgumentException} that names the
 * option, its value and its range, so nothing the service would refuse (or a JSON {@code NaN},
 * which is no JSON at all) is ever sent.
 *
 * @param temperature randomness, 0 to 5
 * @param topP nucleus sampling, 0 to 2
 * @param topK top-k sampling, 1 to 50
 * @param seed a seed for reproducible output, 1 to 9999999999
 * @param repetitionPenalty penalty for repeated tokens, 0 to 2
 * @param frequencyPenalty penalty by token frequency, -2 to 2
 * @param presencePenalty penalty by token presence, -2 to 2
 * @param stop stop sequences: the reply ends before the first of them; at most 4 (OpenAI's
 *     limit), none empty; an empty list sets none
 */
public record GenerationOptions(
    Double temperature,
    Double topP,
    Integer topK,
    Long seed,
    Double repetitionPenalty,
    Double frequencyPenalty,
    Double presencePenalty,
    List<String> stop) {

  /** The most stop sequences a request may have (OpenAI's limit). */
  public static final int MAX_STOP_SEQUENCES = 4;

  /** The largest seed Workers AI takes. */
  private static final long MAX_SEED = 9_999_999_999L;

  /**
   * Checks each value set against its range.
   *
   * @throws IllegalArgumentException naming the option, its value and its range, for a value
   *     that is NaN, infinite or out of range
   */
  public GenerationOptions {
    check("temperature", temperature, 0, 5);
    check("top_p", topP, 0, 2);
    if (topK != null && (topK < 1 || topK > 50)) {
      throw outOfRange("top_k", topK.toString(), "1", "50");
    }
    if (seed != null && (seed < 1 || seed > MAX_SEED)) {
      throw outOfRange("seed", seed.toString(), "1", Long.toString(MAX_SEED));
    }
    check("repetition_penalty", repetitionPenalty, 0, 2);
    check("frequency_penalty", frequencyPenalty, -2, 2);
    check("presence_penalty", presencePenalty, -2, 2);
    stop = stop == null ? List.of() : List.copyOf(stop);
    if (stop.size() > MAX_STOP_SEQUENCES) {
      throw new IllegalArgumentException("stop takes at most " + MAX_STOP_SEQUENCES
          + " sequences (OpenAI's limit), was given " + stop.size());
    }
    if (stop.contains("")) {
      throw new IllegalArgumentException("stop sequences must not be empty");
    }
  }

  /** Options without stop sequences. */
  public GenerationOptions(Double temperature, Double topP, Integer topK, Long seed,
      Double repetitionPenalty, Double frequencyPenalty, Double presencePenalty) {
    this(temperature, topP, topK, seed, repetitionPenalty, frequencyPenalty, presencePenalty,
        List.of());
  }

  private static void check(String name, Double value, int min, int max) {
    // !(in range) is also true for NaN; an infinity is out of every range
    if (value != null && !(value >= min && value <= max)) {
      throw outOfRange(name, value.toString(), Integer.toString(min), Integer.toString(max));
    }
  }

  private static IllegalArgumentException outOfRange(
      String name, String value, String min, String max) {
    return new IllegalArgumentException(name + " must be from " + min + " to " + max
        + " (Workers AI's range), was " + value);
  }

  /** No option set. */
  public static final GenerationOptions NONE =
      new GenerationOptions(null, null, null, null, null, null, null);

  /** True when no option is set. */
  public boolean isEmpty() {
    return equals(NONE);
  }
}
