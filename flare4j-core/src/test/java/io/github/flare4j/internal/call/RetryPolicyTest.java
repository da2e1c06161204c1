package io.github.flare4j.internal.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.error.RateLimitException;
import io.github.flare4j.error.ServiceError;
import io.github.flare4j.error.StreamProtocolException;
import org.junit.jupiter.api.Test;

/** Which rate limits reported inside a stream are worth another attempt. */
class RetryPolicyTest {
  static final String ENDPOINT = "WebSocket ws://127.0.0.1:1/agents/playground/x";

  static RateLimitException inStream(int code) {
    return new RateLimitException(ENDPOINT, "text", code == 0 ? null : new ServiceError(code, ""),
        "rate limited");
  }

  @Test
  void aRateLimitInTheStreamIsRetriedLikeA429() {
    assertThat(RetryPolicy.retryable(inStream(3021))).isTrue();
    assertThat(RetryPolicy.retryable(inStream(3040))).isTrue();
    assertThat(RetryPolicy.retryable(inStream(0))).isTrue();
    assertThat(RetryPolicy.delay(inStream(3021), 1))
        .isBetween(RetryPolicy.FIRST_BACKOFF.dividedBy(2), RetryPolicy.FIRST_BACKOFF);
  }

  @Test
  void theDailyLimitInTheStreamIsNot() {
    assertThat(RetryPolicy.retryable(inStream(3036))).isFalse();
  }

  @Test
  void anotherErrorInTheStreamIsNot() {
    assertThat(RetryPolicy.retryable(StreamProtocolException.serviceError(ENDPOINT, "boom")))
        .isFalse();
  }

  @Test
  void aRateLimitWithAnHttpStatusKeepsItsRules() {
    assertThat(RetryPolicy.retryable(new RateLimitException(429, ENDPOINT, "", null))).isTrue();
    assertThat(RetryPolicy.retryable(new RateLimitException(402, ENDPOINT, "", null))).isFalse();
  }
}
