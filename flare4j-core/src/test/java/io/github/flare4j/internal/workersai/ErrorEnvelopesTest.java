package io.github.flare4j.internal.workersai;

import static io.github.flare4j.internal.workersai.WireSamples.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.error.MissingAuthException;
import io.github.flare4j.error.ModelNotFoundException;
import io.github.flare4j.error.RateLimitException;
import io.github.flare4j.error.ResponseStatusException;
import io.github.flare4j.error.ServiceError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ErrorEnvelopesTest {

  @Test
  void authSampleNamesCode10000() {
    assertThat(ErrorEnvelopes.firstError(body("workers-ai-error-auth.http")))
        .isEqualTo(new ServiceError(10000, "Authentication error"));
  }

  @Test
  void modelSampleNamesCode5007() {
    assertThat(ErrorEnvelopes.firstError(body("workers-ai-error-model.http")))
        .isEqualTo(new ServiceError(5007, "No such model @cf/nope/none or task"));
  }

  @Test
  void bodyThatIsNoEnvelopeNamesNoError() {
    assertThat(ErrorEnvelopes.firstError("error code: 1015")).isNull();
    assertThat(ErrorEnvelopes.firstError("{\"error\":\"Unauthorized\"}")).isNull();
  }

  @ParameterizedTest
  @CsvSource({
      "10000, 403, MissingAuthException",
      "5007, 400, ModelNotFoundException",
      "3042, 400, ModelNotFoundException",
      "3036, 429, RateLimitException",
      "3040, 429, RateLimitException",
      "3040, 500, RateLimitException",
      "9999, 429, RateLimitException",
      "3006, 413, ResponseStatusException",
      "3007, 408, ResponseStatusException",
      "3008, 504, ResponseStatusException",
      "5006, 400, ResponseStatusException",
  })
  void codeMapsToItsTypeAndIsKept(int code, int status, String type) {
    Flare4jException error = ErrorEnvelopes.of(new ServiceError(code, "msg"), status,
        "POST https://h/x", "Workers AI", "@cf/m", null);

    assertThat(error.getClass().getSimpleName()).isEqualTo(type);
    int kept = error instanceof ModelNotFoundException m ? m.code()
        : ((ResponseStatusException) error).code();
    assertThat(kept).isEqualTo(code);
    assertThat(error.getMessage()).contains("msg").contains(Integer.toString(code));
  }

  @Test
  void tooLargeAndTimeoutSayWhatHappened() {
    assertThat(ErrorEnvelopes.of(new ServiceError(3006, "Request is too large"), 413, "POST u",
        "Workers AI", "m", null).getMessage()).contains("too large");
    assertThat(ErrorEnvelopes.of(new ServiceError(3007, "Request timeout"), 408, "POST u",
        "Workers AI", "m", null).getMessage()).contains("timed out");
  }

  @Test
  void authErrorIsAMissingAuthExceptionWithItsStatus() {
    Flare4jException error = ErrorEnvelopes.of(new ServiceError(10000, "Authentication error"),
        403, "POST u", "Workers AI", "m", null);

    assertThat(error).isInstanceOfSatisfying(MissingAuthException.class, e -> {
      assertThat(e.status()).isEqualTo(403);
      assertThat(e.serviceError()).contains(new ServiceError(10000, "Authentication error"));
    });
  }

  @Test
  void rateLimitKeepsRetryAfter() {
    Flare4jException error = ErrorEnvelopes.of(new ServiceError(3040, "Capacity"), 429,
        "POST u", "Workers AI", "m", "7");

    assertThat(error).isInstanceOfSatisfying(RateLimitException.class,
        e -> assertThat(e.retryAfter()).hasValue(java.time.Duration.ofSeconds(7)));
  }
}
