package io.github.flare4j.error;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The service refused because of too many requests or an exhausted quota (HTTP 429 or 402, or a
 * Cloudflare rate-limit code). {@link #retryAfter()} says how long the service asked to wait.
 *
 * <p>The limit may also be reported inside a reply's stream, after a {@code 200} or on the Agents
 * socket (the playground's agent relays Workers AI's failure as an error in the stream); then
 * {@link #status()} is 0 and {@link #code()} is the Workers AI code the service named (3021, 3036,
 * 3040), or 0 when it only said it was a rate limit.
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
    this(status, endpoint, bodyExcerpt, retryAfter, serviceError, defaultAdvice(retryAfter));
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
    this(status, endpoint, bodyExcerpt, retryAfter, serviceError, advice, Map.of());
  }

  /**
   * The same, with the headers of the answer (only those {@link ResponseStatusException#headers()}
   * keeps are kept).
   *
   * @param retryAfter the wait the service asked for, or null when it named none
   * @param serviceError the envelope's error, or null
   * @param advice what to do, or null for the default advice
   * @param headers the response's headers
   */
  public RateLimitException(int status, String endpoint, String bodyExcerpt, Duration retryAfter,
      ServiceError serviceError, String advice, Map<String, List<String>> headers) {
    super(status, endpoint, bodyExcerpt, describe(status, endpoint, bodyExcerpt,
        advice != null ? advice : defaultAdvice(retryAfter)), serviceError, retryAfter, headers);
  }

  private static String defaultAdvice(Duration retryAfter) {
    return retryAfter == null
        ? "Rate limited: wait before retrying"
        : "Rate limited: retry after " + retryAfter.toSeconds() + " s";
  }

  /**
   * A rate limit the service reported inside a reply's stream rather than with an HTTP status:
   * {@link #status()} is 0 and {@link #retryAfter()} empty.
   *
   * @param endpoint what was asked, e.g. {@code WebSocket wss://host/agents/playground/x}
   * @param serviceText the service's own words, already made safe to show (one line, no control
   *     characters)
   * @param serviceError the Workers AI code the text named, or null when it named none
   * @param message what went wrong and what to do
   */
  public RateLimitException(
      String endpoint, String serviceText, ServiceError serviceError, String message) {
    super(0, endpoint, serviceText, message, serviceError, null);
  }
}
