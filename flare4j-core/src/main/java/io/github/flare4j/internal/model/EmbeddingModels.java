package io.github.flare4j.internal.model;

import java.util.Map;
import java.util.Optional;

/**
 * The text embedding models Workers AI hosts, their short names and the length of their vectors.
 * Resolved by the same {@link ModelResolver} as chat models, against this table rather than the
 * account's list (which lists text generation models only).
 */
public final class EmbeddingModels {
  /** The model of a request that names none. */
  public static final String DEFAULT_MODEL = "@cf/baai/bge-base-en-v1.5";

  /** Alias to model id. */
  public static final Map<String, String> ALIASES = Aliases.of(
      "bge-m3", "@cf/baai/bge-m3",
      "bge-base-en-v1.5", "@cf/baai/bge-base-en-v1.5",
      "bge-small-en-v1.5", "@cf/baai/bge-small-en-v1.5",
      "bge-large-en-v1.5", "@cf/baai/bge-large-en-v1.5",
      "embeddinggemma-300m", "@cf/google/embeddinggemma-300m");

  private static final Map<String, Integer> DIMENSIONS = Map.of(
      "@cf/baai/bge-m3", 1024,
      "@cf/baai/bge-base-en-v1.5", 768,
      "@cf/baai/bge-small-en-v1.5", 384,
      "@cf/baai/bge-large-en-v1.5", 1024,
      "@cf/google/embeddinggemma-300m", 768);

  private EmbeddingModels() {}

  /** The length of {@code model}'s vectors, when it is one of the table's. */
  public static Optional<Integer> dimensions(String model) {
    return Optional.ofNullable(DIMENSIONS.get(model));
  }
}
