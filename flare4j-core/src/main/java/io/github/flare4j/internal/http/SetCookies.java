package io.github.flare4j.internal.http;

import io.github.flare4j.provider.SessionArgs;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.Cookie;
import okhttp3.Response;

/** Merges a response's {@code Set-Cookie} headers into session args. */
public final class SetCookies {
  private SetCookies() {}

  /**
   * The args with the response's cookies added or replaced; a cookie the response expires (for
   * example {@code Max-Age=0}) is removed.
   */
  public static SessionArgs merge(SessionArgs args, Response response) {
    var cookies = Cookie.parseAll(response.request().url(), response.headers());
    if (cookies.isEmpty()) {
      return args;
    }
    long now = System.currentTimeMillis();
    Map<String, String> merged = new LinkedHashMap<>(args.cookies());
    for (Cookie cookie : cookies) {
      if (cookie.expiresAt() <= now) {
        merged.remove(cookie.name());
      } else {
        merged.put(cookie.name(), cookie.value());
      }
    }
    return new SessionArgs(args.headers(), merged);
  }
}
