package io.github.flare4j.cloudflare;

import static io.github.flare4j.cloudflare.PlaygroundFixture.provider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.emulator.Fault;
import io.github.flare4j.error.ModelNotFoundException;
import io.github.flare4j.error.ResponseStatusException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code getModel}: the ProviderModelMixin rules, on the real provider and service list. */
class CloudflareModelsTest extends PlaygroundTestBase {
  @BeforeEach
  void serveFewModels() {
    emulator.models(List.of("@cf/meta/llama-3.3-70b-instruct-fp8-fast", "@cf/acme/special-7b"));
    cloudflare = provider(emulator, cacheDir);
  }

  @Test
  void emptyNameIsTheDefault() {
    assertThat(cloudflare.getModel("")).isEqualTo("@cf/meta/llama-3.3-70b-instruct-fp8-fast");
    assertThat(cloudflare.getModel(null)).isEqualTo(cloudflare.defaultModel());
  }

  @Test
  void aliasIsItsTarget() {
    assertThat(cloudflare.getModel("llama-3.3-70b")).isEqualTo("@cf/meta/llama-3.3-70b-instruct-fp8-fast");
    assertThat(cloudflare.getModel("deepseek-coder-6.7b-base"))
        .isEqualTo("@hf/thebloke/deepseek-coder-6.7b-base-awq");
    assertThat(cloudflare.modelAliases()).hasSize(39);
  }

  @Test
  void knownIdIsItself() {
    assertThat(cloudflare.getModel("@cf/acme/special-7b")).isEqualTo("@cf/acme/special-7b");
  }

  @Test
  void unknownNameNamesCloseMatches() {
    assertThatThrownBy(() -> cloudflare.getModel("llama-3.3-70"))
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessageContaining("llama-3.3-70b")
        .hasMessageContaining("Cloudflare AI");
    assertThatThrownBy(() -> cloudflare.getModel("speciall-7b"))
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessageContaining("@cf/acme/special-7b");
  }

  @Test
  void fetchModelsReportsWhyTheListCannotBeHad() {
    emulator.enqueueFault(Fault.RATE_LIMIT, "/api/models");

    assertThatThrownBy(cloudflare::fetchModels).isInstanceOf(ResponseStatusException.class)
        .hasMessageContaining("/api/models");
  }
}
