package io.github.flare4j.browser;

import io.github.flare4j.http.ProxySpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import okhttp3.OkHttpClient;

/**
 * What the acquirer and the relay share: where Chromium is, how to run it, the desktop Chrome it
 * passes for (read once per binary), and the OkHttp client that speaks to its DevTools endpoint.
 * Thread-safe.
 */
final class ChromiumLauncher {
  private final ChromiumLocator locator;
  private final ChromiumOptions options;
  private final OkHttpClient client;
  private final ConcurrentMap<Path, DesktopUserAgent> desktops = new ConcurrentHashMap<>();

  ChromiumLauncher(ChromiumLocator locator, ChromiumOptions options, OkHttpClient client) {
    this.locator = Objects.requireNonNull(locator, "locator");
    this.options = Objects.requireNonNull(options, "options");
    this.client = Objects.requireNonNull(client, "client");
  }

  /** How Chromium is run. */
  ChromiumOptions options() {
    return options;
  }

  /**
   * Finds Chromium (and for a windowed one, its display) and starts a session with a blank page.
   *
   * @throws io.github.flare4j.error.MissingRequirementsException when there is no Chromium, or
   *     for a windowed one neither {@code DISPLAY} nor Xvfb
   */
  ChromiumSession start(ProxySpec proxy, Duration timeout) {
    Path binary = locator.require();
    DesktopUserAgent desktop = desktops.computeIfAbsent(binary, DesktopUserAgent::of);
    XvfbLocator display = options.windowed() ? new XvfbLocator(locator.environment()) : null;
    return ChromiumSession.start(binary, desktop, proxy, display, client, timeout);
  }
}
