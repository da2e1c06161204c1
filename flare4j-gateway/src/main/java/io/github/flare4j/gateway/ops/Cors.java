package io.github.flare4j.gateway.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CORS for one configured origin; off when none is. A preflight ({@code OPTIONS} with
 * {@code Origin} and {@code Access-Control-Request-Method}) is answered before any key is checked
 * (browsers send none with it); it allows the origin only when it is the configured one. Other
 * requests from that origin get {@code Access-Control-Allow-Origin}; from any other origin,
 * nothing. {@code *} as the origin allows every origin (the keys still apply).
 */
public final class Cors {
  private static final String ALLOWED_HEADERS = "Authorization, Content-Type, x-api-key,"
      + " anthropic-version, anthropic-beta, OpenAI-Organization, OpenAI-Project";

  private final Optional<String> origin;

  public Cors(Optional<String> origin) {
    this.origin = origin.map(String::strip).filter(o -> !o.isEmpty());
  }

  /** Whether CORS is on. */
  public boolean on() {
    return origin.isPresent();
  }

  /** Whether a request is a CORS preflight this gateway answers. */
  public boolean preflight(String method, String requestOrigin, String requestMethod) {
    return on() && "OPTIONS".equals(method) && requestOrigin != null && requestMethod != null;
  }

  /** The headers of a preflight's answer: none when the origin is not allowed. */
  public Map<String, String> preflightHeaders(String requestOrigin, String requestHeaders) {
    Map<String, String> headers = new LinkedHashMap<>(responseHeaders(requestOrigin));
    if (!headers.isEmpty()) {
      headers.put("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
      headers.put("Access-Control-Allow-Headers", requestHeaders != null
          && requestHeaders.matches("[A-Za-z0-9_, -]{1,1000}") ? requestHeaders : ALLOWED_HEADERS);
      headers.put("Access-Control-Max-Age", "600");
    }
    headers.put("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
    return headers;
  }

  /** The headers an answer to {@code requestOrigin} carries: empty unless it is allowed. */
  public Map<String, String> responseHeaders(String requestOrigin) {
    if (origin.isEmpty() || requestOrigin == null) {
      return Map.of();
    }
    String allowed = origin.get();
    if (allowed.equals("*")) {
      return Map.of("Access-Control-Allow-Origin", "*",
          "Access-Control-Expose-Headers", "Retry-After");
    }
    if (!allowed.equalsIgnoreCase(requestOrigin.strip())) {
      return Map.of();
    }
    return Map.of("Access-Control-Allow-Origin", allowed, "Vary", "Origin",
        "Access-Control-Expose-Headers", "Retry-After");
  }
}
