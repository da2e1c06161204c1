package io.github.flare4j.browser;

import io.github.flare4j.error.CloudflareChallengeException;
import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.error.NetworkException;
import io.github.flare4j.error.RequestTimeoutException;
import io.github.flare4j.error.RequestTimeoutException.Phase;
import io.github.flare4j.http.ProxySpec;
import io.github.flare4j.spi.SessionArgs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;

/**
 * A running Chromium, headless or windowed, with one page attached over the DevTools protocol:
 * launch, navigate, wait until Cloudflare's challenge is gone, evaluate, read cookies.
 *
 * <p>The page, and every frame or worker it starts in another process (a cross-site iframe such as
 * Turnstile's), is attached before it runs and told the desktop Chrome's user agent and client
 * hints ({@link DesktopUserAgent}).
 *
 * <p>{@link #close()} asks the browser to close ({@code Browser.close}), gives it a moment, then
 * kills whatever is left, deletes its profile and stops the Xvfb started for it, whatever happened;
 * it never throws. Used by one thread, apart from events, which arrive on the connection's reader
 * thread.
 */
final class ChromiumSession implements AutoCloseable {
  private static final String CHALLENGE_PROBE = "JSON.stringify([document.readyState,"
      + " document.title, location.href, typeof window._cf_chl_opt !== 'undefined'"
      + " || !!document.querySelector('#cf-browser-verification, .cf-browser-verification'),"
      + " (performance.getEntriesByType('navigation')[0] || {}).responseStatus || 0])";
  private static final Duration POLL = Duration.ofMillis(100);
  /** How long {@code Browser.close} may take to answer, and the process to exit after it. */
  private static final Duration CLOSE_CALL = Duration.ofSeconds(1);
  private static final Duration CLOSE_EXIT = Duration.ofSeconds(2);
  private static final Map<String, Object> AUTO_ATTACH =
      Map.of("autoAttach", true, "waitForDebuggerOnStart", true, "flatten", true);

  /** What the page showed when last asked. */
  private record PageState(
      String readyState, String title, String href, boolean challengeScript, int status) {
    boolean challenged() {
      return title.contains("Just a moment") || title.contains("Attention Required")
          || challengeScript;
    }
  }

  private final ChromiumProcess process;
  private final CdpConnection devtools;
  private final XDisplay display;
  private final DesktopUserAgent desktop;
  private final long deadlineNanos;
  private final Duration timeout;
  private volatile String sessionId;
  private volatile Consumer<CdpConnection.Event> listener = event -> { };

  private ChromiumSession(ChromiumProcess process, CdpConnection devtools, XDisplay display,
      DesktopUserAgent desktop, long startNanos, Duration timeout) {
    this.process = process;
    this.devtools = devtools;
    this.display = display;
    this.desktop = desktop;
    this.timeout = timeout;
    this.deadlineNanos = startNanos + timeout.toNanos();
  }

  /**
   * Launches Chromium and opens a blank page, all within {@code timeout} (which also bounds
   * everything done with the session afterwards, apart from relayed frames).
   *
   * @param display where a windowed Chromium finds its X display, or null for a headless one
   * @throws io.github.flare4j.error.MissingRequirementsException for a windowed one without
   *     {@code DISPLAY} or Xvfb
   */
  static ChromiumSession start(Path binary, DesktopUserAgent desktop, ProxySpec proxy,
      XvfbLocator display, OkHttpClient client, Duration timeout) {
    long start = System.nanoTime();
    XDisplay screen = display == null ? null : XDisplay.open(display, timeout);
    ChromiumProcess process = null;
    CdpConnection devtools = null;
    try {
      process = ChromiumProcess.launch(binary, desktop.userAgent(), proxy,
          screen == null ? null : screen.name(), left(start, timeout));
      devtools = CdpConnection.open(client, process.devtoolsUrl(), left(start, timeout));
      ChromiumSession session =
          new ChromiumSession(process, devtools, screen, desktop, start, timeout);
      session.attachBlankPage();
      return session;
    } catch (RuntimeException e) {
      if (devtools != null) {
        devtools.close();
      }
      if (process != null) {
        process.close();
      }
      if (screen != null) {
        screen.close();
      }
      throw e;
    }
  }

  private static Duration left(long startNanos, Duration timeout) {
    return positive(timeout.minusNanos(System.nanoTime() - startNanos));
  }

