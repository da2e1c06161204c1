package io.github.flare4j.browser;

import io.github.flare4j.http.ProxySpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import okhttp3.OkHttpClient;

/**
 * What the acquirer and the relay share: where Chromium is, the desktop user agent for its
 * version (read once per binary), and the OkHttp client that speaks to its DevTools endpoint.
 * Thread-safe.
 */
final class ChromiumLauncher {
  private final ChromiumLocator locator;
  private final OkHttpClient client;
  private final ConcurrentMap<Path, String> userAgents = new ConcurrentHashMap<>();

  ChromiumLauncher(ChromiumLocator locator, OkHttpClient client) {
    this.locator = Objects.requireNonNull(locator, "locator");
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * Finds Chromium and starts a session with a blank page.
   *
   * @throws io.github.flare4j.error.MissingRequirementsException when there is no Chromium
   */
  ChromiumSession start(ProxySpec proxy, Duration timeout) {
    Path binary = locator.require();
    String userAgent = userAgents.computeIfAbsent(binary,
        path -> DesktopUserAgent.of(DesktopUserAgent.majorVersion(path)));
    return ChromiumSession.start(binary, userAgent, proxy, client, timeout);
  }
}
