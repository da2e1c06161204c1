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

/** {@code getModel}: the model name rule of ChatProvider, on the real provider and service list. */
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
    assertThat(cloudflare.modelAliases()).containsKeys("gpt-oss-120b", "gpt-oss-20b",
        "glm-4.7-flash", "qwen3-30b-a3b", "llama-4-scout", "mistral-small-3.1-24b", "gemma-3-12b",
        "gemma-4-26b").doesNotContainKeys("deepseek-coder-6.7b-base", "llama-2-7b", "phi-2");
  }

  @Test
  void aliasWhoseModelTheServiceNoLongerListsIsRefusedNamingTheClosestListed() {
    assertThatThrownBy(() -> cloudflare.getModel("llama-3.1-8b"))
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessageContaining("'llama-3.1-8b' stands for @cf/meta/llama-3.1-8b-instruct-fp8")
        .hasMessageContaining("no longer lists")
        .satisfies(e -> assertThat(((ModelNotFoundException) e).suggestions())
            .containsExactly("@cf/meta/llama-3.3-70b-instruct-fp8-fast", "@cf/acme/special-7b"));
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
