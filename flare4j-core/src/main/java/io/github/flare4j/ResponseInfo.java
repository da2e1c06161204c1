package io.github.flare4j;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the service said about a reply besides its items: the HTTP status and the response headers
 * (names in lower case, the first value of each; {@code set-cookie} is never kept). Read it from
 * {@link ChatStream#responseInfo()} once the first item has arrived, for example AI Gateway's
 * {@code cf-aig-cache-status} and {@code cf-aig-log-id}.
 *
 * @param status the HTTP status of the reply
 * @param headers the response headers by lower-case name
 */
public record ResponseInfo(int status, Map<String, String> headers) {

  /** Copies the headers, lower-casing their names and leaving out {@code set-cookie}. */
  public ResponseInfo {
    Map<String, String> copy = new TreeMap<>();
    headers.forEach((name, value) -> {
      String key = name.toLowerCase(Locale.ROOT);
      if (!key.equals("set-cookie")) {
        copy.putIfAbsent(key, value);
      }
    });
    headers = Map.copyOf(copy);
  }

  /** A header's value, whatever the case of {@code name}. */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }
}
