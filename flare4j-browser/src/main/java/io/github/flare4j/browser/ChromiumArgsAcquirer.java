package io.github.flare4j.browser;

import io.github.flare4j.CallProgress;
import io.github.flare4j.http.ProxySpec;
import io.github.flare4j.spi.ArgsAcquirer;
import io.github.flare4j.spi.SessionArgs;
import io.github.flare4j.spi.SharedHttpClients;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;

/**
 * Gets a site's cookies and user agent from a real Chromium (the seed's
 * {@code get_args_from_nodriver}): opens the page, waits until Cloudflare's challenge is gone, and
 * returns headers (that browser's user agent, origin, referer) and the site's cookies
 * ({@code cf_clearance} among them) with when each expires, so that an expired clearance is not
 * sent and the browser is asked again.
 *
 * <p>With this artifact on the class path the playground uses one by default
 * ({@link ChromiumBrowserSupport}, found with {@link java.util.ServiceLoader}); set one explicitly
 * only to override it:
 *
 * <pre>{@code
 * Cloudflare cloudflare = Cloudflare.builder()
 *     .argsAcquirer(new ChromiumArgsAcquirer(locator, ChromiumOptions.DEFAULT.windowed(true)))
 *     .build();
 * }</pre>
 *
 * <p>Chromium runs headless unless the {@link ChromiumOptions} say {@code windowed}. Each call
 * starts its own Chromium with a fresh temporary profile (and for a windowed one without
 * {@code DISPLAY}, its own Xvfb) and always closes it, deletes the profile and stops that Xvfb
 * before returning or throwing, timeout included. The user agent and client hints are an ordinary
 * desktop Chrome's of the same version, never {@code HeadlessChrome}. Thread-safe.
 */
public final class ChromiumArgsAcquirer implements ArgsAcquirer {
  private static final System.Logger LOG = System.getLogger(ChromiumArgsAcquirer.class.getName());

  private final ChromiumLauncher launcher;

  /** An acquirer running the Chromium {@code locator} finds, headless. */
  public ChromiumArgsAcquirer(ChromiumLocator locator) {
    this(locator, ChromiumOptions.DEFAULT);
  }

  /**
   * An acquirer running the Chromium {@code locator} finds, as {@code options} say. A windowed one
   * takes its {@code DISPLAY} and the {@code PATH} to find Xvfb on from the locator's environment.
   */
  public ChromiumArgsAcquirer(ChromiumLocator locator, ChromiumOptions options) {
    this(locator, options, SharedHttpClients.newClient());
  }

  ChromiumArgsAcquirer(ChromiumLocator locator, ChromiumOptions options, OkHttpClient client) {
    this.launcher = new ChromiumLauncher(Objects.requireNonNull(locator, "locator"),
        Objects.requireNonNull(options, "options"), client);
  }

  /** An acquirer running the Chromium found through the process's environment, headless. */
  public static ChromiumArgsAcquirer create() {
    return create(ChromiumOptions.DEFAULT);
  }

  /** An acquirer running the Chromium found through the process's environment, as asked. */
  public static ChromiumArgsAcquirer create(ChromiumOptions options) {
    return new ChromiumArgsAcquirer(ChromiumLocator.fromSystem(), options);
  }

  /**
   * {@inheritDoc}
   *
   * @throws io.github.flare4j.error.MissingRequirementsException when no Chromium is found, or
   *     for a windowed one neither {@code DISPLAY} nor Xvfb
   * @throws io.github.flare4j.error.CloudflareChallengeException when the page still shows a
   *     challenge at the deadline: the message names its status and title and what to try
   * @throws io.github.flare4j.error.RequestTimeoutException when the page does not load in time
   * @throws io.github.flare4j.error.NetworkException when the page cannot be loaded
   * @throws io.github.flare4j.error.Flare4jException when Chromium fails
   * @throws IllegalArgumentException for a proxy with credentials, which Chromium cannot use
   */
  @Override
  public SessionArgs getArgs(String url, ProxySpec proxy, Duration timeout) {
    return getArgs(url, proxy, timeout, progress -> {});
  }

  /**
   * {@inheritDoc}
   *
   * <p>Tells {@code progress} {@link CallProgress#challenge(String)} (with this browser's name,
   * e.g. {@code "headless Chromium"}) when the page first shows a challenge.
   */
  @Override
  public SessionArgs getArgs(String url, ProxySpec proxy, Duration timeout,
      Consumer<CallProgress> progress) {
    long start = System.nanoTime();
    String page = url.endsWith("/") ? url : url + "/";
    String name = (launcher.options().windowed() ? "windowed" : "headless") + " Chromium";
    try (ChromiumSession session = launcher.start(proxy, timeout)) {
      session.openPastChallenge(page, () -> progress.accept(CallProgress.challenge(name)));
      String userAgent = DesktopUserAgent.clean(String.valueOf(session.evaluate("navigator.userAgent")));
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("accept", "*/*");
      headers.put("accept-language", "en-US,en;q=0.9");
      headers.put("origin", origin(page));
      headers.put("referer", page);
      headers.put("user-agent", userAgent);
      SessionArgs args = session.cookies(page, headers);
      LOG.log(Level.INFO, "Chromium passed {0} in {1} ms ({2} cookies)", page,
          Duration.ofNanos(System.nanoTime() - start).toMillis(), args.cookies().size());
      return args;
    }
  }

  private static String origin(String url) {
    URI uri = URI.create(url);
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  @Override
  public String toString() {
    return "ChromiumArgsAcquirer[" + (launcher.options().windowed() ? "windowed" : "headless")
        + "]";
  }
}
