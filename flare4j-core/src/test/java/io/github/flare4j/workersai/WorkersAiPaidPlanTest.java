package io.github.flare4j.workersai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.emulator.RecordedRequest;
import io.github.flare4j.error.PaidPlanRequiredException;
import io.github.flare4j.internal.stream.StreamErrors;
import io.github.flare4j.error.ResponseStatusException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Workers-Paid-only models on a Free-plan account: HTTP 403 with error 5035 on both APIs becomes a
 * {@link PaidPlanRequiredException} that names free models from the account's list, never retried.
 */
class WorkersAiPaidPlanTest extends WorkersAiTestBase {
  @ParameterizedTest
  @CsvSource({
      "rest, glm-5.2, @cf/zai-org/glm-5.2",
      "openai, glm-5.2, @cf/zai-org/glm-5.2",
      "rest, @cf/moonshotai/kimi-k2.6, @cf/moonshotai/kimi-k2.6",
      "openai, kimi-k2.7-code, @cf/moonshotai/kimi-k2.7-code"
  })
  void aPaidOnlyModelOnTheFreePlanIsATypedRefusalNamingFreeModels(String api, String name,
      String id) {
    ChatRequest request = ChatRequest.builder().model(name).user("hi").build();

    assertThatThrownBy(() -> provider(api).complete(request))
        .isInstanceOfSatisfying(PaidPlanRequiredException.class, e -> {
          assertThat(e.status()).isEqualTo(403);
          assertThat(e.code()).isEqualTo(5035);
          assertThat(e.model()).isEqualTo(id);
          assertThat(e.freeModels()).hasSize(3).doesNotContain(
              "@cf/moonshotai/kimi-k2.6", "@cf/moonshotai/kimi-k2.7-code", "@cf/zai-org/glm-5.2")
              .allMatch(emulator.models()::contains);
        })
        .hasMessageContaining("Model " + id + " needs the Workers Paid plan")
        .hasMessageContaining("such as ");
    assertThat(emulator.requests()).extracting(RecordedRequest::path)
        .as("never retried").filteredOn(path -> !path.contains("/models/search")).hasSize(1);
  }

  @Test
  void theFreeModelsNamedAreTheClosestListed() {
    ChatRequest request = ChatRequest.builder().model("glm-5.2").user("hi").build();

    assertThatThrownBy(() -> provider("rest").complete(request))
        .isInstanceOfSatisfying(PaidPlanRequiredException.class, e -> assertThat(e.freeModels())
            .startsWith("@cf/zai-org/glm-5.3"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rest", "openai"})
  void aPaidAccountGetsTheReply(String api) {
    emulator.workersPaid(true);

    assertThat(provider(api).complete(
        ChatRequest.builder().model("glm-5.2").user("hi").build()).text()).isEqualTo("Echo: hi");
  }

  @Test
  void anotherRefusalIsNotMistakenForOne() {
    ChatRequest request = ChatRequest.builder().model("glm-5.3").user("hi").build();

    assertThat(provider("rest").complete(request).text()).isEqualTo("Echo: hi");
    assertThatThrownBy(() -> WorkersAiFixture.rest(emulator,
        io.github.flare4j.emulator.workersai.WorkersAiRoutes.ERROR_HEADER, "3010")
        .complete(request, io.github.flare4j.CallOptions.builder().maxRetries(0).build()))
        .isInstanceOf(ResponseStatusException.class)
        .isNotInstanceOf(PaidPlanRequiredException.class);
  }

  @Test
  void aStreamErrorThatCarries5035IsRecognisedFromItsText() {
    String relayed = "{\"message\":\"AiError\",\"details\":\"5035: This model requires the Workers"
        + " Paid plan.\u001b[2J\"}";

    assertThat(StreamErrors.serviceError("WS wss://x/agents", relayed, "@cf/zai-org/glm-5.2",
        List.of("@cf/zai-org/glm-5.3", "@cf/zai-org/glm-5.2")))
        .isInstanceOfSatisfying(PaidPlanRequiredException.class, e -> {
          assertThat(e.code()).isEqualTo(5035);
          assertThat(e.model()).isEqualTo("@cf/zai-org/glm-5.2");
          assertThat(e.freeModels()).containsExactly("@cf/zai-org/glm-5.3");
          assertThat(e.getMessage()).doesNotContain("\u001b");
        });
    assertThat(StreamErrors.serviceError("e", "3021: rate limiting", "m", List.of()))
        .isNotInstanceOf(PaidPlanRequiredException.class);
    assertThat(StreamErrors.serviceError("e", "took 150350 ms", "m", List.of()))
        .isNotInstanceOf(PaidPlanRequiredException.class);
  }
}
