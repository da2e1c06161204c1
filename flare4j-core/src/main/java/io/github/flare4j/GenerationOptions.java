package io.github.flare4j;

import java.util.List;
import java.util.Objects;

/**
 * Sampling options of a request. Every field is optional: null means "the service's default", and
 * only set fields are sent. Set them through {@link ChatRequest.Builder} (or {@link #builder()}).
 * Immutable.
 *
 * <p>Each value is checked against the range Workers AI's text generation models document in
 * their input schemas (the widest one where models differ; e.g. {@code temperature} is 0 to 5 for
 * {@code llama-3.3-70b-instruct-fp8-fast} and 0 to 2 in OpenAI's API, so a value an OpenAI client
 * sends always passes), when it is set: NaN, an infinity or a value outside the range is an
 * {@link IllegalArgumentException} that names the option, its value and its range, so nothing the
 * service would refuse (or a JSON {@code NaN}, which is no JSON at all) is ever sent. The ranges:
 * <ul>
 *   <li>{@code temperature}: 0 to 5;
 *   <li>{@code top_p}: 0 to 2;
 *   <li>{@code top_k}: 1 to 50;
 *   <li>{@code seed}: 1 to 9999999999;
 *   <li>{@code repetition_penalty}: 0 to 2;
 *   <li>{@code frequency_penalty} and {@code presence_penalty}: -2 to 2;
 *   <li>{@code stop}: at most 4 sequences (OpenAI's limit), none empty.
 * </ul>
 */
public final class GenerationOptions {

  /** The most stop sequences a request may have (OpenAI's limit). */
  public static final int MAX_STOP_SEQUENCES = 4;

  /** The largest seed Workers AI takes. */
  private static final long MAX_SEED = 9_999_999_999L;

  /** No option set. */
  public static final GenerationOptions NONE = builder().build();

  private final Double temperature;
  private final Double topP;
  private final Integer topK;
  private final Long seed;
  private final Double repetitionPenalty;
  private final Double frequencyPenalty;
  private final Double presencePenalty;
  private final List<String> stop;

  private GenerationOptions(Builder b) {
    this.temperature = checkTemperature(b.temperature);
    this.topP = checkTopP(b.topP);
    this.topK = checkTopK(b.topK);
    this.seed = checkSeed(b.seed);
    this.repetitionPenalty = checkRepetitionPenalty(b.repetitionPenalty);
    this.frequencyPenalty = check("frequency_penalty", b.frequencyPenalty, -2, 2);
    this.presencePenalty = check("presence_penalty", b.presencePenalty, -2, 2);
    this.stop = checkStop(b.stop);
  }

  /** A builder with no option set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.temperature = temperature;
    b.topP = topP;
    b.topK = topK;
    b.seed = seed;
    b.repetitionPenalty = repetitionPenalty;
    b.frequencyPenalty = frequencyPenalty;
    b.presencePenalty = presencePenalty;
    b.stop = stop;
    return b;
  }

  /** Randomness, 0 to 5; null for the service's default. */
  public Double temperature() {
    return temperature;
  }

  /** Nucleus sampling, 0 to 2; null for the service's default. */
  public Double topP() {
    return topP;
  }

  /** Top-k sampling, 1 to 50; null for the service's default. */
  public Integer topK() {
    return topK;
  }

  /** A seed for reproducible output, 1 to 9999999999; null for none. */
  public Long seed() {
    return seed;
  }

  /** Penalty for repeated tokens, 0 to 2; null for the service's default. */
  public Double repetitionPenalty() {
    return repetitionPenalty;
  }

  /** Penalty by token frequency, -2 to 2; null for the service's default. */
  public Double frequencyPenalty() {
    return frequencyPenalty;
  }

  /** Penalty by token presence, -2 to 2; null for the service's default. */
  public Double presencePenalty() {
    return presencePenalty;
  }

  /** Stop sequences: the reply ends before the first of them; empty for none. */
  public List<String> stop() {
    return stop;
  }

  /** True when no option is set. */
  public boolean isEmpty() {
    return equals(NONE);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof GenerationOptions that
        && Objects.equals(temperature, that.temperature) && Objects.equals(topP, that.topP)
        && Objects.equals(topK, that.topK) && Objects.equals(seed, that.seed)
        && Objects.equals(repetitionPenalty, that.repetitionPenalty)
        && Objects.equals(frequencyPenalty, that.frequencyPenalty)
        && Objects.equals(presencePenalty, that.presencePenalty) && stop.equals(that.stop);
  }

  @Override
  public int hashCode() {
    return Objects.hash(temperature, topP, topK, seed, repetitionPenalty, frequencyPenalty,
        presencePenalty, stop);
  }

