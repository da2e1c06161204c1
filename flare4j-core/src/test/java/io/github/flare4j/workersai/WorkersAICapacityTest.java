package io.github.flare4j.workersai;

import static io.github.flare4j.workersai.WorkersAiFixture.rest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.workersai.WorkersAiRoutes;
import io.github.flare4j.error.RateLimitException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Workers AI's capacity codes through the call engine: 3040 is tried again, 3036 is not. */
class WorkersAICapacityTest {
  Emulator emulator;

  @BeforeEach
  void start() {
    emulator = Emulator.start();
    emulator.rateLimitRetryAfter(0);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  /** Every request carries the header, so every attempt is refused: three in all. */
  @Test
  void capacityExceededIsRetriedAndSaysTheServicesMessage() {
    WorkersAI provider = rest(emulator, WorkersAiRoutes.ERROR_HEADER, "3040");

    assertThatThrownBy(() -> provider.complete(ChatRequest.of("hi")))
        .isInstanceOf(RateLimitException.class)
        .hasMessageContaining("3040")
        .hasMessageContaining("Capacity temporarily exceeded")
        .hasMessageNotContaining("{\"");
    assertThat(emulator.requestCount()).as("1 + 2 retries").isEqualTo(3);
  }

  @Test
  void theDailyLimitIsNotRetriedAndSaysWhenItResets() {
    WorkersAI provider = rest(emulator, WorkersAiRoutes.ERROR_HEADER, "3036");

    assertThatThrownBy(() -> provider.complete(ChatRequest.of("hi")))
        .isInstanceOfSatisfying(RateLimitException.class, e -> assertThat(e.code()).isEqualTo(3036))
        .hasMessageContaining("daily free allocation")
        .hasMessageContaining("00:00 UTC")
        .hasMessageContaining("retrying now would not help");
    assertThat(emulator.requestCount()).isEqualTo(1);
  }
}
