package io.github.flare4j.error;

import java.util.List;
import java.util.Map;

/**
 * The service wants credentials it did not get, or refused the ones it got (HTTP 401, or
 * Cloudflare's authentication error).
 */
public class MissingAuthException extends ResponseStatusException {
  private static final long serialVersionUID = 1L;

  /** An authentication failure on {@code endpoint}. */
  public MissingAuthException(int status, String endpoint, String bodyExcerpt, String advice) {
    super(status, endpoint, bodyExcerpt, describe(status, endpoint, bodyExcerpt, advice));
  }

  /** The same, for a body that named a Cloudflare error code (e.g. 10000). */
  public MissingAuthException(
      int status, String endpoint, String bodyExcerpt, String advice, ServiceError serviceError) {
    super(status, endpoint, bodyExcerpt, describe(status, endpoint, bodyExcerpt, advice),
        serviceError);
  }

  /**
   * The same, with the headers of the answer (only those {@link ResponseStatusException#headers()}
   * keeps are kept).
   *
   * @param serviceError the envelope's error, or null
   */
  public MissingAuthException(int status, String endpoint, String bodyExcerpt, String advice,
      ServiceError serviceError, Map<String, List<String>> headers) {
    super(status, endpoint, bodyExcerpt, describe(status, endpoint, bodyExcerpt, advice),
        serviceError, null, headers);
  }
}
