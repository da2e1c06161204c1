package io.github.flare4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to embed: one or more texts, and the embedding model to turn them into vectors.
 *
 * <pre>{@code
 * EmbeddingRequest request = EmbeddingRequest.builder()
 *     .model("bge-base-en-v1.5")            // an alias, a full id (@cf/baai/...), or empty: the default
 *     .input("The first text")
 *     .input("The second text")
 *     .build();
 * EmbeddingResult result = workersAi.embed(request);
 * }</pre>
 *
 * <p>The model is resolved by the provider as a chat model is: an id ({@code @cf/baai/bge-m3}) is
 * sent as it is, an alias ({@code bge-m3}, {@code bge-base-en-v1.5}, {@code bge-small-en-v1.5},
 * {@code bge-large-en-v1.5}, {@code embeddinggemma-300m}) becomes its id, and an empty name means
 * the provider's default embedding model ({@code @cf/baai/bge-base-en-v1.5}).
 *
 * <p>Immutable and thread-safe; a final class with a {@link Builder} so that it can gain settings
 * without breaking callers.
 */
public final class EmbeddingRequest {
  private final String model;
  private final List<String> inputs;

  private EmbeddingRequest(Builder builder) {
    this.model = builder.model;
    this.inputs = List.copyOf(builder.inputs);
  }

  /**
   * A request for the default model.
   *
   * @param inputs the texts, at least one, none null
   * @throws IllegalArgumentException when there is no input
   * @throws NullPointerException when an input is null
   */
  public static EmbeddingRequest of(String... inputs) {
    return builder().inputs(List.of(inputs)).build();
  }

  /** A builder with no model (the default) and no input yet. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this request's model and inputs. */
  public Builder toBuilder() {
    return new Builder().model(model).inputs(inputs);
  }

  /** The model as given: an id, an alias or a short name; empty for the provider's default. */
  public String model() {
    return model;
  }

  /** The texts, in order; one vector comes back for each. Unmodifiable. */
  public List<String> inputs() {
    return inputs;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EmbeddingRequest that && model.equals(that.model)
        && inputs.equals(that.inputs);
  }

  @Override
  public int hashCode() {
    return Objects.hash(model, inputs);
  }

  /** The model and the number of inputs; not the texts, which may be private. */
  @Override
  public String toString() {
    return "EmbeddingRequest[model=" + (model.isEmpty() ? "(default)" : model) + ", inputs="
        + inputs.size() + "]";
  }

  /** Builds an {@link EmbeddingRequest}. Not thread-safe. */
  public static final class Builder {
    private String model = "";
    private final List<String> inputs = new ArrayList<>();

    private Builder() {}

    /** The model: an id, an alias or a short name; null or empty for the provider's default. */
    public Builder model(String model) {
      this.model = model == null ? "" : model.strip();
      return this;
    }

    /**
     * Adds one text.
     *
     * @throws NullPointerException when {@code text} is null
     */
    public Builder input(String text) {
      inputs.add(Objects.requireNonNull(text, "an embedding input must not be null"));
      return this;
    }

    /**
     * Replaces the texts with {@code texts}.
     *
     * @throws NullPointerException when the list or one of its texts is null
     */
    public Builder inputs(List<String> texts) {
      Objects.requireNonNull(texts, "inputs");
      inputs.clear();
      texts.forEach(this::input);
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws IllegalArgumentException when no input was given
     */
    public EmbeddingRequest build() {
      if (inputs.isEmpty()) {
        throw new IllegalArgumentException(
            "an embedding request needs at least one input text: add one with input(text)");
      }
      return new EmbeddingRequest(this);
    }
  }
}
