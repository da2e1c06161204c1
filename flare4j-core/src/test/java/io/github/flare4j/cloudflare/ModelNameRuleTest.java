package io.github.flare4j.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.Fault;
import io.github.flare4j.emulator.RecordedRequest;
import io.github.flare4j.error.ModelNotFoundException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The one name rule on the playground: {@code getModel} and a chat over either transport send
 * the same id for a short name, and refuse the same names before the prompt is sent.
 */
class ModelNameRuleTest extends PlaygroundTestBase {
  static final Duration WAIT = Duration.ofSeconds(10);


  @ParameterizedTest
  @CsvSource({
      "glm-5.2, @cf/zai-org/glm-5.2",
      "kimi-k2.7-code, @cf/moonshotai/kimi-k2.7-code",
      "deepseek-v4-flash, @cf/deepseek-ai/deepseek-v4-flash-0731",
      "qwen3.8-27b, @cf/qwen/qwen3.8-27b",
      "nemotron-3-120b, @cf/nvidia/nemotron-3-120b-a12b",
      "nemotron-3, @cf/nvidia/nemotron-3-120b-a12b",
      "glm-5.3, @cf/zai-org/glm-5.3",
      "GLM-5.3-Flash, @cf/zai-org/glm-5.3-flash",
      "kimi-k2.5, @cf/moonshotai/kimi-k2.6",
      "llama-3.2-1b-instruct, @cf/meta/llama-3.2-1b-instruct"
  })
  void getModelResolvesAShortNameToTheOneListedModelItEnds(String name, String id) {
    assertThat(playground(Transport.INFERENCE).getModel(name)).isEqualTo(id);
  }

  @Test
  void aNameThatMatchesSeveralListedModelsIsRefusedNamingThem() {
    assertThatThrownBy(() -> playground(Transport.INFERENCE).getModel("deepseek-v4"))
        .isInstanceOfSatisfying(ModelNotFoundException.class, e -> assertThat(e.suggestions())
            .containsExactly("@cf/deepseek-ai/deepseek-v4-flash-0731",
                "@cf/deepseek-ai/deepseek-v4-pro-0813"))
        .hasMessageContaining("'deepseek-v4' matches several models");
  }

  @Test
  void aNameMatchedOnlyAsTheStartOfAWordIsNotAMatch() {
    // "glm-5" is followed by "." in glm-5.2, not by "-": no listed model ends in it
    assertThatThrownBy(() -> playground(Transport.INFERENCE).getModel("glm-5"))
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessageContaining("'glm-5' is not known");
  }

  @Test
  void aShortNameOnlyTheLiveListHasResolves() {
    emulator.models(List.of("@cf/meta/llama-3.3-70b-instruct-fp8-fast", "@cf/acme/brand-new-9b-it"));

    assertThat(playground(Transport.INFERENCE).getModel("brand-new-9b")).isEqualTo("@cf/acme/brand-new-9b-it");
  }

  @Test
  void withoutALiveListAShortNameIsMatchedAgainstTheBuiltInList() {
    emulator.enqueueFault(Fault.SERVER_ERROR, Emulator.MODELS_PATH);
    Cloudflare cloudflare = playground(Transport.INFERENCE);

    assertThat(cloudflare.getModel("deepseek-v4-flash-0731"))
        .isEqualTo("@cf/deepseek-ai/deepseek-v4-flash-0731");
  }

  @ParameterizedTest
  @EnumSource(value = Transport.class, names = {"AGENTS", "INFERENCE"})
  void aChatSendsWhatGetModelResolves(Transport transport) {
    Cloudflare cloudflare = playground(transport);
    String id = cloudflare.getModel("deepseek-v4-flash");

    cloudflare.complete(ChatRequest.builder().model("deepseek-v4-flash").user("hi").build());

    assertThat(id).isEqualTo("@cf/deepseek-ai/deepseek-v4-flash-0731");
    if (transport == Transport.INFERENCE) {
      assertThat(emulator.requests()).filteredOn(r -> r.path().equals(Emulator.INFERENCE_PATH))
          .singleElement().extracting(RecordedRequest::body).asString()
          .contains("\"model\":\"" + id + "\"");
    } else {
      assertThat(stateFrame()).contains("\"model\":\"" + id + "\"");
    }
  }

  @ParameterizedTest
  @EnumSource(value = Transport.class, names = {"AGENTS", "INFERENCE"})
  void aChatRefusesAnUnknownNameAsGetModelDoesAndSendsNoPrompt(Transport transport) {
    Cloudflare cloudflare = playground(transport);
    ChatRequest request = ChatRequest.builder().model("nosuch").user("hi").build();

    assertThatThrownBy(() -> cloudflare.getModel("nosuch")).isInstanceOf(ModelNotFoundException.class);
    assertThatThrownBy(() -> cloudflare.complete(request))
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessageContaining("'nosuch' is not known");

    assertThat(emulator.requests()).extracting(RecordedRequest::path)
        .doesNotContain(Emulator.INFERENCE_PATH);
    if (transport == Transport.AGENTS) {
      for (String frame = pollFrame(); frame != null;
          frame = pollFrame()) {
        assertThat(frame).doesNotContain("cf_agent_use_chat_request");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Transport.class, names = {"AGENTS", "INFERENCE"})
  void aChatRefusesAnAmbiguousName(Transport transport) {
    ChatRequest request = ChatRequest.builder().model("kimi").user("hi").build();

    assertThatThrownBy(() -> playground(transport).complete(request))
        .isInstanceOfSatisfying(ModelNotFoundException.class, e -> assertThat(e.suggestions())
            .containsExactly("@cf/moonshotai/kimi-k2.6", "@cf/moonshotai/kimi-k2.7-code"));
    assertThat(emulator.requests()).extracting(RecordedRequest::path)
        .doesNotContain(Emulator.INFERENCE_PATH);
  }

  private String pollFrame() {
    try {
      return emulator.takeAgentFrame(Duration.ofMillis(1));
    } catch (IllegalStateException none) {
      return null;
    }
  }

  private String stateFrame() {
    for (int i = 0; i < 10; i++) {
      String frame = emulator.takeAgentFrame(WAIT);
      if (frame.contains("cf_agent_state")) {
        return frame;
      }
    }
    throw new AssertionError("no state frame");
  }
}
