package io.github.flare4j.provider;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The headers and cookies a provider sends with every request (the seed's {@code _args}): browser
 * like headers and the cookies the service handed out. Providers keep them in memory and in their
 * auth file, and drop them when the service refuses a request.
 *
 * <p>Immutable. Header names are kept as given and compared without case by {@link #header}.
 * {@link #toString()} shows header names and cookie names only, never cookie values.
 *
 * @param headers request headers, e.g. {@code user-agent}, {@code origin}
 * @param cookies cookie names and values
 */
public record SessionArgs(Map<String, String> headers, Map<String, String> cookies) {

  /** Copies the maps, keeping their order. */
  public SessionArgs {
    headers = copy(headers, "headers");
    cookies = copy(cookies, "cookies");
  }

  /** The value of a header, matched without case, or null. */
  public String header(String name) {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase(name)) {
        return header.getValue();
      }
    }
    return null;
  }

  /** A copy with {@code more} cookies added; a cookie of the same name is replaced. */
  public SessionArgs withCookies(Map<String, String> more) {
    if (more.isEmpty()) {
      return this;
    }
    Map<String, String> merged = new LinkedHashMap<>(cookies);
    merged.putAll(more);
    return new SessionArgs(headers, merged);
  }

  /** A copy without the named cookie. */
  public SessionArgs withoutCookie(String name) {
    if (!cookies.containsKey(name)) {
      return this;
    }
    Map<String, String> left = new LinkedHashMap<>(cookies);
    left.remove(name);
    return new SessionArgs(headers, left);
  }

  /** The {@code Cookie} header value, or an empty string when there are no cookies. */
  public String cookieHeader() {
    StringBuilder header = new StringBuilder();
    cookies.forEach((name, value) -> {
      if (!header.isEmpty()) {
        header.append("; ");
      }
      header.append(name).append('=').append(value);
    });
    return header.toString();
  }

  @Override
  public String toString() {
    return "SessionArgs[headers=" + new TreeMap<>(headers).keySet()
        + ", cookies=" + cookies.keySet() + " (values hidden)]";
  }

  private static Map<String, String> copy(Map<String, String> map, String what) {
    Objects.requireNonNull(map, what);
    Map<String, String> copy = new LinkedHashMap<>();
    map.forEach((name, value) -> copy.put(
        Objects.requireNonNull(name, what + " name"),
        Objects.requireNonNull(value, what + " value of " + name)));
    return java.util.Collections.unmodifiableMap(copy);
  }
}
