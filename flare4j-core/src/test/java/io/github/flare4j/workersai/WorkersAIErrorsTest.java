package io.github.flare4j.workersai;

import static io.github.flare4j.workersai.WorkersAiFixture.TEST_TIMEOUTS;
import static io.github.flare4j.workersai.WorkersAiFixture.ask;
import static io.github.flare4j.workersai.WorkersAiFixture.rest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.Fault;
import io.github.flare4j.error.CloudflareChallengeException;
import io.github.flare4j.error.MissingAuthException;
import io.github.flare4j.error.ModelNotFoundException;
import io.github.flare4j.error.NetworkException;
import io.github.flare4j.error.RateLimitException;
import io.github.flare4j.error.RequestTimeoutException;
import io.github.flare4j.error.ResponseStatusException;
import io.github.flare4j.error.ServiceError;
import io.github.flare4j.error.StreamProtocolException;
import io.github.flare4j.error.StreamTruncatedException;
import java.time.Duration;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Cloudflare's error codes and the emulator's faults end in their typed errors, never in a hang. */
class WorkersAIErrorsTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(30);

  Emulator emulator;

  @BeforeEach
  void start() {
    emulator = Emulator.start();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  /**
   * The call's failure; a reply cut short after its first items is a {@link StreamTruncatedException},
   * and then what cut it (its cause, when it has one) is returned.
   */
  private Throwable failure(WorkersAI provider, boolean stream) {
    Throwable error = call(provider, stream);
    if (error instanceof StreamTruncatedException cut && cut.getCause() != null) {
      assertThat(cut.itemsReceived()).isPositive();
      return cut.getCause();
    }
    return error;
  }

  private Throwable call(WorkersAI provider, boolean stream) {
    return assertTimeoutPreemptively(HANG_GUARD, () -> {
      try {
        provider.stream(ask("Hello there, how are you today?"),
            io.github.flare4j.CallOptions.builder().maxRetries(0).build(), stream).collect();
        return null;
      } catch (RuntimeException e) {
        return e;
      }
    });
  }

  @Test
  void wrongTokenIsMissingAuthWithCode10000() {
    WorkersAI wrong = WorkersAI.builder().accountId(emulator.accountId()).apiToken("wrong-token")
        .baseUrl(emulator.baseUrl()).timeouts(TEST_TIMEOUTS).build();

    Throwable error = failure(wrong, true);

    assertThat(error).isInstanceOfSatisfying(MissingAuthException.class, e -> {
      assertThat(e.status()).isEqualTo(403);
      assertThat(e.code()).isEqualTo(10000);
      assertThat(e.serviceError()).contains(new ServiceError(10000, "Authentication error"));
      assertThat(e.getMessage()).doesNotContain("wrong-token");
    });
  }

  @Test
  void otherAccountIsMissingAuth() {
    WorkersAI other = WorkersAI.builder().accountId("ffffffffffffffffffffffffffffffff")
        .apiToken(emulator.apiToken()).baseUrl(emulator.baseUrl()).timeouts(TEST_TIMEOUTS).build();

    assertThat(failure(other, false)).isInstanceOf(MissingAuthException.class);
  }

  @Test
  void unknownModelIdIsModelNotFoundWithCode5007() {
    WorkersAI provider = rest(emulator);

    Throwable error = assertTimeoutPreemptively(HANG_GUARD, () -> {
      try {
        provider.complete(ChatRequest.builder().model("@cf/nope/none").user("hi").build());
        return null;
      } catch (RuntimeException e) {
        return e;
      }
    });

    assertThat(error).isInstanceOfSatisfying(ModelNotFoundException.class, e -> {
      assertThat(e.code()).isEqualTo(5007);
      assertThat(e.model()).isEqualTo("@cf/nope/none");
      assertThat(e.getMessage()).contains("No such model @cf/nope/none or task");
    });
  }

  @Test
  void unknownNameIsRefusedBeforeSendingWithSuggestions() {
    WorkersAI provider = rest(emulator);

    assertThatThrownBy(() -> provider.complete(
        ChatRequest.builder().model("llama-3.1-8b-instruct-fp").user("hi").build()))
        .isInstanceOfSatisfying(ModelNotFoundException.class, e -> {
          assertThat(e.code()).isZero();
          assertThat(e.suggestions()).contains("@cf/meta/llama-3.1-8b-instruct-fp8");
        });
  }

  @ParameterizedTest
  @CsvSource({
      "10000, MissingAuthException, 403",
      "5007, ModelNotFoundException, 0",
      "3042, ModelNotFoundException, 0",
      "3036, RateLimitException, 429",
      "3040, RateLimitException, 429",
      "3006, ResponseStatusException, 413",
      "3007, ResponseStatusException, 408",
      "3008, ResponseStatusException, 504",
      "3043, ResponseStatusException, 500",
  })
  void cloudflareCodeBecomesItsTypedError(int code, String type, int status) {
    WorkersAI provider = rest(emulator, "x-emulator-error", Integer.toString(code));

    Throwable error = failure(provider, true);

    assertThat(error.getClass().getSimpleName()).isEqualTo(type);
    if (error instanceof ResponseStatusException e) {
      assertThat(e.status()).isEqualTo(status);
      assertThat(e.code()).isEqualTo(code);
    } else {
      assertThat(((ModelNotFoundException) error).code()).isEqualTo(code);
    }
  }

  @Test
  void rateLimitCodeKeepsRetryAfter() {
    Throwable error = failure(rest(emulator, "x-emulator-error", "3040"), false);

    assertThat(error).isInstanceOfSatisfying(RateLimitException.class,
        e -> assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(7)));
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void edgeFaultsAreTyped(boolean stream) {
    Function<Fault, Throwable> run = fault ->
        failure(rest(emulator, Emulator.FAULT_HEADER, fault.name()), stream);

    assertThat(run.apply(Fault.RATE_LIMIT)).isInstanceOf(RateLimitException.class);
    assertThat(run.apply(Fault.UNAUTHORIZED)).isInstanceOf(MissingAuthException.class);
    assertThat(run.apply(Fault.CHALLENGE)).isInstanceOf(CloudflareChallengeException.class);
    assertThat(run.apply(Fault.SERVER_ERROR)).isInstanceOfSatisfying(
        ResponseStatusException.class, e -> assertThat(e.status()).isEqualTo(500));
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void truncatedReplyIsAProtocolError(boolean stream) {
    assertThat(failure(rest(emulator, Emulator.FAULT_HEADER, "truncated"), stream))
        .isInstanceOf(stream ? StreamTruncatedException.class : StreamProtocolException.class);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void malformedReplyIsAProtocolError(boolean stream) {
    assertThat(failure(rest(emulator, Emulator.FAULT_HEADER, "malformed-line"), stream))
        .isInstanceOf(StreamProtocolException.class)
        .hasMessageContaining("malformed");
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void errorInTheReplyKeepsTheServiceMessage(boolean stream) {
    assertThat(failure(rest(emulator, Emulator.FAULT_HEADER, "error-part"), stream))
        .isInstanceOfSatisfying(StreamProtocolException.class,
            e -> assertThat(e.serviceMessage()).startsWith("Error during inference"));
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void resetConnectionIsANetworkError(boolean stream) {
    assertThat(failure(rest(emulator, Emulator.FAULT_HEADER, "reset"), stream))
        .isInstanceOf(NetworkException.class);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void stalledReplyIsAnIdleTimeout(boolean stream) {
    assertThat(failure(rest(emulator, Emulator.FAULT_HEADER, "stall"), stream))
        .isInstanceOfSatisfying(RequestTimeoutException.class,
            e -> assertThat(e.phase()).isEqualTo(RequestTimeoutException.Phase.IDLE));
  }

  @Test
  void queuedFaultOnTheModelsPathIsUsed() {
    emulator.enqueueFault(Fault.RATE_LIMIT,
        "/client/v4/accounts/" + emulator.accountId() + "/ai/run/" + WorkersAiFixture.MODEL);

    assertThat(failure(rest(emulator), true)).isInstanceOf(RateLimitException.class);
    assertThat(failure(rest(emulator), true)).isNull();
  }

  @Test
  void clientWithoutTheHeaderIsUnaffected() {
    assertThat(failure(rest(emulator, new OkHttpClient()), true)).isNull();
  }
}
