package io.github.flare4j.browser;

/**
 * How {@link ChromiumArgsAcquirer} and {@link ChromiumWebSocketRelay} run Chromium.
 *
 * <pre>{@code
 * ChromiumOptions options = ChromiumOptions.DEFAULT.windowed(true);
 * Cloudflare cloudflare = Cloudflare.builder()
 *     .argsAcquirer(ChromiumArgsAcquirer.create(options))
 *     .webSocketRelay(ChromiumWebSocketRelay.create(options))
 *     .build();
 * }</pre>
 *
 * <p><b>Windowed.</b> By default Chromium runs headless. Some sites' Turnstile refuses any headless
 * browser, however ordinary it looks; {@code windowed(true)} runs a real Chromium window instead,
 * placed off screen ({@code --window-position=-2000,-2000}, a 1920x1080 window). It needs an X
 * display: the {@code DISPLAY} of the environment the {@link ChromiumLocator} reads when it is set,
 * otherwise an {@code Xvfb} found on that environment's {@code PATH} (see {@link XvfbLocator}),
 * started for each browser on a free display and stopped with it. The display is given to Chromium
 * alone; the JVM's own environment is left as it is. Without either, starting a browser throws
 * {@link io.github.flare4j.error.MissingRequirementsException} saying to install Xvfb or set
 * {@code DISPLAY}.
 *
 * <p>In both modes the browser shows no automation tells: {@code navigator.webdriver} is false,
 * and its user agent and client hints ({@code navigator.userAgentData}, {@code sec-ch-ua}) are a
 * desktop Google Chrome's of the same version, never {@code HeadlessChrome}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param windowed whether to run a real (off-screen) window rather than headless
 */
public record ChromiumOptions(boolean windowed) {
  /** Headless Chromium: what {@link ChromiumArgsAcquirer#create()} uses. */
  public static final ChromiumOptions DEFAULT = new ChromiumOptions(false);

  /**
   * These options with the window on or off.
   *
   * @param on true for a real window (needs {@code DISPLAY} or {@code Xvfb}), false for headless
   * @return the options, this one when nothing changes
   */
  public ChromiumOptions windowed(boolean on) {
    return on == windowed ? this : new ChromiumOptions(on);
  }
}
