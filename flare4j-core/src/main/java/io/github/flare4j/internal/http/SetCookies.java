package io.github.flare4j.internal.http;

import io.github.flare4j.spi.SessionArgs;
import java.time.Instant;
import okhttp3.Cookie;
import okhttp3.Response;

/** Merges a response's {@code Set-Cookie} headers into session args. */
public final class SetCookies {
  private SetCookies() {}

  /**
   * The args with the response's cookies added or replaced, each with its expiry
   * ({@code Max-Age}, else {@code Expires}; none for a session cookie); a cookie the response
   * expires (for example {@code Max-Age=0}) is removed.
   */
  public static SessionArgs merge(SessionArgs args, Response response) {
    var cookies = Cookie.parseAll(response.request().url(), response.headers());
    if (cookies.isEmpty()) {
      return args;
    }
    long now = System.currentTimeMillis();
    SessionArgs merged = args;
    for (Cookie cookie : cookies) {
      if (cookie.expiresAt() <= now) {
        merged = merged.withoutCookie(cookie.name());
      } else {
        merged = merged.withCookie(cookie.name(), cookie.value(),
            cookie.persistent() ? Instant.ofEpochMilli(cookie.expiresAt()) : null);
      }
    }
    return merged;
  }
}
