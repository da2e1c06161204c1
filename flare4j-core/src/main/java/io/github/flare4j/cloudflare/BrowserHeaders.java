package io.github.flare4j.cloudflare;

import io.github.flare4j.spi.SessionArgs;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers of an ordinary desktop Chrome visiting the playground, used when no browser session
 * is at hand (the seed's {@code DEFAULT_HEADERS}). Never a headless user agent: Cloudflare flags
 * those.
 */
final class BrowserHeaders {
  static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36"
      + " (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

  private BrowserHeaders() {}

  /** Default args for the site at {@code origin}: browser headers, the given cookies. */
  static SessionArgs defaults(String origin, String referer, Map<String, String> cookies) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("accept", "*/*");
    headers.put("accept-language", "en-US,en;q=0.9");
    headers.put("origin", origin);
    headers.put("referer", referer);
    headers.put("user-agent", USER_AGENT);
    return new SessionArgs(headers, cookies);
  }
}
