package io.github.flare4j.browser;

import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.error.NetworkException;
import io.github.flare4j.error.RequestTimeoutException;
import io.github.flare4j.error.RequestTimeoutException.Phase;
import io.github.flare4j.http.ProxySpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;

/**
 * A running headless Chromium with one page attached over the DevTools protocol: launch, navigate,
 * wait until Cloudflare's challenge is gone, evaluate, read cookies. {@link #close()} kills the
 * browser and deletes its profile whatever happened; it never throws. Used by one thread, apart
 * from events, which arrive on the connection's reader thread.
 */
final class ChromiumSession implements AutoCloseable {
  private static final String CHALLENGE_PROBE = "JSON.stringify([document.readyState,"
      + " document.title, location.href, typeof window._cf_chl_opt !== 'undefined'"
      + " || !!document.querySelector('#cf-browser-verification, .cf-browser-verification')])";
  private static final Duration POLL = Duration.ofMillis(100);

  private final ChromiumProcess process;
  private final CdpConnection devtools;
  private final long deadlineNanos;
  private final Duration timeout;
  private String sessionId;

  private ChromiumSession(ChromiumProcess process, CdpConnection devtools, Duration timeout) {
    this.process = process;
    this.devtools = devtools;
    this.timeout = timeout;
    this.deadlineNanos = System.nanoTime() + timeout.toNanos();
  }

  /**
   * Launches Chromium and opens a blank page, all within {@code timeout} (which also bounds
   * everything done with the session afterwards, apart from relayed frames).
   */
  static ChromiumSession start(Path binary, String userAgent, ProxySpec proxy, OkHttpClient client,
      Duration timeout) {
    long start = System.nanoTime();
    ChromiumProcess process = ChromiumProcess.launch(binary, userAgent, proxy, timeout);
    CdpConnection devtools = null;
    try {
      Duration left = timeout.minusNanos(System.nanoTime() - start);
      devtools = CdpConnection.open(client, process.devtoolsUrl(), positive(left));
      ChromiumSession session = new ChromiumSession(process, devtools, positive(left));
      session.attachBlankPage(userAgent);
      return session;
    } catch (RuntimeException e) {
      if (devtools != null) {
        devtools.close();
      }
      process.close();
      throw e;
    }
  }

  private void attachBlankPage(String userAgent) {
    Map<String, Object> target = call("Target.createTarget", Map.of("url", "about:blank"), null);
    sessionId = JsonValues.string(call("Target.attachToTarget",
        Map.of("targetId", target.get("targetId"), "flatten", true), null).get("sessionId"));
    if (userAgent != null) {
      // Also covers requests the page makes (fetch, WebSocket) whatever the launch flag did.
      call("Network.setUserAgentOverride", Map.of("userAgent", userAgent), sessionId);
    }
    call("Page.enable", Map.of(), sessionId);
    call("Runtime.enable", Map.of(), sessionId);
  }

  /** Where page events go (bindings, console); must be fast and never throw. */
  void onEvent(Consumer<CdpConnection.Event> listener) {
    String page = sessionId;
    devtools.onEvent(event -> {
      if (event.sessionId() == null || event.sessionId().equals(page)) {
        listener.accept(event);
      }
    });
  }

  /** Navigates the page to {@code url} and waits until it shows no Cloudflare challenge. */
  void openPastChallenge(String url) {
    Object navigationError = call("Page.navigate", Map.of("url", url), sessionId).get("errorText");
    if (navigationError instanceof String error && !error.isEmpty()) {
      throw new NetworkException("Chromium could not open " + url + ": " + error, null);
    }
    String lastTitle = "";
    while (true) {
      try {
        List<?> state = (List<?>) JsonValues.parse((String) evaluate(CHALLENGE_PROBE));
        String readyState = (String) state.get(0);
        String title = (String) state.get(1);
        String href = (String) state.get(2);
        boolean challengeScript = Boolean.TRUE.equals(state.get(3));
        lastTitle = title;
        if (href.startsWith("chrome-error:")) {
          throw new NetworkException("Chromium could not open " + url + " (an error page)", null);
        }
        boolean challenged = title.contains("Just a moment") || title.contains("Attention Required")
            || challengeScript;
        if ("complete".equals(readyState) && !href.startsWith("about:") && !challenged) {
          return;
        }
      } catch (RequestTimeoutException e) {
        // the deadline passed during the probe: reported below, with the page's title
      } catch (NetworkException e) {
        throw e;
      } catch (Flare4jException | ClassCastException | IndexOutOfBoundsException e) {
        // the page is reloading (its context went away): ask again
      }
      if (remaining().isZero()) {
        throw new RequestTimeoutException(Phase.TOTAL, timeout,
            "Chromium on " + url + " (still on '" + lastTitle + "')", null);
      }
      sleep(POLL);
    }
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

  /** The cookies the browser would send to {@code url}, name to value. */
  Map<String, String> cookies(String url) {
    Map<String, Object> result = call("Network.getCookies", Map.of("urls", List.of(url)), sessionId);
    Map<String, String> cookies = new LinkedHashMap<>();
    if (result.get("cookies") instanceof List<?> list) {
      for (Object element : list) {
        Map<String, Object> cookie = JsonValues.object(element);
        String name = JsonValues.string(cookie.get("name"));
        String value = JsonValues.string(cookie.get("value"));
        if (name != null && value != null) {
          cookies.put(name, value);
        }
      }
    }
    return cookies;
  }

  /** The process id, for diagnostics. */
  long pid() {
    return process.pid();
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

  /** Closes the DevTools connection, kills Chromium and deletes the profile. Never throws. */
  @Override
  public void close() {
    try {
      devtools.close();
    } finally {
      process.close();
    }
  }
}
