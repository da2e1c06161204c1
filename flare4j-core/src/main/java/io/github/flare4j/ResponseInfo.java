package io.github.flare4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the service said about a reply besides its items: the HTTP status and the response headers
 * (names in lower case, the first value of each; {@code set-cookie} is never kept), and what the
 * provider could not do as asked. Read it from {@link ChatStream#responseInfo()} once the first
 * item has arrived, for example AI Gateway's {@code cf-aig-cache-status} and {@code cf-aig-log-id}.
 *
 * @param status the HTTP status of the reply ({@code 101} for a WebSocket)
 * @param headers the response headers by lower-case name
 * @param warnings what the request asked for and the service could not honour, one sentence each
 *     (for example a temperature lost when the playground fell back to {@code /api/inference}); never secrets
 */
public record ResponseInfo(int status, Map<String, String> headers, List<String> warnings) {

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
    warnings = List.copyOf(warnings);
  }

  /** A reply with no warnings. */
  public ResponseInfo(int status, Map<String, String> headers) {
    this(status, headers, List.of());
  }

  /** A header's value, whatever the case of {@code name}. */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The same with {@code more} warnings after these. */
  public ResponseInfo withWarnings(List<String> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<String> all = new ArrayList<>(warnings);
    all.addAll(more);
    return new ResponseInfo(status, headers, all);
  }
}
