package io.github.flare4j.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.cloudflare.Cloudflare;
import io.github.flare4j.cloudflare.Transport;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.error.ModelNotFoundException;
import io.github.flare4j.workersai.WorkersAI;
import io.github.flare4j.workersai.WorkersAIOpenAI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each provider's catalogue ({@link ChatProvider#models()}) and lookup
 * ({@link ChatProvider#model(String)}), over HTTP and the Agents socket against the emulator, whose
 * model objects carry per-model properties (context window, function calling, reasoning, vision).
 */
class ModelCatalogueTest {
  static final String LLAMA = "@cf/meta/llama-3.3-70b-instruct-fp8-fast";
  static final String KIMI = "@cf/moonshotai/kimi-k2.6";
  static final String SMALL_LLAMA = "@cf/meta/llama-3.1-8b-instruct-fp8";
  static final String GPT_OSS = "@cf/openai/gpt-oss-120b";
  static final String SCOUT = "@cf/meta/llama-4-scout-17b-16e-instruct";
  static final String BGE_M3 = "@cf/baai/bge-m3";

  @TempDir Path cacheDir;
  Emulator emulator;

  @BeforeEach
  void start() {
    emulator = Emulator.start();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  Cloudflare playground(Transport transport) {
    return Cloudflare.builder().baseUrl(emulator.baseUrl()).cacheDirectory(cacheDir)
        .transport(transport).build();
  }

  WorkersAI rest() {
    return WorkersAI.builder().accountId(emulator.accountId()).apiToken(emulator.apiToken())
        .baseUrl(emulator.baseUrl()).build();
  }

  WorkersAIOpenAI openAi() {
    return WorkersAIOpenAI.builder().accountId(emulator.accountId())
        .apiToken(emulator.apiToken()).baseUrl(emulator.baseUrl()).build();
  }

  static Map<String, ModelInfo> byId(List<ModelInfo> models) {
    return models.stream().collect(Collectors.toMap(ModelInfo::id, Function.identity()));
  }

  /** What the emulator serves for these models, whichever provider reads it. */
  static void describesTheServedProperties(Map<String, ModelInfo> models) {
    assertThat(models.get(LLAMA).contextWindow()).hasValue(24000);
    assertThat(models.get(LLAMA).features()).containsExactly(Feature.TOOLS);
    assertThat(models.get(LLAMA).aliases()).containsExactly("llama-3.3-70b");
    assertThat(models.get(KIMI).contextWindow()).hasValue(262144);
    assertThat(models.get(KIMI).features())
        .containsExactlyInAnyOrder(Feature.TOOLS, Feature.REASONING, Feature.IMAGES);
    assertThat(models.get(KIMI).aliases()).containsExactly("kimi-k2.5", "kimi-k2.6");
    assertThat(models.get(SMALL_LLAMA).contextWindow()).hasValue(32000);
    assertThat(models.get(SMALL_LLAMA).features()).isEmpty();
    assertThat(models.get(SMALL_LLAMA).supports(Feature.TOOLS)).isFalse();
    assertThat(models.get(SMALL_LLAMA).supports(Feature.TEMPERATURE)).isTrue();
    assertThat(models.get(GPT_OSS).features())
        .contains(Feature.TOOLS, Feature.REASONING, Feature.REASONING_EFFORT);
    assertThat(models.get(SCOUT).features()).containsExactlyInAnyOrder(Feature.TOOLS,
        Feature.IMAGES);
    assertThat(models.values()).allMatch(ModelInfo::described);
  }

  @Test
  void thePlaygroundsCatalogueOverTheAgentsSocketDescribesEachChatModel() {
    List<ModelInfo> models = playground(Transport.AGENTS).models();

    assertThat(models).extracting(ModelInfo::id).containsExactlyElementsOf(emulator.models());
    assertThat(models).extracting(ModelInfo::task).containsOnly(ModelInfo.TEXT_GENERATION);
    describesTheServedProperties(byId(models));
  }

  @Test
  void thePlaygroundsOlderListIsReadTheSameWay() {
    List<ModelInfo> models = playground(Transport.INFERENCE).models();

    assertThat(models).extracting(ModelInfo::id).containsExactlyElementsOf(emulator.models());
    describesTheServedProperties(byId(models));
    assertThat(emulator.requests()).hasSize(1);
  }

  @Test
  void workersAisCatalogueHasTheChatAndTheEmbeddingModels() {
    WorkersAI provider = rest();

    List<ModelInfo> models = provider.models();
    List<ModelInfo> again = openAi().models();

    describesTheServedProperties(byId(models));
    assertThat(models).filteredOn(model -> model.task().equals(ModelInfo.TEXT_EMBEDDINGS))
        .extracting(ModelInfo::id).containsExactlyInAnyOrder(BGE_M3, "@cf/baai/bge-base-en-v1.5",
            "@cf/baai/bge-small-en-v1.5", "@cf/baai/bge-large-en-v1.5",
            "@cf/google/embeddinggemma-300m");
    assertThat(byId(models).get(BGE_M3).aliases()).containsExactly("bge-m3");
    assertThat(byId(models).get(BGE_M3).contextWindow()).hasValue(8192);
    assertThat(models).extracting(ModelInfo::task)
        .containsOnly(ModelInfo.TEXT_GENERATION, ModelInfo.TEXT_EMBEDDINGS);
    assertThat(provider.getModels()).containsExactlyElementsOf(emulator.models());
    assertThat(again).isEqualTo(models);
  }

  @Test
  void theCatalogueIsCached() {
    WorkersAI provider = rest();

    provider.models();
    provider.getModels();
    provider.model("glm-5.2");

    assertThat(emulator.requestCount()).isEqualTo(1);
  }

  @Test
  void aModelIsLookedUpByAliasShortNameOrId() {
    WorkersAI provider = rest();

    ModelInfo byAlias = provider.model("llama-3.3-70b");
    ModelInfo byShortName = provider.model("kimi-k2.6");
    ModelInfo bySegment = provider.model("gpt-oss-120b");
    ModelInfo embedding = provider.model("bge-m3");
    ModelInfo byId = provider.model(SCOUT);
    ModelInfo byDefault = provider.model("");

    assertThat(byAlias.id()).isEqualTo(LLAMA);
    assertThat(byAlias.contextWindow()).hasValue(24000);
    assertThat(byShortName.id()).isEqualTo(KIMI);
    assertThat(byShortName.supports(Feature.IMAGES)).isTrue();
    assertThat(bySegment.id()).isEqualTo(GPT_OSS);
    assertThat(embedding.id()).isEqualTo(BGE_M3);
    assertThat(embedding.task()).isEqualTo(ModelInfo.TEXT_EMBEDDINGS);
    assertThat(byId.features()).contains(Feature.IMAGES);
    assertThat(byDefault).isEqualTo(byAlias);
    assertThat(playground(Transport.INFERENCE).model("deepseek-v4-flash").id())
        .isEqualTo("@cf/deepseek-ai/deepseek-v4-flash-0731");
  }

  @Test
  void aNameNoModelAnswersToIsRefusedNamingTheClosest() {
    assertThatThrownBy(() -> rest().model("kimi-k2.66"))
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessageContaining("kimi-k2.6");
    assertThatThrownBy(() -> playground(Transport.INFERENCE).model("glm-5"))
        .isInstanceOf(ModelNotFoundException.class); // glm-5.2, glm-5.3 ... : none is "glm-5-"
  }

  @Test
  void anIdTheListDoesNotHoldComesWithItsFeaturesUnknown() {
    ModelInfo unknown = rest().model("@cf/acme/unlisted-7b");

    assertThat(unknown.described()).isFalse();
    assertThat(unknown.features()).isEmpty();
    assertThat(unknown.supports(Feature.TOOLS)).isTrue();
    assertThat(unknown.contextWindow()).isEmpty();
    assertThat(unknown.task()).isEqualTo(ModelInfo.TEXT_GENERATION);
  }

  @Test
  void aModelListedWithoutPropertiesHasNoneOfTheDescribedFeatures() {
    emulator.models(List.of(LLAMA, "@cf/acme/plain-7b"));

    ModelInfo plain = rest().model("plain-7b");

    assertThat(plain.described()).isTrue();
    assertThat(plain.features()).isEmpty();
    assertThat(plain.contextWindow()).isEmpty();
    assertThat(plain.supports(Feature.TOOLS)).isFalse();
    assertThat(plain.supports(Feature.JSON_OBJECT)).isTrue(); // the list does not speak for it
  }

  @Test
  void withoutAListTheBuiltInModelsStandInUndescribed() {
    WorkersAI refused = WorkersAI.builder().accountId(emulator.accountId()).apiToken("wrong")
        .baseUrl(emulator.baseUrl()).build();

    List<ModelInfo> models = refused.models();

    assertThat(models).allMatch(model -> !model.described() && model.features().isEmpty());
    assertThat(models.getFirst().id()).isEqualTo(refused.defaultModel());
    assertThat(byId(models).get(BGE_M3).task()).isEqualTo(ModelInfo.TEXT_EMBEDDINGS);
    assertThat(byId(models).get(KIMI).aliases()).containsExactly("kimi-k2.5", "kimi-k2.6");
    assertThat(refused.model("qwq-32b").supports(Feature.REASONING)).isTrue();
  }
}
