package io.github.flare4j.workersai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.cloudflare.Cloudflare;
import io.github.flare4j.emulator.RecordedRequest;
import io.github.flare4j.error.RateLimitException;
import io.github.flare4j.provider.Feature;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code rejectIfBusy}: sent at the top level of both APIs' bodies; a busy model fails at once. */
class RejectIfBusyTest extends WorkersAiTestBase {
  @TempDir Path cacheDir;

  @BeforeEach
  void noWaitBeforeRetries() {
    emulator.rateLimitRetryAfter(0);
  }

  static ChatRequest busyAware() {
    return ChatRequest.builder().model(WorkersAiFixture.MODEL).user("hi").rejectIfBusy(true).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"rest", "openai"})
  void theOptionIsSentAtTheTopLevelOfTheBody(String api) {
    provider(api).complete(busyAware());

    // the body's last member, at the top level (the emulator's busy answer reads it from there)
    assertThat(emulator.requests().getLast().body()).endsWith(",\"options\":{\"rejectIfBusy\":true}}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rest", "openai"})
  void withoutItNoOptionsAreSent(String api) {
    provider(api).complete(ChatRequest.builder().model(WorkersAiFixture.MODEL).user("hi")
        .build());

    assertThat(emulator.requests().getLast().body()).doesNotContain("rejectIfBusy", "\"options\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rest", "openai"})
  void aBusyModelFailsAtOnceWithoutARetry(String api) {
    emulator.busy(true);

    assertThatThrownBy(() -> provider(api).complete(busyAware()))
        .isInstanceOfSatisfying(RateLimitException.class, e -> {
          assertThat(e.code()).isEqualTo(3040);
          assertThat(e.status()).isEqualTo(429);
        })
        .hasMessageContaining("Capacity temporarily exceeded")
        .hasMessageContaining("asked not to wait (rejectIfBusy)");
    assertThat(emulator.requests()).extracting(RecordedRequest::path)
        .filteredOn(path -> !path.contains("/models/search")).as("no retry").hasSize(1);
  }

  @Test
  void aBusyModelStillAnswersARequestThatWaits() {
    emulator.busy(true);

    assertThat(provider("rest").complete(ChatRequest.builder().model(WorkersAiFixture.MODEL)
        .user("hi").build()).text()).isEqualTo("Echo: hi");
  }

  @Test
  void thePlaygroundRefusesItByNameBeforeSending() {
    Cloudflare playground = Cloudflare.builder().baseUrl(emulator.baseUrl()).cacheDirectory(cacheDir)
        .build();

    assertThat(playground.capabilities().supports(Feature.REJECT_IF_BUSY)).isFalse();
    assertThat(provider("rest").capabilities().supports(Feature.REJECT_IF_BUSY)).isTrue();
    assertThatThrownBy(() -> playground.complete(busyAware()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("takes no rejectIfBusy");
    assertThat(emulator.requestCount()).isZero();
  }
}
