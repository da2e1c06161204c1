package io.github.flare4j.error;

import io.github.flare4j.internal.text.ServerText;
import io.github.flare4j.internal.http.SafeHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service answered with an error status (the seed's {@code ResponseStatusError}). Carries the
 * status, the endpoint, a short excerpt of the body, the service's error code and message when it
 * named one ({@link #serviceError()}), the response headers that say what happened
 * ({@link #headers()}: {@code Retry-After}, {@code cf-ray}, the content type...) and the request id
 * ({@link #requestId()}); never the request's headers, cookies or token, nor a response header
 * that could hold a secret ({@code Set-Cookie} and any header not on a fixed allow-list), and the
 * body excerpt has the request's credentials, and anything shaped like a token, written as
 * {@code ***}.
 *
 * <p>A provider that caches credentials drops them when this is thrown, so the next call starts
 * fresh.
 */
public class ResponseStatusException extends Flare4jException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String endpoint;
  private final String bodyExcerpt;
  private final ServiceError serviceError;
  private final Duration retryAfter;
  private final Map<String, List<String>> headers;

  /**
   * @param status the HTTP status
   * @param endpoint the method and URL that failed, e.g. {@code POST https://host/api/inference}
   * @param bodyExcerpt a short, single-line excerpt of the body (may be empty)
   * @param message what went wrong and what to do
   */
  public ResponseStatusException(int status, String endpoint, String bodyExcerpt, String message) {
    this(status, endpoint, bodyExcerpt, message, null);
  }

  /**
   * An error whose body named a Cloudflare error code (the v4 envelope).
   *
   * @param serviceError the code and message of the envelope's first error, or null for none
   */
  public ResponseStatusException(
      int status, String endpoint, String bodyExcerpt, String message, ServiceError serviceError) {
    this(status, endpoint, bodyExcerpt, message, serviceError, null);
  }

  /**
   * An error whose answer said how long to wait before asking again ({@code Retry-After} or
   * {@code retry-after-ms}), as a 503 may.
   *
   * @param serviceError the code and message of the envelope's first error, or null for none
   * @param retryAfter the wait the service asked for, or null when it named none
   */
  public ResponseStatusException(int status, String endpoint, String bodyExcerpt, String message,
      ServiceError serviceError, Duration retryAfter) {
    this(status, endpoint, bodyExcerpt, message, serviceError, retryAfter, Map.of());
  }

  /**
   * An error with the headers of the answer. Only headers on an allow-list are kept (never
   * {@code Set-Cookie} or anything that could hold a secret), bounded in number and length, with
   * their control characters escaped.
   *
   * @param serviceError the code and message of the envelope's first error, or null for none
   * @param retryAfter the wait the service asked for, or null when it named none
   * @param headers the response's headers, names in any case (may be empty)
   */
  public ResponseStatusException(int status, String endpoint, String bodyExcerpt, String message,
      ServiceError serviceError, Duration retryAfter, Map<String, List<String>> headers) {
    super(message);
    this.status = status;
    this.endpoint = endpoint;
    // the server's text, escaped: it may be shown on a terminal
    this.bodyExcerpt = ServerText.quote(bodyExcerpt, Integer.MAX_VALUE);
    this.serviceError = serviceError;
    this.retryAfter = retryAfter;
    this.headers = SafeHeaders.keep(headers);
  }

  /** An error whose message is built from the status, endpoint and excerpt. */
  public ResponseStatusException(int status, String endpoint, String bodyExcerpt) {
    this(status, endpoint, bodyExcerpt, (Duration) null);
  }

  /**
   * The same, for an answer that said how long to wait before asking again.
   *
   * @param retryAfter the wait the service asked for, or null when it named none
   */
  public ResponseStatusException(
      int status, String endpoint, String bodyExcerpt, Duration retryAfter) {
    this(status, endpoint, bodyExcerpt, describe(status, endpoint, bodyExcerpt, null), null,
        retryAfter);
  }

  /**
   * The HTTP status, for example 500; 0 when the service reported the error inside a reply's
   * stream (a {@link RateLimitException} from the playground's agent, say).
   */
  public int status() {
    return status;
  }

  /** The method and URL that answered with the status. */
  public String endpoint() {
    return endpoint;
  }

  /** A short excerpt of the response body; may be empty. */
  public String bodyExcerpt() {
    return bodyExcerpt;
  }

  /** How long the service asked to wait before asking again, when it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The Cloudflare error code and message the body named, when it named one. */
  public Optional<ServiceError> serviceError() {
    return Optional.ofNullable(serviceError);
  }

  /**
   * The headers of the answer that say what happened, names in lower case and sorted:
   * {@code retry-after}, {@code retry-after-ms}, {@code cf-ray}, {@code cf-aig-log-id},
   * {@code content-type}, {@code x-request-id}, rate-limit counters and a few others. Never
   * {@code set-cookie} nor any header that could hold a secret; at most 32 names of 4 values of
   * 200 characters. Empty when the error came without an HTTP answer (status 0).
   */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /**
   * The id the service gave the request, to quote when asking its support: Cloudflare's
   * {@code cf-ray}, else AI Gateway's {@code cf-aig-log-id}, else {@code x-request-id}; empty
   * when the answer carried none.
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(SafeHeaders.requestId(headers));
  }

  /** Cloudflare's error code (for example {@code 10000}), or 0 when the body named none. */
  public int code() {
    return serviceError == null ? 0 : serviceError.code();
  }

  /** {@code "<endpoint> answered HTTP <status>: <excerpt>. <advice>"}. */
  protected static String describe(int status, String endpoint, String bodyExcerpt, String advice) {
    StringBuilder message = new StringBuilder()
        .append(endpoint).append(" answered HTTP ").append(status);
    if (bodyExcerpt != null && !bodyExcerpt.isEmpty()) {
      message.append(": ").append(ServerText.quote(bodyExcerpt, Integer.MAX_VALUE));
    }
    if (advice != null) {
      message.append(". ").append(advice);
    }
    return message.toString();
  }
}
