package io.github.flare4j.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The value: what it says a model supports, equality, and the builder's checks. */
class ModelInfoTest {
  @Test
  void aDescribedModelLacksOnlyTheDescribedFeaturesItDoesNotList() {
    ModelInfo vision = ModelInfo.builder("@cf/meta/llama-4-scout-17b-16e-instruct")
        .aliases(List.of("llama-4-scout")).contextWindow(131000)
        .features(Set.of(Feature.TOOLS, Feature.IMAGES)).build();

    assertThat(vision.supports(Feature.IMAGES)).isTrue();
    assertThat(vision.supports(Feature.REASONING)).isFalse();
    assertThat(vision.supports(Feature.STOP)).isTrue();
    assertThat(vision.task()).isEqualTo(ModelInfo.TEXT_GENERATION);
    assertThat(vision.toString()).contains("llama-4-scout", "131000", "TOOLS", "IMAGES");
  }

  @Test
  void anUndescribedModelRefusesNothing() {
    ModelInfo unknown = ModelInfo.builder("@cf/acme/x").described(false).build();

    assertThat(ModelInfo.DESCRIBED_FEATURES).allMatch(unknown::supports);
    assertThat(unknown.toString()).contains("not described");
  }

  @Test
  void equalValuesAreEqualAndTheBuilderRoundTrips() {
    ModelInfo model = ModelInfo.builder("@cf/baai/bge-m3").task(ModelInfo.TEXT_EMBEDDINGS)
        .aliases(List.of("bge-m3")).contextWindow(8192).build();

    assertThat(model.toBuilder().build()).isEqualTo(model).hasSameHashCodeAs(model);
    assertThat(model.toBuilder().contextWindow(512).build()).isNotEqualTo(model);
    assertThat(model.toBuilder().described(false).build()).isNotEqualTo(model);
  }

  @Test
  void theBuilderRefusesWhatNoModelHas() {
    assertThatThrownBy(() -> ModelInfo.builder(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ModelInfo.builder("@cf/x").contextWindow(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
  }
}
