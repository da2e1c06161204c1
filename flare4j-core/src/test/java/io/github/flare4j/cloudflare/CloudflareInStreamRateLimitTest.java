package io.github.flare4j.cloudflare;

import static io.github.flare4j.cloudflare.PlaygroundFixture.NO_RETRIES;
import static io.github.flare4j.cloudflare.PlaygroundFixture.hello;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.CallListener;
import io.github.flare4j.CallOptions;
import io.github.flare4j.ChatResult;
import io.github.flare4j.ChatStream;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.TextDelta;
import io.github.flare4j.emulator.AgentFault;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.Fault;
import io.github.flare4j.emulator.ReplyScript;
import io.github.flare4j.emulator.StreamFormat;
import io.github.flare4j.error.RateLimitException;
import io.github.flare4j.error.StreamTruncatedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Workers AI's rate limit relayed inside the playground's stream (the agent's error frame, the v5
 * error chunk, the v4 error part) is a {@link RateLimitException} in the service's words, retried
 * before the first item like an HTTP 429, and after items the cause of the truncation.
 */
class CloudflareInStreamRateLimitTest extends PlaygroundTestBase {
  static final String DETAILS = "3021: rate limiting: inference request per min rate reached";

  final List<String> retries = Collections.synchronizedList(new ArrayList<>());

  CallOptions listening() {
    return CallOptions.builder().listener(new CallListener() {
      @Override
      public void retry(int attempt, String reason, Duration delay) {
        retries.add(reason);
      }
    }).build();
  }

  long upgrades() {
    return emulator.requests().stream()
        .filter(r -> r.path().startsWith(Emulator.AGENTS_PATH)).count();
  }

  @Test
  void theAgentsJsonErrorFrameIsARateLimitInTheServicesWords() {
    emulator.enqueueAgentFault(AgentFault.RATE_LIMIT_FRAME);

    assertThatThrownBy(() -> playground(Transport.AGENTS).complete(hello(), NO_RETRIES))
        .isExactlyInstanceOf(RateLimitException.class)
        .hasMessageStartingWith("WebSocket ws://")
        .hasMessageEndingWith(" reported a rate limit: Inference failed (" + DETAILS
            + "). Wait a minute before trying again")
        .hasMessageNotContaining("{")
        .satisfies(e -> {
          RateLimitException limit = (RateLimitException) e;
          assertThat(limit.status()).isZero();
          assertThat(limit.code()).isEqualTo(3021);
        });
  }

  @Test
  void beforeTheFirstItemItIsRetriedLikeA429AndTheReplyArrives() {
    emulator.enqueueAgentFault(AgentFault.RATE_LIMIT_FRAME);

    ChatResult result = playground(Transport.AGENTS).complete(hello(), listening());

    assertThat(result.text()).isEqualTo(ReplyScript.GREETING);
    assertThat(retries).singleElement().asString().contains("reported a rate limit", DETAILS);
    assertThat(upgrades()).as("one socket per attempt").isEqualTo(2);
  }

  @Test
  void afterItemsThePlainTextFrameCutsTheReplyWithTheRateLimitAsCause() {
    emulator.enqueueAgentFault(AgentFault.RATE_LIMIT_TEXT_FRAME);
    List<ResponseItem> received = new ArrayList<>();

    assertThatThrownBy(() -> {
      try (ChatStream stream = playground(Transport.AGENTS).stream(hello(), listening())) {
        stream.forEach(received::add);
      }
    }).isInstanceOf(StreamTruncatedException.class)
        .hasMessageContaining("reported a rate limit: " + DETAILS)
        .cause().isExactlyInstanceOf(RateLimitException.class)
        .satisfies(e -> assertThat(((RateLimitException) e).code()).isEqualTo(3021));
    assertThat(received.getFirst()).isInstanceOf(io.github.flare4j.ResponseStart.class);
    assertThat(received.subList(1, received.size())).as("the text before the break").isNotEmpty()
        .allMatch(TextDelta.class::isInstance);
    assertThat(retries).as("nothing is retried once text was delivered").isEmpty();
    assertThat(upgrades()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void theInferenceStreamsErrorPartIsTheSameRateLimit(StreamFormat format) {
    emulator.format(format);
    emulator.enqueueFault(Fault.RATE_LIMIT_PART);

    assertThatThrownBy(() -> playground(Transport.INFERENCE).complete(hello(), NO_RETRIES))
        .isExactlyInstanceOf(RateLimitException.class)
        .hasMessageStartingWith("POST " + emulator.baseUrl() + Emulator.INFERENCE_PATH)
        .hasMessageContaining("reported a rate limit: Inference failed (" + DETAILS + ")")
        .hasMessageNotContaining("{");
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void theInferenceStreamsRateLimitIsRetried(StreamFormat format) {
    emulator.format(format);
    emulator.enqueueFault(Fault.RATE_LIMIT_PART);

    ChatResult result = playground(Transport.INFERENCE).complete(hello(), listening());

    assertThat(result.text()).isEqualTo(ReplyScript.GREETING);
    assertThat(retries).singleElement().asString().contains("reported a rate limit");
    assertThat(emulator.requests()).filteredOn(r -> r.path().equals(Emulator.INFERENCE_PATH))
        .hasSize(2);
  }
}
