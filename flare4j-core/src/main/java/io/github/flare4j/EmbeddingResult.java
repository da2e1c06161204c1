package io.github.flare4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The vectors an embedding model returned, one per input and in the inputs' order, with the
 * model that answered and the token usage when the service reported it.
 *
 * <p>Immutable and thread-safe: the vectors are copied in, and every accessor hands out copies,
 * so a caller may change what it gets without changing the result.
 */
public final class EmbeddingResult {
  private final String model;
  private final float[][] vectors;
  private final Usage usage;

  /**
   * A result; the vectors are copied.
   *
   * @param model the model that answered (its id)
   * @param vectors one vector per input, all of the same length
   * @param usage the tokens used, or null when the service did not say
   * @throws IllegalArgumentException when there is no vector, or their lengths differ
   * @throws NullPointerException when the model, the list or a vector is null
   */
  public EmbeddingResult(String model, List<float[]> vectors, Usage usage) {
    this.model = Objects.requireNonNull(model, "model");
    Objects.requireNonNull(vectors, "vectors");
    if (vectors.isEmpty()) {
      throw new IllegalArgumentException("an embedding result needs at least one vector");
    }
    float[][] copies = new float[vectors.size()][];
    for (int i = 0; i < copies.length; i++) {
      float[] vector = Objects.requireNonNull(vectors.get(i), "vector " + i);
      if (vector.length != vectors.get(0).length) {
        throw new IllegalArgumentException("the vectors' lengths differ: vector 0 has "
            + vectors.get(0).length + " numbers, vector " + i + " has " + vector.length);
      }
      copies[i] = vector.clone();
    }
    this.vectors = copies;
    this.usage = usage;
  }

  /** The model that answered: its id, as the service named it or as it was sent. */
  public String model() {
    return model;
  }

  /** How many vectors there are: one per input. */
  public int size() {
    return vectors.length;
  }

  /** How many numbers each vector has (768 for bge-base-en-v1.5). */
  public int dimensions() {
    return vectors[0].length;
  }

  /**
   * A copy of the vector of input {@code index}.
   *
   * @throws IndexOutOfBoundsException when there is no such input
   */
  public float[] vector(int index) {
    return vectors[index].clone();
  }

  /** Copies of every vector, in the inputs' order; an unmodifiable list. */
  public List<float[]> vectors() {
    List<float[]> copies = new ArrayList<>(vectors.length);
    for (float[] vector : vectors) {
      copies.add(vector.clone());
    }
    return List.copyOf(copies);
  }

  /** The tokens the inputs used (no completion tokens), when the service reported them. */
  public Optional<Usage> usage() {
    return Optional.ofNullable(usage);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EmbeddingResult that && model.equals(that.model)
        && Arrays.deepEquals(vectors, that.vectors) && Objects.equals(usage, that.usage);
  }

  @Override
  public int hashCode() {
    return Objects.hash(model, Arrays.deepHashCode(vectors), usage);
  }

  @Override
  public String toString() {
    return "EmbeddingResult[model=" + model + ", vectors=" + vectors.length + "x" + dimensions()
        + (usage == null ? "" : ", " + usage) + "]";
  }
}