  private void attachBlankPage() {
    devtools.onEvent(this::dispatch);
    Map<String, Object> target = call("Target.createTarget", Map.of("url", "about:blank"), null);
    sessionId = JsonValues.string(call("Target.attachToTarget",
        Map.of("targetId", target.get("targetId"), "flatten", true), null).get("sessionId"));
    // Also covers requests the page makes (fetch, WebSocket) whatever the launch flag did.
    call("Network.setUserAgentOverride", userAgentOverride(), sessionId);
    call("Target.setAutoAttach", AUTO_ATTACH, sessionId);
    call("Page.enable", Map.of(), sessionId);
    call("Runtime.enable", Map.of(), sessionId);
  }

  private Map<String, Object> userAgentOverride() {
    return Map.of("userAgent", desktop.userAgent(), "userAgentMetadata", desktop.clientHints());
  }

  /**
   * Prepares each frame or worker the page starts in another process, which waits for this: the
   * same user agent and hints as the page, the same for its own children, then run. Everything
   * else on the page (or the browser) goes to the listener.
   */
  private void dispatch(CdpConnection.Event event) {
    if ("Target.attachedToTarget".equals(event.method()) && event.sessionId() != null) {
      String child = JsonValues.string(event.params().get("sessionId"));
      if (child != null) {
        // Not waited for: this is the reader thread. Sent in order, so they apply before it runs.
        devtools.send("Network.setUserAgentOverride", userAgentOverride(), child);
        devtools.send("Target.setAutoAttach", AUTO_ATTACH, child);
        devtools.send("Runtime.runIfWaitingForDebugger", Map.of(), child);
      }
      return;
    }
    if (event.sessionId() == null || event.sessionId().equals(sessionId)) {
      listener.accept(event);
    }
  }

  /** Where page events go (bindings, console); must be fast and never throw. */
  void onEvent(Consumer<CdpConnection.Event> listener) {
    this.listener = listener;
  }

  /** Whether this browser has a window (on an X display) rather than running headless. */
  boolean windowed() {
    return display != null;
  }

  /**
   * Navigates the page to {@code url} and waits until it shows no Cloudflare challenge.
   *
   * @throws CloudflareChallengeException when the page still shows a challenge at the deadline,
   *     naming its status and title and what to try
   * @throws RequestTimeoutException when the page did not load in time
   * @throws NetworkException when it cannot be loaded
   */
  void openPastChallenge(String url) {
    openPastChallenge(url, () -> {});
  }

  /**
   * As {@link #openPastChallenge(String)}, running {@code challenged} once when the page is first
   * seen showing a challenge.
   */
  void openPastChallenge(String url, Runnable challenged) {
    boolean told = false;
    Object navigationError = call("Page.navigate", Map.of("url", url), sessionId).get("errorText");
    if (navigationError instanceof String error && !error.isEmpty()) {
      throw new NetworkException("Chromium could not open " + url + ": " + error, null);
    }
    PageState last = null;
    while (true) {
      try {
        List<?> state = (List<?>) JsonValues.parse((String) evaluate(CHALLENGE_PROBE));
        PageState page = new PageState((String) state.get(0), (String) state.get(1),
            (String) state.get(2), Boolean.TRUE.equals(state.get(3)),
            state.get(4) instanceof Number status ? status.intValue() : 0);
        last = page;
        if (!told && page.challenged()) {
          told = true;
          challenged.run();
        }
        if (page.href().startsWith("chrome-error:")) {
          throw new NetworkException("Chromium could not open " + url + " (an error page)", null);
        }
        if ("complete".equals(page.readyState()) && !page.href().startsWith("about:")
            && !page.challenged()) {
          return;
        }
      } catch (RequestTimeoutException e) {
        // the deadline passed during the probe: reported below, with what the page showed
      } catch (NetworkException e) {
        throw e;
      } catch (Flare4jException | ClassCastException | IndexOutOfBoundsException e) {
        // the page is reloading (its context went away): ask again
      }
      if (remaining().isZero()) {
        if (last != null && last.challenged()) {
          throw challengeNotPassed(url, last);
        }
        throw new RequestTimeoutException(Phase.TOTAL, timeout, "Chromium on " + url
            + " (still on '" + (last == null ? "" : last.title()) + "')", null);
      }
      sleep(POLL);
    }
  }

