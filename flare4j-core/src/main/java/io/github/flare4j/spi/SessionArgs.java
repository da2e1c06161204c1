package io.github.flare4j.spi;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The headers and cookies a provider sends with every request (the seed's {@code _args}): browser
 * like headers and the cookies the service handed out, with when each cookie expires. Providers
 * keep them in memory and in their {@link io.github.flare4j.provider.CredentialStore}, drop expired cookies before sending,
 * and drop the whole set when the service refuses a request.
 *
 * <p>Immutable. Header names are kept as given and compared without case by {@link #header}.
 * {@link #toString()} shows header and cookie names only, never a cookie value.
 *
 * @param headers request headers, e.g. {@code user-agent}, {@code origin}
 * @param cookies cookie names and values
 * @param cookieExpiry when cookies expire, by name, to the second; a cookie without an entry is a
 *     session cookie (it lasts as long as the credentials are kept). Entries for names that are
 *     not in {@code cookies} are dropped.
 */
public record SessionArgs(
    Map<String, String> headers, Map<String, String> cookies, Map<String, Instant> cookieExpiry) {

  /** The name of Cloudflare's clearance cookie, the one a passed challenge hands out. */
  public static final String CLEARANCE_COOKIE = "cf_clearance";

  /** Copies the maps, keeping their order. */
  public SessionArgs {
    headers = copy(headers, "headers");
    cookies = copy(cookies, "cookies");
    Objects.requireNonNull(cookieExpiry, "cookieExpiry");
    Map<String, Instant> expiry = new LinkedHashMap<>();
    for (Map.Entry<String, Instant> entry : cookieExpiry.entrySet()) {
      if (cookies.containsKey(entry.getKey())) {
        expiry.put(entry.getKey(), Objects.requireNonNull(entry.getValue(),
            "cookieExpiry value of " + entry.getKey()).truncatedTo(ChronoUnit.SECONDS));
      }
    }
    cookieExpiry = Collections.unmodifiableMap(expiry);
  }

  /** Headers and session cookies (no cookie expires). */
  public SessionArgs(Map<String, String> headers, Map<String, String> cookies) {
    this(headers, cookies, Map.of());
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

  /** When the named cookie expires; empty for a session cookie or one that is not here. */
  public Optional<Instant> expiry(String cookieName) {
    return Optional.ofNullable(cookieExpiry.get(cookieName));
  }

  /**
   * A copy with {@code more} cookies added as session cookies; a cookie of the same name is
   * replaced, and its expiry dropped.
   */
  public SessionArgs withCookies(Map<String, String> more) {
    if (more.isEmpty()) {
      return this;
    }
    Map<String, String> merged = new LinkedHashMap<>(cookies);
    merged.putAll(more);
    Map<String, Instant> expiry = new LinkedHashMap<>(cookieExpiry);
    expiry.keySet().removeAll(more.keySet());
    return new SessionArgs(headers, merged, expiry);
  }

  /**
   * A copy with one cookie added or replaced.
   *
   * @param expires when it expires, or null for a session cookie
   */
  public SessionArgs withCookie(String name, String value, Instant expires) {
    Map<String, String> merged = new LinkedHashMap<>(cookies);
    merged.put(name, value);
    Map<String, Instant> expiry = new LinkedHashMap<>(cookieExpiry);
    if (expires == null) {
      expiry.remove(name);
    } else {
      expiry.put(name, expires);
    }
    return new SessionArgs(headers, merged, expiry);
  }

  /** A copy without the named cookie. */
  public SessionArgs withoutCookie(String name) {
    if (!cookies.containsKey(name)) {
      return this;
    }
    Map<String, String> left = new LinkedHashMap<>(cookies);
    left.remove(name);
    return new SessionArgs(headers, left, cookieExpiry);
  }

  /**
   * A copy without the cookies that have expired at {@code now} (an expiry at or before it); this
   * instance when none has.
   */
  public SessionArgs withoutExpired(Instant now) {
    Map<String, String> left = null;
    for (Map.Entry<String, Instant> entry : cookieExpiry.entrySet()) {
      if (!entry.getValue().isAfter(now)) {
        if (left == null) {
          left = new LinkedHashMap<>(cookies);
        }
        left.remove(entry.getKey());
      }
    }
    return left == null ? this : new SessionArgs(headers, left, cookieExpiry);
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

  /** Header names, cookie names and expiries; never a cookie value. */
  @Override
  public String toString() {
    return "SessionArgs[headers=" + new TreeMap<>(headers).keySet()
        + ", cookies=" + cookies.keySet() + " (values hidden)"
        + (cookieExpiry.isEmpty() ? "" : ", expiry=" + cookieExpiry) + "]";
  }

  private static Map<String, String> copy(Map<String, String> map, String what) {
    Objects.requireNonNull(map, what);
    Map<String, String> copy = new LinkedHashMap<>();
    map.forEach((name, value) -> copy.put(
        Objects.requireNonNull(name, what + " name"),
        Objects.requireNonNull(value, what + " value of " + name)));
    return Collections.unmodifiableMap(copy);
  }
}
