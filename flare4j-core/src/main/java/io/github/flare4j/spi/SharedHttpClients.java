package io.github.flare4j.spi;

import io.github.flare4j.internal.http.HttpClients;
import okhttp3.OkHttpClient;

/**
 * The HTTP client a seam implementation uses when its caller gives none: configured as flare4j's
 * own (redirects followed, daemon dispatcher threads, so a program exits once its {@code main}
 * returns).
 */
public final class SharedHttpClients {
  private SharedHttpClients() {}

  /**
   * A new client with flare4j's defaults. Share it: every client has its own connection pool and
   * dispatcher.
   *
   * @return a new client
   */
  public static OkHttpClient newClient() {
    return HttpClients.newSharedClient();
  }
}
