package io.github.flare4j.error;

import java.time.Duration;
import java.util.Optional;

/**
 * The service refused because of too many requests or an exhausted quota (HTTP 429 or 402, or a
 * Cloudflare rate-limit code). {@link #retryAfter()} says how long the service asked to wait.
 */
public class RateLimitException extends ResponseStatusException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /**
   * @param retryAfter the wait the service asked for, or null when it named none
   */
  public RateLimitException(int status, String endpoint, String bodyExcerpt, Duration retryAfter) {
    super(status, endpoint, bodyExcerpt,
        describe(status, endpoint, bodyExcerpt,
            retryAfter == null
                ? "Rate limited: wait before retrying"
                : "Rate limited: retry after " + retryAfter.toSeconds() + " s"));
    this.retryAfter = retryAfter;
  }

  /** How long the service asked to wait (its {@code Retry-After}), when it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
