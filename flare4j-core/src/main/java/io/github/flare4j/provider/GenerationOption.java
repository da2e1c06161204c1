package io.github.flare4j.provider;

import io.github.flare4j.GenerationOptions;
import java.util.EnumSet;
import java.util.Set;

/** One of the sampling options of {@link GenerationOptions}, by the name the APIs give it. */
public enum GenerationOption {
  /** {@code temperature}. */
  TEMPERATURE("temperature"),
  /** {@code top_p}. */
  TOP_P("top_p"),
  /** {@code top_k}. */
  TOP_K("top_k"),
  /** {@code seed}. */
  SEED("seed"),
  /** {@code repetition_penalty}. */
  REPETITION_PENALTY("repetition_penalty"),
  /** {@code frequency_penalty}. */
  FREQUENCY_PENALTY("frequency_penalty"),
  /** {@code presence_penalty}. */
  PRESENCE_PENALTY("presence_penalty"),
  /** {@code stop}: stop sequences. */
  STOP("stop");

  private final String wireName;

  GenerationOption(String wireName) {
    this.wireName = wireName;
  }

  /** The name in the APIs' JSON, e.g. {@code top_p}. */
  public String wireName() {
    return wireName;
  }

  /** The options {@code options} sets. */
  public static Set<GenerationOption> setIn(GenerationOptions options) {
    EnumSet<GenerationOption> set = EnumSet.noneOf(GenerationOption.class);
    if (options.temperature() != null) {
      set.add(TEMPERATURE);
    }
    if (options.topP() != null) {
      set.add(TOP_P);
    }
    if (options.topK() != null) {
      set.add(TOP_K);
    }
    if (options.seed() != null) {
      set.add(SEED);
    }
    if (options.repetitionPenalty() != null) {
      set.add(REPETITION_PENALTY);
    }
    if (options.frequencyPenalty() != null) {
      set.add(FREQUENCY_PENALTY);
    }
    if (options.presencePenalty() != null) {
      set.add(PRESENCE_PENALTY);
    }
    if (!options.stop().isEmpty()) {
      set.add(STOP);
    }
    return set;
  }
}
