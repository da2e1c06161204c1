package io.github.flare4j.cloudflare;

import io.github.flare4j.spi.SessionArgs;
import okhttp3.Headers;

/** Turns session args into request headers. */
final class PlaygroundRequests {
  private PlaygroundRequests() {}

  /** The args' headers plus their cookies as one {@code Cookie} header. */
  static Headers headers(SessionArgs args) {
    Headers.Builder headers = new Headers.Builder();
    args.headers().forEach(headers::set);
    String cookie = args.cookieHeader();
    if (!cookie.isEmpty()) {
      headers.set("cookie", cookie);
    }
    return headers.build();
  }
}
