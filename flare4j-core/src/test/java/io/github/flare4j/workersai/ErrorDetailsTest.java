package io.github.flare4j.workersai;

import static io.github.flare4j.workersai.WorkersAiFixture.ask;
import static io.github.flare4j.workersai.WorkersAiFixture.rest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.flare4j.CallOptions;
import io.github.flare4j.ChatRequest;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.Fault;
import io.github.flare4j.error.CloudflareChallengeException;
import io.github.flare4j.error.MissingAuthException;
import io.github.flare4j.error.ModelNotFoundException;
import io.github.flare4j.error.RateLimitException;
import io.github.flare4j.error.ResponseStatusException;
import io.github.flare4j.error.ServiceError;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A refusal keeps the headers that say what happened and the request id, over real HTTP against
 * the emulator, and never a secret: not the token, not a cookie the answer set.
 */
class ErrorDetailsTest extends WorkersAiTestBase {
  private static final Duration HANG_GUARD = Duration.ofSeconds(30);
  /** The cookie value the emulator's 401 sets (StatusFaults.UNAUTHORIZED_COOKIE). */
  private static final String SET_COOKIE_VALUE = "bm-secret-7f3a9c1e5d";

  private RuntimeException failure(WorkersAI provider, ChatRequest request) {
    return assertTimeoutPreemptively(HANG_GUARD, () -> {
      try {
        provider.stream(request, CallOptions.builder().maxRetries(0).build(), false)
            .collect();
        return null;
      } catch (RuntimeException e) {
        return e;
      }
    });
  }

  private RuntimeException fault(Fault fault) {
    return failure(rest(emulator, Emulator.FAULT_HEADER, fault.name()), ask("Hello there"));
  }

  /** Nothing the request or the answer held as a secret shows in what a caller can print. */
  private void noSecretIn(Object headers, Throwable error) {
    for (String shown : List.of(headers.toString(), String.valueOf(error.getMessage()),
        error.toString())) {
      assertThat(shown).doesNotContain(emulator.apiToken(), SET_COOKIE_VALUE)
          .doesNotContainIgnoringCase("set-cookie").doesNotContainIgnoringCase("authorization");
    }
  }

  @Test
  void rateLimitKeepsRetryAfterAndTheRequestId() {
    emulator.rateLimitRetryAfter(3);

    RuntimeException error = fault(Fault.RATE_LIMIT);

    assertThat(error).isInstanceOfSatisfying(RateLimitException.class, e -> {
      assertThat(e.status()).isEqualTo(429);
      assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(3));
      assertThat(e.headers()).containsEntry("retry-after", List.of("3"))
          .containsKey("cf-ray").containsKey("content-type");
      assertThat(e.requestId()).get().asString().endsWith("-EMU");
      assertThat(e.requestId()).contains(e.headers().get("cf-ray").getFirst());
      noSecretIn(e.headers(), e);
    });
  }

  @Test
  void unauthorizedKeepsTheRequestIdAndNeverTheCookieItSet() {
    RuntimeException error = fault(Fault.UNAUTHORIZED);

    assertThat(error).isInstanceOfSatisfying(MissingAuthException.class, e -> {
      assertThat(e.status()).isEqualTo(401);
      assertThat(e.headers()).doesNotContainKey("set-cookie").containsKey("cf-ray");
      assertThat(e.requestId()).isPresent();
      noSecretIn(e.headers(), e);
    });
  }

  @Test
  void wrongTokenKeepsTheServiceErrorAndHeaders() {
    WorkersAI wrong = WorkersAI.builder().accountId(emulator.accountId())
        .apiToken("wrong-token-0123456789").baseUrl(emulator.baseUrl())
        .timeouts(WorkersAiFixture.TEST_TIMEOUTS).build();

    RuntimeException error = failure(wrong, ask("Hello there"));

    assertThat(error).isInstanceOfSatisfying(MissingAuthException.class, e -> {
      assertThat(e.serviceError()).contains(new ServiceError(10000, "Authentication error"));
      assertThat(e.headers()).containsEntry("content-type", List.of("application/json"));
      assertThat(e.requestId()).isPresent();
      assertThat(e.headers().toString() + e.getMessage() + e)
          .doesNotContain("wrong-token-0123456789");
    });
  }

  @Test
  void unknownModelCarriesStatusServiceErrorAndHeaders() {
    RuntimeException error = failure(rest(emulator),
        ChatRequest.builder().model("@cf/nope/none").user("hi").build());

    assertThat(error).isInstanceOfSatisfying(ModelNotFoundException.class, e -> {
      assertThat(e.status()).hasValue(400);
      assertThat(e.code()).isEqualTo(5007);
      assertThat(e.serviceError()).get().extracting(ServiceError::message)
          .isEqualTo("No such model @cf/nope/none or task");
      assertThat(e.headers()).containsKey("content-type").containsKey("cf-ray");
      assertThat(e.requestId()).isPresent();
      assertThat(e.getMessage()).doesNotContain("flare4j models");
      noSecretIn(e.headers(), e);
    });
  }

  @Test
  void nameRefusedBeforeSendingHasNoStatus() {
    RuntimeException error = failure(rest(emulator),
        ChatRequest.builder().model("no-such-model-at-all").user("hi").build());

    assertThat(error).isInstanceOfSatisfying(ModelNotFoundException.class, e -> {
      assertThat(e.status()).isEmpty();
      assertThat(e.headers()).isEmpty();
      assertThat(e.requestId()).isEmpty();
    });
  }

  @Test
  void challengeKeepsItsHeadersAndRequestId() {
    RuntimeException error = fault(Fault.CHALLENGE);

    assertThat(error).isInstanceOfSatisfying(CloudflareChallengeException.class, e -> {
      assertThat(e.status()).isEqualTo(403);
      assertThat(e.headers()).containsEntry("cf-mitigated", List.of("challenge"))
          .containsEntry("server", List.of("cloudflare"))
          .doesNotContainKey("cache-control");
      assertThat(e.requestId()).isPresent();
      assertThat(e.getMessage()).doesNotContain("--cookie");
      noSecretIn(e.headers(), e);
    });
  }

  @Test
  void serverErrorHeadersAreImmutable() {
    RuntimeException error = fault(Fault.SERVER_ERROR);

    assertThat(error).isInstanceOfSatisfying(ResponseStatusException.class, e -> {
      assertThat(e.status()).isEqualTo(500);
      Map<String, List<String>> headers = e.headers();
      assertThat(headers).isUnmodifiable();
      assertThat(e.requestId()).isPresent();
    });
  }
}
