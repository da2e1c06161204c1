package io.github.flare4j.provider;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One model a provider offers, as the service's model list describes it: its id, the provider's
 * short names for it, its task, its context window and the {@link Feature}s the list says it has.
 * Immutable; build one with {@link #builder(String)}.
 *
 * <p><b>What a model list speaks for.</b> Workers AI's model objects (the playground lists the
 * same ones) carry properties per model: {@code function_calling} ({@link Feature#TOOLS}),
 * {@code vision} ({@link Feature#IMAGES}), {@code reasoning} ({@link Feature#REASONING}),
 * {@code reasoning_effort} ({@link Feature#REASONING_EFFORT}) and {@code context_window}. For
 * the first three the list says yes or no ({@link #DESCRIBED_FEATURES}); it says nothing of the
 * other features (sampling options, JSON mode, ...), which only the provider's
 * {@link Capabilities} decide, and a missing {@code reasoning_effort} is not taken as a no.
 *
 * <p><b>A model the list does not describe</b> ({@link #described()} false: the list could not be
 * had, or a full id was named that it does not hold) has no known features: {@link #features()}
 * is empty, yet {@link #supports(Feature)} is true, so nothing is refused on a guess and the
 * service has the last word.
 */
public final class ModelInfo {
  /** The task of chat models. */
  public static final String TEXT_GENERATION = "Text Generation";
  /** The task of embedding models. */
  public static final String TEXT_EMBEDDINGS = "Text Embeddings";
  /** The features a model list says yes or no to for each model it describes. */
  public static final Set<Feature> DESCRIBED_FEATURES =
      Collections.unmodifiableSet(EnumSet.of(Feature.TOOLS, Feature.IMAGES, Feature.REASONING));

  private final String id;
  private final List<String> aliases;
  private final String task;
  private final OptionalInt contextWindow;
  private final Set<Feature> features;
  private final boolean described;

  private ModelInfo(Builder builder) {
    this.id = builder.id;
    this.aliases = List.copyOf(builder.aliases);
    this.task = builder.task;
    this.contextWindow = builder.contextWindow;
    this.features = builder.features.isEmpty() ? Set.of()
        : Collections.unmodifiableSet(EnumSet.copyOf(builder.features));
    this.described = builder.described;
  }

  /**
   * A builder for the model {@code id}: no aliases, task {@value #TEXT_GENERATION}, no context
   * window, no features, described.
   *
   * @throws IllegalArgumentException when {@code id} is blank
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** A builder holding this model's values. */
  public Builder toBuilder() {
    Builder builder = new Builder(id).aliases(aliases).task(task).features(features)
        .described(described);
    builder.contextWindow = contextWindow;
    return builder;
  }

  /** The id sent to the service, e.g. {@code @cf/meta/llama-3.3-70b-instruct-fp8-fast}. */
  public String id() {
    return id;
  }

  /** The provider's short names for it, e.g. {@code llama-3.3-70b}; often none. */
  public List<String> aliases() {
    return aliases;
  }

  /**
   * The service's task name: {@value #TEXT_GENERATION} for chat models,
   * {@value #TEXT_EMBEDDINGS} for embedding models. For a model the list does not describe, the
   * task the provider uses it for.
   */
  public String task() {
    return task;
  }

  /** How many tokens the model takes in, when the service lists it. */
  public OptionalInt contextWindow() {
    return contextWindow;
  }

  /**
   * The features the service's list says the model has; empty for a model it does not describe
   * (see {@link #described()}).
   */
  public Set<Feature> features() {
    return features;
  }

  /**
   * True when the service's model list described this model (its {@link #features()} are then
   * known); false for a model known only by name.
   */
  public boolean described() {
    return described;
  }

  /**
   * Whether a request for this model may ask for {@code feature}: false only when the list
   * describes the model and says it lacks a feature of {@link #DESCRIBED_FEATURES}. Whether the
   * provider can send the feature at all is its {@link Capabilities}' say; a request needs both.
   */
  public boolean supports(Feature feature) {
    Objects.requireNonNull(feature, "feature");
    return !described || !DESCRIBED_FEATURES.contains(feature) || features.contains(feature);
  }

  /**
   * What {@code request} asks for that this model lacks by its list ({@link #supports}), in the
   * order of {@link Feature}; empty when nothing (always for a model the list does not describe).
   */
  public List<Feature> unsupported(io.github.flare4j.ChatRequest request) {
    List<Feature> missing = new ArrayList<>();
    for (Feature feature : Capabilities.requestedBy(request)) {
      if (!supports(feature)) {
        missing.add(feature);
      }
    }
    return missing;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ModelInfo that && id.equals(that.id) && aliases.equals(that.aliases)
        && task.equals(that.task) && contextWindow.equals(that.contextWindow)
        && features.equals(that.features) && described == that.described;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, aliases, task, contextWindow, features, described);
  }

  @Override
  public String toString() {
    return "ModelInfo[" + id + (aliases.isEmpty() ? "" : ", aliases=" + aliases) + ", task=" + task
        + (contextWindow.isPresent() ? ", contextWindow=" + contextWindow.getAsInt() : "")
        + (described ? ", features=" + features : ", not described") + "]";
  }

  /** Builds a {@link ModelInfo}. Not thread-safe. */
  public static final class Builder {
    private final String id;
    private List<String> aliases = List.of();
    private String task = TEXT_GENERATION;
    private OptionalInt contextWindow = OptionalInt.empty();
    private final Set<Feature> features = EnumSet.noneOf(Feature.class);
    private boolean described = true;

    private Builder(String id) {
      if (id == null || id.isBlank()) {
        throw new IllegalArgumentException("A model needs an id");
      }
      this.id = id;
    }

    /** The provider's short names for the model (replacing any given before). */
    public Builder aliases(List<String> aliases) {
      List<String> copy = new ArrayList<>();
      for (String alias : Objects.requireNonNull(aliases, "aliases")) {
        copy.add(Objects.requireNonNull(alias, "alias"));
      }
      this.aliases = copy;
      return this;
    }

    /** The service's task name (default {@value ModelInfo#TEXT_GENERATION}). */
    public Builder task(String task) {
      this.task = Objects.requireNonNull(task, "task");
      return this;
    }

    /**
     * How many tokens the model takes in.
     *
     * @throws IllegalArgumentException when it is not positive
     */
    public Builder contextWindow(int tokens) {
      if (tokens <= 0) {
        throw new IllegalArgumentException("A context window is a positive number of tokens, not "
            + tokens);
      }
      this.contextWindow = OptionalInt.of(tokens);
      return this;
    }

    /** Adds a feature the list says the model has. */
    public Builder feature(Feature feature) {
      features.add(Objects.requireNonNull(feature, "feature"));
      return this;
    }

    /** The features the list says the model has (replacing any given before). */
    public Builder features(Set<Feature> features) {
      Objects.requireNonNull(features, "features");
      this.features.clear();
      features.forEach(this::feature);
      return this;
    }

    /**
     * Whether the service's list described the model (default true); false for a model known only
     * by name, whose features are unknown.
     */
    public Builder described(boolean described) {
      this.described = described;
      return this;
    }

    /** Builds the model. */
    public ModelInfo build() {
      return new ModelInfo(this);
    }
  }
}