  private CloudflareChallengeException challengeNotPassed(String url, PageState page) {
    String browser = windowed() ? "windowed Chromium" : "headless Chromium";
    String excerpt = "title '" + page.title() + "', still shown by " + browser + " after "
        + seconds(timeout);
    String advice = "The browser could not pass it: try "
        + (windowed() ? "" : "a windowed browser (ChromiumOptions.windowed(true)), ")
        + "another network or proxy, or later; or send the cf_clearance cookie of a browser that"
        + " passed it";
    return new CloudflareChallengeException(page.status(), "GET " + url, excerpt, advice);
  }

  private static String seconds(Duration limit) {
    long millis = limit.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }

  /** Evaluates a JavaScript expression in the page and returns its value (JSON-compatible). */
  Object evaluate(String expression) {
    return evaluate(expression, positive(remaining()));
  }

  /** The same, waiting at most {@code limit} whatever the session's deadline. */
  Object evaluate(String expression, Duration limit) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("expression", expression);
    params.put("returnByValue", true);
    params.put("awaitPromise", true);
    Map<String, Object> result = devtools.call("Runtime.evaluate", params, sessionId, limit);
    Map<String, Object> exception = JsonValues.object(result.get("exceptionDetails"));
    if (!exception.isEmpty()) {
      throw new Flare4jException("JavaScript failed in Chromium: " + exception.get("text"));
    }
    return JsonValues.object(result.get("result")).get("value");
  }

  /** Runs a command on the page without waiting for its answer (order is kept). */
  void post(String method, Map<String, Object> params) {
    devtools.send(method, params, sessionId);
  }

  /** Runs a command on the page and waits for its result. */
  Map<String, Object> page(String method, Map<String, Object> params) {
    return call(method, params, sessionId);
  }

  /**
   * The cookies the browser would send to {@code url}, as session args with {@code headers}: each
   * cookie's value and, for a persistent one, its expiry (CDP's {@code expires}, epoch seconds,
   * which is -1 for a session cookie).
   */
  SessionArgs cookies(String url, Map<String, String> headers) {
    Map<String, Object> result = call("Network.getCookies", Map.of("urls", List.of(url)), sessionId);
    Map<String, String> cookies = new LinkedHashMap<>();
    Map<String, Instant> expiry = new LinkedHashMap<>();
    if (result.get("cookies") instanceof List<?> list) {
      for (Object element : list) {
        Map<String, Object> cookie = JsonValues.object(element);
        String name = JsonValues.string(cookie.get("name"));
        String value = JsonValues.string(cookie.get("value"));
        if (name != null && value != null) {
          cookies.put(name, value);
          Instant expires = expiry(cookie);
          if (expires != null) {
            expiry.put(name, expires);
          }
        }
      }
    }
    return new SessionArgs(headers, cookies, expiry);
  }

  /** A CDP cookie's expiry; null for a session cookie. */
  static Instant expiry(Map<String, Object> cookie) {
    if (Boolean.TRUE.equals(cookie.get("session"))
        || !(cookie.get("expires") instanceof Number seconds)) {
      return null;
    }
    double value = seconds.doubleValue();
    return Double.isFinite(value) && value > 0 && value < Instant.MAX.getEpochSecond()
        ? Instant.ofEpochSecond((long) value) : null;
  }

  /** The process id, for diagnostics. */
  long pid() {
    return process.pid();
  }

  /** The browser's temporary profile folder, deleted on close. */
  Path profile() {
    return process.profile();
  }

  private Map<String, Object> call(String method, Map<String, Object> params, String session) {
    return devtools.call(method, params, session, positive(remaining()));
  }

  private Duration remaining() {
    long left = deadlineNanos - System.nanoTime();
    return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
  }

  private static Duration positive(Duration value) {
    return value.isNegative() || value.isZero() ? Duration.ofMillis(1) : value;
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Flare4jException("Interrupted while waiting for Chromium", e);
    }
  }

  /**
   * Closes the browser the polite way, so that it removes what it made; then closes the DevTools
   * connection, kills whatever is left of Chromium, deletes the profile and stops the Xvfb started
   * for it. Never throws.
   */
  @Override
  public void close() {
    try {
      try {
        devtools.call("Browser.close", Map.of(), null, CLOSE_CALL);
      } catch (RuntimeException e) {
        // gone already, closed before it answered, or too slow: it is killed below
      }
      process.awaitExit(CLOSE_EXIT);
    } finally {
      try {
        devtools.close();
      } finally {
        try {
          process.close();
        } finally {
          if (display != null) {
            display.close();
          }
        }
      }
    }
  }
}
