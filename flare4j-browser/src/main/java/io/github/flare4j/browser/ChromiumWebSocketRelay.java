package io.github.flare4j.browser;

import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.error.NetworkException;
import io.github.flare4j.error.RequestTimeoutException;
import io.github.flare4j.error.RequestTimeoutException.Phase;
import io.github.flare4j.http.ProxySpec;
import io.github.flare4j.spi.SharedHttpClients;
import io.github.flare4j.spi.WebSocketRelay;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a WebSocket inside a Chromium page and relays its frames, for a service that
 * refuses anything but a browser. The page (the site's own, challenge passed) opens the socket;
 * each frame it receives is handed over at once through a DevTools binding
 * ({@code Runtime.addBinding}, {@code Runtime.bindingCalled}), so replies still stream item by
 * item; frames to send are evaluated in the page.
 *
 * <p>Chromium runs headless unless the {@link ChromiumOptions} say {@code windowed}. Each
 * {@link #open} starts its own Chromium with a fresh profile (and for a windowed one without
 * {@code DISPLAY}, its own Xvfb); closing the returned socket (or a failure to open it) closes the
 * browser, deletes the profile and stops that Xvfb. Thread-safe.
 */
public final class ChromiumWebSocketRelay implements WebSocketRelay {
  /** The binding the page calls with each socket event. */
  static final String BINDING = "__flare4jRelay";

  private final ChromiumLauncher launcher;

  /** A relay running the Chromium {@code locator} finds, headless. */
  public ChromiumWebSocketRelay(ChromiumLocator locator) {
    this(locator, ChromiumOptions.DEFAULT);
  }

  /**
   * A relay running the Chromium {@code locator} finds, as {@code options} say. A windowed one
   * takes its {@code DISPLAY} and the {@code PATH} to find Xvfb on from the locator's environment.
   */
  public ChromiumWebSocketRelay(ChromiumLocator locator, ChromiumOptions options) {
    this.launcher = new ChromiumLauncher(Objects.requireNonNull(locator, "locator"),
        Objects.requireNonNull(options, "options"), SharedHttpClients.newClient());
  }

  /** A relay running the Chromium found through the process's environment, headless. */
  public static ChromiumWebSocketRelay create() {
    return create(ChromiumOptions.DEFAULT);
  }

  /** A relay running the Chromium found through the process's environment, as asked. */
  public static ChromiumWebSocketRelay create(ChromiumOptions options) {
    return new ChromiumWebSocketRelay(ChromiumLocator.fromSystem(), options);
  }

  /**
   * {@inheritDoc}
   *
   * @throws io.github.flare4j.error.MissingRequirementsException when no Chromium is found, or
   *     for a windowed one neither {@code DISPLAY} nor Xvfb
   * @throws io.github.flare4j.error.CloudflareChallengeException when the page still shows a
   *     challenge at the deadline
   */
  @Override
  public RelayedSocket open(
      String pageUrl, String socketUrl, ProxySpec proxy, Duration timeout, Listener listener) {
    Objects.requireNonNull(listener, "listener");
    ChromiumSession session = launcher.start(proxy, timeout);
    try {
      Relayed relayed = new Relayed(session, listener);
      session.onEvent(relayed::event);
      session.openPastChallenge(pageUrl);
      session.page("Runtime.addBinding", Map.of("name", BINDING));
      session.evaluate(script(socketUrl));
      relayed.awaitOpen(socketUrl, timeout);
      return relayed;
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /** Opens the socket in the page and reports each of its events through the binding. */
  static String script(String socketUrl) {
    String url = JsonValues.write(socketUrl);
    return "(() => { const report = (event) => " + BINDING + "(JSON.stringify(event));"
        + " const ws = new WebSocket(" + url + "); window.__flare4jSocket = ws;"
        + " ws.onopen = () => report({e: 'open'});"
        + " ws.onmessage = (m) => report({e: 'text', data: String(m.data)});"
        + " ws.onclose = (c) => report({e: 'close', code: c.code, reason: c.reason});"
        + " return true; })()";
  }

  /** The open socket: events in, frames out. */
  private static final class Relayed implements RelayedSocket {
    private final ChromiumSession session;
    private final Listener listener;
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    private static final String CLOSE_SCRIPT = "new Promise((done) => {"
        + " const ws = window.__flare4jSocket; if (!ws || ws.readyState > 1) { done(true); return; }"
        + " const timer = setTimeout(() => done(false), 1500);"
        + " ws.addEventListener('close', () => { clearTimeout(timer); done(true); });"
        + " const flush = () => ws.bufferedAmount === 0 ? ws.close(1000) : setTimeout(flush, 10);"
        + " flush(); })";
    private volatile boolean closed;

    Relayed(ChromiumSession session, Listener listener) {
      this.session = session;
      this.listener = listener;
    }

    /** Called on the DevTools reader thread, in order. */
    void event(CdpConnection.Event event) {
      if (CdpConnection.DISCONNECTED.equals(event.method())) {
        if (!opened.completeExceptionally(new NetworkException("Chromium went away", null))
            && !closed) {
          listener.onFailure("Chromium went away: " + event.params().get("reason"));
        }
        return;
      }
      if (!"Runtime.bindingCalled".equals(event.method())
          || !BINDING.equals(event.params().get("name"))) {
        return;
      }
      Map<String, Object> payload =
          JsonValues.object(JsonValues.parse(String.valueOf(event.params().get("payload"))));
      switch (String.valueOf(payload.get("e"))) {
        case "open" -> opened.complete(null);
        case "text" -> listener.onText(String.valueOf(payload.get("data")));
        case "close" -> {
          int code = payload.get("code") instanceof Long number ? number.intValue() : 1006;
          String reason = String.valueOf(payload.get("reason"));
          if (!opened.completeExceptionally(new NetworkException(
              "the socket opened in Chromium was closed before it opened (code " + code + ")",
              null))) {
            listener.onClosed(code, reason);
          }
        }
        default -> { }
      }
    }

    void awaitOpen(String socketUrl, Duration timeout) {
      try {
        opened.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        throw new RequestTimeoutException(Phase.FIRST_BYTE, timeout,
            "WebSocket " + socketUrl + " (in Chromium)", e);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof Flare4jException flare
            ? new NetworkException("WebSocket " + stripQuery(socketUrl) + " in Chromium: "
                + flare.getMessage(), flare)
            : new Flare4jException("WebSocket in Chromium failed", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new NetworkException("Interrupted while opening a WebSocket in Chromium", e);
      }
    }

    @Override
    public boolean send(String text) {
      if (closed) {
        return false;
      }
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("expression", "window.__flare4jSocket.send(" + JsonValues.write(text) + ")");
      session.post("Runtime.evaluate", params);
      return true;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        // Frames posted before (a cancel) must leave the page before the browser is killed.
        session.evaluate(CLOSE_SCRIPT, CLOSE_WAIT);
      } catch (RuntimeException e) {
        // the browser or the socket is gone already: nothing left to flush
      } finally {
        session.close();
      }
    }

    private static String stripQuery(String url) {
      int query = url.indexOf('?');
      return query < 0 ? url : url.substring(0, query);
    }
  }

  @Override
  public String toString() {
    return "ChromiumWebSocketRelay[" + (launcher.options().windowed() ? "windowed" : "headless")
        + "]";
  }
}
