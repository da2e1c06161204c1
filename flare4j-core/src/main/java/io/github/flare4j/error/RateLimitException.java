package io.github.flare4j.error;

import java.time.Duration;

/**
 * The service refused because of too many requests or an exhausted quota (HTTP 429 or 402, or a
 * Cloudflare rate-limit code). {@link #retryAfter()} says how long the service asked to wait.
 */
public class RateLimitException extends ResponseStatusException {
  private static final long serialVersionUID = 1L;


  /**
   * @param retryAfter the wait the service asked for, or null when it named none
   */
  public RateLimitException(int status, String endpoint, String bodyExcerpt, Duration retryAfter) {
    this(status, endpoint, bodyExcerpt, retryAfter, null);
  }

  /**
   * The same, for a body that named a Cloudflare error code (e.g. 3036, 3040).
   *
   * @param retryAfter the wait the service asked for, or null when it named none
   * @param serviceError the envelope's error, or null
   */
  public RateLimitException(int status, String endpoint, String bodyExcerpt, Duration retryAfter,
      ServiceError serviceError) {
    this(status, endpoint, bodyExcerpt, retryAfter, serviceError,
        retryAfter == null
            ? "Rate limited: wait before retrying"
            : "Rate limited: retry after " + retryAfter.toSeconds() + " s");
  }

  /**
   * The same, with what to do in the caller's words (a daily quota, say, that a wait of seconds
   * does not restore).
   *
   * @param retryAfter the wait the service asked for, or null when it named none
   * @param serviceError the envelope's error, or null
   * @param advice what to do
   */
  public RateLimitException(int status, String endpoint, String bodyExcerpt, Duration retryAfter,
      ServiceError serviceError, String advice) {
    super(status, endpoint, bodyExcerpt, describe(status, endpoint, bodyExcerpt, advice),
        serviceError, retryAfter);
  }
}
