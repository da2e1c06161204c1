package io.github.flare4j.browser;

import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.error.NetworkException;
import io.github.flare4j.error.RequestTimeoutException;
import io.github.flare4j.error.RequestTimeoutException.Phase;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * A DevTools protocol connection to a browser, over OkHttp's WebSocket: commands
 * {@code {"id","method","params","sessionId"}} answered by {@code {"id","result"|"error"}}, and
 * events {@code {"method","params","sessionId"}} handed to one listener on OkHttp's reader thread,
 * in order. When the browser goes away unasked, the listener gets a last event named
 * {@value #DISCONNECTED}. Thread-safe; {@link #close()} never throws.
 */
final class CdpConnection implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(CdpConnection.class.getName());

  /** The name of the event that says the browser went away (not a protocol event). */
  static final String DISCONNECTED = "flare4j.disconnected";

  /** One protocol event. */
  record Event(String method, Map<String, Object> params, String sessionId) {}

  private final WebSocket socket;
  private final Map<Long, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final CompletableFuture<Void> opened = new CompletableFuture<>();
  private volatile Consumer<Event> events = event -> { };
  private volatile String failure;

  private CdpConnection(OkHttpClient client, String url) {
    this.socket = client.newWebSocket(new Request.Builder().url(url).build(), new Listener());
  }

  /**
   * Connects to the browser's DevTools endpoint.
   *
   * @throws Flare4jException when it cannot connect in time
   */
  static CdpConnection open(OkHttpClient client, String url, Duration timeout) {
    CdpConnection connection = new CdpConnection(client, url);
    try {
      connection.opened.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return connection;
    } catch (TimeoutException e) {
      connection.close();
      throw new RequestTimeoutException(Phase.CONNECT, timeout, "Chromium DevTools " + url, e);
    } catch (ExecutionException e) {
      connection.close();
      throw new NetworkException("Cannot connect to Chromium DevTools at " + url + ": "
          + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      connection.close();
      throw new NetworkException("Interrupted while connecting to Chromium DevTools", e);
    }
  }

  /** Where events go from now on (one listener; must be fast and never throw). */
  void onEvent(Consumer<Event> listener) {
    this.events = listener;
  }

  /**
   * Sends a command and waits for its result.
   *
   * @param sessionId the target session, or null for the browser
   * @throws Flare4jException when the browser answers with an error, goes away, or is too slow
   */
  Map<String, Object> call(String method, Map<String, Object> params, String sessionId,
      Duration timeout) {
    CompletableFuture<Map<String, Object>> result = send(method, params, sessionId);
    try {
      return result.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new RequestTimeoutException(Phase.TOTAL, timeout, "Chromium DevTools " + method, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof Flare4jException flare ? flare
          : new Flare4jException("Chromium DevTools " + method + " failed: " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Flare4jException("Interrupted while waiting for Chromium (" + method + ")", e);
    }
  }

  /** Sends a command without waiting; the future completes with its result. */
  CompletableFuture<Map<String, Object>> send(
      String method, Map<String, Object> params, String sessionId) {
    long id = ids.incrementAndGet();
    CompletableFuture<Map<String, Object>> result = new CompletableFuture<>();
    pending.put(id, result);
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("id", id);
    message.put("method", method);
    message.put("params", params);
    if (sessionId != null) {
      message.put("sessionId", sessionId);
    }
    String gone = failure;
    if (gone != null || !socket.send(JsonValues.write(message))) {
      pending.remove(id);
      result.completeExceptionally(new NetworkException(
          "Chromium DevTools connection is closed" + (gone == null ? "" : ": " + gone), null));
    }
    return result;
  }

  @Override
  public void close() {
    failAll("closed");
    socket.cancel();
  }

  private synchronized void failAll(String why) {
    if (failure == null) {
      failure = why;
      if (!why.equals("closed")) {
        try {
          events.accept(new Event(DISCONNECTED, Map.of("reason", why), null));
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "DevTools event listener failed: {0}", e);
        }
      }
    }
    pending.values().forEach(result -> result.completeExceptionally(
        new NetworkException("Chromium DevTools connection " + why, null)));
    pending.clear();
  }

  private final class Listener extends WebSocketListener {
    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      opened.complete(null);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      Map<String, Object> message;
      try {
        message = JsonValues.object(JsonValues.parse(text));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Ignoring a malformed DevTools message");
        return;
      }
      Object id = message.get("id");
      if (id instanceof Long number) {
        CompletableFuture<Map<String, Object>> result = pending.remove(number);
        if (result == null) {
          return;
        }
        Map<String, Object> error = JsonValues.object(message.get("error"));
        if (!error.isEmpty()) {
          result.completeExceptionally(new Flare4jException(
              "Chromium DevTools error: " + error.get("message")));
        } else {
          result.complete(JsonValues.object(message.get("result")));
        }
        return;
      }
      String method = JsonValues.string(message.get("method"));
      if (method != null) {
        try {
          events.accept(new Event(method, JsonValues.object(message.get("params")),
              JsonValues.string(message.get("sessionId"))));
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "DevTools event listener failed on {0}: {1}", method, e);
        }
      }
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      webSocket.close(1000, null);
      failAll("closed by Chromium");
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
      opened.completeExceptionally(t);
      failAll("failed: " + t.getMessage());
    }
  }
}
