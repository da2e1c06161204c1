package io.github.flare4j.internal.model;

import java.util.Map;

/**
 * The text embedding models Workers AI hosts and their short names (vectors of 384 numbers for
 * bge-small, 768 for bge-base and embeddinggemma-300m, 1024 for bge-large and bge-m3).
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

  private EmbeddingModels() {}
}
