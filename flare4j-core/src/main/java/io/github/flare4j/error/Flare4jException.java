package io.github.flare4j.error;

/**
 * The base of every error flare4j throws. All are unchecked: the transport's checked exceptions
 * never leak. Messages name what failed and on what (model, endpoint, status), never a token or a
 * cookie.
 *
 * <p>The tree is small on purpose:
 * <ul>
 *   <li>{@link ResponseStatusException}: the service answered with an error status; subtypes
 *       {@link CloudflareChallengeException}, {@link RateLimitException},
 *       {@link MissingAuthException}, {@link PaidPlanRequiredException}; it keeps Cloudflare's
 *       error code and message when the body named one ({@link ServiceError}), the answer's
 *       headers that hold no secret ({@code Retry-After}, {@code cf-ray}...) and the request id;
 *   <li>{@link ModelNotFoundException}: an unknown model name, refused before sending or by the
 *       service (then with its status, {@link ServiceError}, headers and request id too);
 *   <li>{@link StreamProtocolException}: the reply's data was bad, or the service reported an error
 *       inside the stream;
 *   <li>{@link StreamTruncatedException}: the reply broke off, after some of it reached the caller
 *       or before its end marker; its cause says what cut it;
 *   <li>{@link NetworkException}: the connection failed or broke; subtype
 *       {@link RequestTimeoutException};
 *   <li>{@link MissingRequirementsException}: something needed on this machine (a Chromium to
 *       pass Cloudflare's challenge) is not there; the message says how to install it.
 * </ul>
 */
public class Flare4jException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with a message. */
  public Flare4jException(String message) {
    super(safe(message));
  }

  /** An error with a message and the cause it wraps. */
  public Flare4jException(String message, Throwable cause) {
    super(safe(message), cause);
  }

  /**
   * Messages quote servers, whose text may hold terminal control sequences: those are escaped
   * here whatever the subclass did, line feeds kept.
   */
  private static String safe(String message) {
    return message == null ? null : io.github.flare4j.internal.text.ServerText.escapeControls(message);
  }
}
