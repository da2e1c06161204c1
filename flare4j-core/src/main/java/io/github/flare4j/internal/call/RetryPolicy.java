package io.github.flare4j.internal.call;

import io.github.flare4j.error.CloudflareChallengeException;
import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.error.NetworkException;
import io.github.flare4j.error.RateLimitException;
import io.github.flare4j.error.RequestTimeoutException;
import io.github.flare4j.error.ResponseStatusException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which failures are worth another attempt, and after how long. Retried: connection failures
 * (refused, reset, a connect timeout), HTTP 408, 409, 429, 500, 502, 503 and 504, and a rate limit
 * the service reported inside the stream (status 0; the playground's agent relays Workers AI's
 * 3021 and 3040 that way). Never: 400,
 * 401, 403, 404 and the other refusals, a challenge (the browser path handles it), a timeout that
 * already spent its time waiting for an answer, Workers AI's daily limit (code 3036), a broken
 * stream. The delay is the service's {@code retry-after-ms} or {@code Retry-After} when it sent one,
 * else an exponential backoff from 0.5 s to 8 s with jitter.
 */
final class RetryPolicy {
  static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(8);
  private static final Set<Integer> RETRIED_STATUSES = Set.of(408, 409, 429, 500, 502, 503, 504);
  private static final int DAILY_LIMIT_CODE = 3036;

  private RetryPolicy() {}

  /** Whether {@code error} may go away if the request is sent again. */
  static boolean retryable(Flare4jException error) {
    return switch (error) {
      case CloudflareChallengeException challenge -> false;
      // A rate limit reported inside the stream (no HTTP status) is retried like a 429.
      case RateLimitException inStream when inStream.status() == 0 ->
          inStream.code() != DAILY_LIMIT_CODE;
      case ResponseStatusException status ->
          RETRIED_STATUSES.contains(status.status()) && status.code() != DAILY_LIMIT_CODE;
      case RequestTimeoutException timeout -> timeout.phase() == RequestTimeoutException.Phase.CONNECT;
      case NetworkException network -> true;
      default -> false;
    };
  }

  /**
   * What failed, in a word or two for a status line: the status ({@code "429"}), {@code "a rate
   * limit"} reported inside the stream, {@code "a connection failure"} or {@code "an error"}.
   */
  static String shortReason(Flare4jException error) {
    return switch (error) {
      case ResponseStatusException status when status.status() > 0 ->
          String.valueOf(status.status());
      case RateLimitException inStream -> "a rate limit";
      case NetworkException network -> "a connection failure";
      default -> "an error";
    };
  }

  /** How long to wait before attempt {@code failed + 1}. */
  static Duration delay(Flare4jException error, int failed) {
    Optional<Duration> asked = error instanceof ResponseStatusException status
        ? status.retryAfter() : Optional.empty();
    if (asked.isPresent()) {
      return asked.get();
    }
    long base = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(failed - 1, 5));
    long jittered = base - ThreadLocalRandom.current().nextLong(base / 4 + 1);
    return Duration.ofMillis(Math.max(FIRST_BACKOFF.toMillis() / 2, jittered));
  }
}
