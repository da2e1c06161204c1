package io.github.flare4j.error;

import java.util.List;
import java.util.Map;

/**
 * Cloudflare answered with a bot challenge ("Just a moment...") instead of the API: a plain HTTP
 * client is not let through. A headless browser can pass it and hand over its cookies and user
 * agent.
 */
public class CloudflareChallengeException extends ResponseStatusException {
  private static final long serialVersionUID = 1L;

  /** A challenge met on {@code endpoint}, with the advice of what to do. */
  public CloudflareChallengeException(int status, String endpoint, String bodyExcerpt, String advice) {
    this(status, endpoint, bodyExcerpt, advice, Map.of());
  }

  /**
   * The same, with the headers of the answer (only those {@link ResponseStatusException#headers()}
   * keeps are kept).
   */
  public CloudflareChallengeException(int status, String endpoint, String bodyExcerpt,
      String advice, Map<String, List<String>> headers) {
    super(status, endpoint, bodyExcerpt,
        endpoint + " answered HTTP " + status + " with a Cloudflare challenge page ("
            + bodyExcerpt + "). " + advice, null, null, headers);
  }
}