  /** The options set, by their wire names. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("GenerationOptions[");
    append(out, "temperature", temperature);
    append(out, "top_p", topP);
    append(out, "top_k", topK);
    append(out, "seed", seed);
    append(out, "repetition_penalty", repetitionPenalty);
    append(out, "frequency_penalty", frequencyPenalty);
    append(out, "presence_penalty", presencePenalty);
    append(out, "stop", stop.isEmpty() ? null : stop);
    return out.append(']').toString();
  }

  private static void append(StringBuilder out, String name, Object value) {
    if (value != null) {
      out.append(out.charAt(out.length() - 1) == '[' ? "" : ", ").append(name).append('=')
          .append(value);
    }
  }

  static Double checkTemperature(Double value) {
    return check("temperature", value, 0, 5);
  }

  static Double checkTopP(Double value) {
    return check("top_p", value, 0, 2);
  }

  static Integer checkTopK(Integer topK) {
    if (topK != null && (topK < 1 || topK > 50)) {
      throw outOfRange("top_k", topK.toString(), "1", "50");
    }
    return topK;
  }

  static Long checkSeed(Long seed) {
    if (seed != null && (seed < 1 || seed > MAX_SEED)) {
      throw outOfRange("seed", seed.toString(), "1", Long.toString(MAX_SEED));
    }
    return seed;
  }

  static Double checkRepetitionPenalty(Double value) {
    return check("repetition_penalty", value, 0, 2);
  }

  static List<String> checkStop(List<String> stop) {
    List<String> copy = stop == null ? List.of() : List.copyOf(stop);
    if (copy.size() > MAX_STOP_SEQUENCES) {
      throw new IllegalArgumentException("stop takes at most " + MAX_STOP_SEQUENCES
          + " sequences (OpenAI's limit), was given " + copy.size());
    }
    if (copy.contains("")) {
      throw new IllegalArgumentException("stop sequences must not be empty");
    }
    return copy;
  }

  static Double check(String name, Double value, int min, int max) {
    // !(in range) is also true for NaN; an infinity is out of every range
    if (value != null && !(value >= min && value <= max)) {
      throw outOfRange(name, value.toString(), Integer.toString(min), Integer.toString(max));
    }
    return value;
  }

  private static IllegalArgumentException outOfRange(
      String name, String value, String min, String max) {
    return new IllegalArgumentException(name + " must be from " + min + " to " + max
        + " (Workers AI's range), was " + value);
  }

  /**
   * Builds {@link GenerationOptions}; each setter checks its value at once. Not thread-safe.
   */
  public static final class Builder {
    private Double temperature;
    private Double topP;
    private Integer topK;
    private Long seed;
    private Double repetitionPenalty;
    private Double frequencyPenalty;
    private Double presencePenalty;
    private List<String> stop = List.of();

    private Builder() {}

    /**
     * Randomness, 0 to 5 (null for the service's default).
     *
     * @throws IllegalArgumentException when NaN, infinite or out of range
     */
    public Builder temperature(Double temperature) {
      this.temperature = checkTemperature(temperature);
      return this;
    }

    /**
     * Nucleus sampling, 0 to 2 (null for the service's default).
     *
     * @throws IllegalArgumentException when NaN, infinite or out of range
     */
    public Builder topP(Double topP) {
      this.topP = checkTopP(topP);
      return this;
    }

    /**
     * Top-k sampling, 1 to 50 (null for the service's default).
     *
     * @throws IllegalArgumentException when out of range
     */
    public Builder topK(Integer topK) {
      this.topK = checkTopK(topK);
      return this;
    }

    /**
     * A seed, 1 to 9999999999 (null for none).
     *
     * @throws IllegalArgumentException when out of range
     */
    public Builder seed(Long seed) {
      this.seed = checkSeed(seed);
      return this;
    }

    /**
     * Penalty for repeated tokens, 0 to 2 (null for the service's default).
     *
     * @throws IllegalArgumentException when NaN, infinite or out of range
     */
    public Builder repetitionPenalty(Double penalty) {
      this.repetitionPenalty = checkRepetitionPenalty(penalty);
      return this;
    }

    /**
     * Penalty by token frequency, -2 to 2 (null for the service's default).
     *
     * @throws IllegalArgumentException when NaN, infinite or out of range
     */
    public Builder frequencyPenalty(Double penalty) {
      this.frequencyPenalty = check("frequency_penalty", penalty, -2, 2);
      return this;
    }

    /**
     * Penalty by token presence, -2 to 2 (null for the service's default).
     *
     * @throws IllegalArgumentException when NaN, infinite or out of range
     */
    public Builder presencePenalty(Double penalty) {
      this.presencePenalty = check("presence_penalty", penalty, -2, 2);
      return this;
    }

    /**
     * Stop sequences (null or empty for none).
     *
     * @throws IllegalArgumentException when there are more than 4, or one is empty
     */
    public Builder stop(List<String> stop) {
      this.stop = checkStop(stop);
      return this;
    }

    /** The options. */
    public GenerationOptions build() {
      return new GenerationOptions(this);
    }
  }
}
