package io.github.flare4j.browser;

import io.github.flare4j.spi.ArgsAcquirer;
import io.github.flare4j.spi.BrowserSupport;
import io.github.flare4j.spi.WebSocketRelay;
import java.util.Objects;

/**
 * flare4j-browser's {@link BrowserSupport}: a {@link ChromiumArgsAcquirer} and a
 * {@link ChromiumWebSocketRelay} running the same Chromium. Registered for
 * {@link java.util.ServiceLoader}, so that a {@link io.github.flare4j.Flare4j} client and the
 * playground provider use it by default whenever this artifact is on the class path; nothing needs
 * wiring by hand.
 *
 * <p>Constructing one, or asking it for its seams, starts nothing and does not even look for
 * Chromium: that happens when a seam is used (no credentials cached, a challenge, a socket only a
 * browser may open), and a missing Chromium then fails with a message that says how to install it.
 * Give one explicitly ({@code Flare4j.builder().browser(...)}) to find Chromium through another
 * environment or to run it in a window. Immutable and thread-safe.
 */
public final class ChromiumBrowserSupport implements BrowserSupport {
  private final ChromiumLocator locator;
  private final ChromiumOptions options;

  /**
   * The one the service loader makes: the Chromium found through the process's environment
   * ({@value ChromiumLocator#ENV_VARIABLE}, else {@code PATH}), headless.
   */
  public ChromiumBrowserSupport() {
    this(ChromiumLocator.fromSystem(), ChromiumOptions.DEFAULT);
  }

  /** The Chromium {@code locator} finds, run as {@code options} say. */
  public ChromiumBrowserSupport(ChromiumLocator locator, ChromiumOptions options) {
    this.locator = Objects.requireNonNull(locator, "locator");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** {@code "headless Chromium"}, or {@code "windowed Chromium"}. */
  @Override
  public String name() {
    return (options.windowed() ? "windowed" : "headless") + " Chromium";
  }

  /** A {@link ChromiumArgsAcquirer} for this Chromium; starts nothing. */
  @Override
  public ArgsAcquirer argsAcquirer() {
    return new ChromiumArgsAcquirer(locator, options);
  }

  /** A {@link ChromiumWebSocketRelay} for this Chromium; starts nothing. */
  @Override
  public WebSocketRelay webSocketRelay() {
    return new ChromiumWebSocketRelay(locator, options);
  }

  @Override
  public String toString() {
    return "ChromiumBrowserSupport[" + name() + "]";
  }
}
