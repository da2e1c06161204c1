package io.github.flare4j.cloudflare;

import static io.github.flare4j.cloudflare.PlaygroundFixture.hello;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.flare4j.ChatResult;
import io.github.flare4j.ChatStream;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.TextDelta;
import io.github.flare4j.emulator.Fault;
import io.github.flare4j.emulator.StreamFormat;
import io.github.flare4j.error.CloudflareChallengeException;
import io.github.flare4j.error.MissingAuthException;
import io.github.flare4j.error.NetworkException;
import io.github.flare4j.error.RateLimitException;
import io.github.flare4j.error.RequestTimeoutException;
import io.github.flare4j.error.ResponseStatusException;
import io.github.flare4j.error.StreamProtocolException;
import io.github.flare4j.error.StreamTruncatedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every fault the emulator can inject ends in its typed error, never in a hang. */
class CloudflareFaultsTest extends PlaygroundTestBase {
  /** A guard against hangs only; the limits under test are far shorter. */
  private static final Duration HANG_GUARD = Duration.ofSeconds(30);

  @Test
  void challengePageIsACloudflareChallenge() {
    emulator.enqueueFault(Fault.CHALLENGE);

    Throwable error = failure();

    assertThat(error).isInstanceOf(CloudflareChallengeException.class)
        .hasMessageContaining("403").hasMessageContaining("Just a moment...")
        .hasMessageContaining("browser");
  }

  @Test
  void rateLimitCarriesRetryAfter() {
    emulator.enqueueFault(Fault.RATE_LIMIT);

    Throwable error = failure();

    assertThat(error).isInstanceOf(RateLimitException.class);
    assertThat(((RateLimitException) error).retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(error).hasMessageContaining("retry after 7 s");
  }

  @Test
  void serverErrorIsAResponseStatusError() {
    emulator.enqueueFault(Fault.SERVER_ERROR);

    Throwable error = failure();

    assertThat(error).isExactlyInstanceOf(ResponseStatusException.class)
        .hasMessageContaining("HTTP 500").hasMessageContaining("/api/inference");
    assertThat(((ResponseStatusException) error).status()).isEqualTo(500);
  }

  @Test
  void unauthorizedIsMissingAuth() {
    emulator.enqueueFault(Fault.UNAUTHORIZED);

    // The keyless playground takes no API token: its 401 speaks of the session instead.
    assertThat(failure()).isInstanceOf(MissingAuthException.class)
        .hasMessageContaining("refused this session").message().doesNotContain("API token");
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void truncatedStreamIsIncompleteAndKeepsWhatArrived(StreamFormat format) {
    emulator.format(format);
    emulator.enqueueFault(Fault.TRUNCATED);
    List<ResponseItem> received = new ArrayList<>();

    Throwable error = guarded(() -> {
      try (ChatStream stream = cloudflare.stream(hello())) {
        stream.forEach(received::add);
        return null;
      } catch (RuntimeException e) {
        return e;
      }
    });

    assertThat(error).isInstanceOf(StreamTruncatedException.class)
        .hasMessageContaining("ended the stream before").hasMessageContaining("cut short after");
    assertThat(received.getFirst()).isInstanceOf(io.github.flare4j.ResponseStart.class);
    List<ResponseItem> content = received.subList(1, received.size());
    assertThat(content).isNotEmpty().allMatch(TextDelta.class::isInstance);
    assertThat(((StreamTruncatedException) error).itemsReceived()).isEqualTo(received.size());
    assertThat(((StreamTruncatedException) error).charactersReceived())
        .isEqualTo(content.stream().mapToInt(item -> ((TextDelta) item).text().length()).sum());
    assertThat(cloudflare.getCacheFile()).as("an incomplete reply is no success").doesNotExist();
  }

  @Test
  void connectionResetIsANetworkError() {
    emulator.enqueueFault(Fault.RESET);

    assertThat(cutShort(failure())).isInstanceOf(NetworkException.class)
        .isNotInstanceOf(RequestTimeoutException.class);
  }

  @Test
  void malformedLineIsAProtocolError() {
    emulator.enqueueFault(Fault.MALFORMED_LINE);

    assertThat(cutShort(failure())).isInstanceOf(StreamProtocolException.class).hasMessageContaining("malformed");
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void errorPartIsAProtocolErrorWithTheServiceMessage(StreamFormat format) {
    emulator.format(format);
    emulator.enqueueFault(Fault.ERROR_PART);

    Throwable error = cutShort(failure());

    assertThat(error).isInstanceOf(StreamProtocolException.class);
    assertThat(((StreamProtocolException) error).serviceMessage()).isNotBlank();
  }

  @Test
  void stalledStreamEndsInAnIdleTimeout() {
    emulator.enqueueFault(Fault.STALL);

    Throwable error = cutShort(failure());

    assertThat(error).isInstanceOf(RequestTimeoutException.class);
    assertThat(((RequestTimeoutException) error).phase())
        .isEqualTo(RequestTimeoutException.Phase.IDLE);
  }

  @Test
  void totalTimeoutEndsASlowStream() {
    emulator.tokenDelay(Duration.ofMillis(400));

    Throwable error = guarded(() -> {
      try {
        cloudflare.complete(hello(),
            io.github.flare4j.CallOptions.builder().timeout(Duration.ofSeconds(1)).build());
        return null;
      } catch (RuntimeException e) {
        return e;
      }
    });

    if (error instanceof StreamTruncatedException) {
      error = cutShort(error); // on a busy machine the deadline may come before the first token
    }
    assertThat(error).isInstanceOf(RequestTimeoutException.class);
    assertThat(((RequestTimeoutException) error).phase())
        .isEqualTo(RequestTimeoutException.Phase.TOTAL);
  }

  @Test
  void refusedConnectionIsANetworkErrorNamingTheEndpoint() {
    String base = emulator.baseUrl();
    emulator.close();

    Throwable error = failure();

    assertThat(error).isInstanceOf(NetworkException.class).hasMessageContaining(base);
  }

  @Test
  void aFaultAffectsOnlyOneRequest() {
    emulator.enqueueFault(Fault.SERVER_ERROR);
    failure();

    ChatResult result = cloudflare.complete(hello());

    assertThat(result.finishReason().reason()).isEqualTo("stop");
  }

  /** One call, not retried: these tests are about how each fault is reported. */
  private Throwable failure() {
    return guarded(() -> {
      try {
        cloudflare.complete(hello(), PlaygroundFixture.NO_RETRIES);
        return null;
      } catch (RuntimeException e) {
        return e;
      }
    });
  }

  /** A failure after the first token: a truncation, whose cause is what broke the reply. */
  private static Throwable cutShort(Throwable error) {
    assertThat(error).isInstanceOf(StreamTruncatedException.class);
    assertThat(((StreamTruncatedException) error).itemsReceived()).isPositive();
    assertThat(error.getCause()).as("what cut the reply").isNotNull();
    return error.getCause();
  }

  private static Throwable guarded(ThrowingSupplier<Throwable> call) {
    Throwable error = assertTimeoutPreemptively(HANG_GUARD, call);
    assertThat(error).as("the call should have failed").isNotNull();
    return error;
  }
}
