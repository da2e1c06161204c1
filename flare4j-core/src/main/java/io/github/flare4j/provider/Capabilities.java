package io.github.flare4j.provider;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.GenerationOptions;
import io.github.flare4j.ResponseFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a provider (on its transport), or a model, does with a request, known before anything is
 * sent: a set of {@link Feature}s. A request that asks for a feature outside the set is refused by
 * the feature's name ({@link #check}); a provider's and a model's capabilities combine with
 * {@link #intersect(Set)}. Immutable.
 */
public final class Capabilities {
  private final Set<Feature> features;

  private Capabilities(Set<Feature> features) {
    this.features = Collections.unmodifiableSet(
        features.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(features));
  }

  /** Capabilities with exactly {@code features}. */
  public static Capabilities of(Feature... features) {
    EnumSet<Feature> set = EnumSet.noneOf(Feature.class);
    for (Feature feature : features) {
      set.add(Objects.requireNonNull(feature, "feature"));
    }
    return new Capabilities(set);
  }

  /** Capabilities with exactly {@code features}. */
  public static Capabilities of(Set<Feature> features) {
    return new Capabilities(Objects.requireNonNull(features, "features"));
  }

  /** Capabilities with every feature but {@code missing}. */
  public static Capabilities allBut(Feature... missing) {
    EnumSet<Feature> set = EnumSet.allOf(Feature.class);
    set.removeAll(List.of(missing));
    return new Capabilities(set);
  }

  /** The features, unmodifiable, in the enum's order. */
  public Set<Feature> features() {
    return features;
  }

  /** True when {@code feature} is among these. */
  public boolean supports(Feature feature) {
    return features.contains(feature);
  }

  /** The features both these and {@code others} have (a provider's and a model's, say). */
  public Capabilities intersect(Set<Feature> others) {
    EnumSet<Feature> both = EnumSet.noneOf(Feature.class);
    both.addAll(features);
    both.retainAll(others);
    return new Capabilities(both);
  }

  /** The features both these and {@code others} have. */
  public Capabilities intersect(Capabilities others) {
    return intersect(others.features);
  }

  /**
   * The features {@code request} asks for, from every field it sets: each sampling option,
   * {@code max_tokens}, tools, tool choice, parallel tool calls, JSON object or schema output,
   * images, reasoning effort, the end user, {@code rejectIfBusy} and extra body members. (A
   * response format of plain text asks for nothing.)
   */
  public static Set<Feature> requestedBy(ChatRequest request) {
    EnumSet<Feature> asked = EnumSet.noneOf(Feature.class);
    GenerationOptions options = request.options();
    addIf(asked, options.temperature() != null, Feature.TEMPERATURE);
    addIf(asked, options.topP() != null, Feature.TOP_P);
    addIf(asked, options.topK() != null, Feature.TOP_K);
    addIf(asked, options.seed() != null, Feature.SEED);
    addIf(asked, !options.stop().isEmpty(), Feature.STOP);
    addIf(asked, options.frequencyPenalty() != null, Feature.FREQUENCY_PENALTY);
    addIf(asked, options.presencePenalty() != null, Feature.PRESENCE_PENALTY);
    addIf(asked, options.repetitionPenalty() != null, Feature.REPETITION_PENALTY);
    addIf(asked, request.maxTokens().isPresent(), Feature.MAX_TOKENS);
    addIf(asked, !request.tools().isEmpty(), Feature.TOOLS);
    addIf(asked, request.toolChoice().isPresent(), Feature.TOOL_CHOICE);
    addIf(asked, request.parallelToolCalls().isPresent(), Feature.PARALLEL_TOOL_CALLS);
    request.responseFormat().ifPresent(format -> {
      addIf(asked, format.type() == ResponseFormat.Type.JSON_OBJECT, Feature.JSON_OBJECT);
      addIf(asked, format.type() == ResponseFormat.Type.JSON_SCHEMA, Feature.JSON_SCHEMA);
    });
    addIf(asked, request.messages().stream().anyMatch(m -> !m.images().isEmpty()),
        Feature.IMAGES);
    addIf(asked, request.reasoningEffort().isPresent(), Feature.REASONING_EFFORT);
    addIf(asked, request.user().isPresent(), Feature.USER);
    addIf(asked, request.rejectIfBusy(), Feature.REJECT_IF_BUSY);
    addIf(asked, !request.extras().isEmpty(), Feature.EXTRA_BODY);
    return asked;
  }

  private static void addIf(Set<Feature> set, boolean condition, Feature feature) {
    if (condition) {
      set.add(feature);
    }
  }

  /** What {@code request} asks for that these capabilities lack; empty when nothing. */
  public List<Feature> unsupported(ChatRequest request) {
    List<Feature> missing = new ArrayList<>();
    for (Feature feature : requestedBy(request)) {
      if (!features.contains(feature)) {
        missing.add(feature);
      }
    }
    return missing;
  }

  /**
   * Refuses a request that asks for what these capabilities lack.
   *
   * @param where who cannot, for the message, e.g. {@code "The Cloudflare AI playground"}
   * @param instead what to use instead, for the message
   * @throws IllegalArgumentException naming each feature that cannot be honoured by its
   *     {@link Feature#wireName()}
   */
  public void check(ChatRequest request, String where, String instead) {
    List<Feature> missing = unsupported(request);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(where + " takes no "
          + missing.stream().map(Feature::wireName).collect(Collectors.joining(", "))
          + "; " + instead);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Capabilities that && features.equals(that.features);
  }

  @Override
  public int hashCode() {
    return features.hashCode();
  }

  @Override
  public String toString() {
    return "Capabilities" + features.stream().map(Feature::wireName).toList();
  }
}
