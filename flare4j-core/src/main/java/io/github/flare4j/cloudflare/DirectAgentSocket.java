package io.github.flare4j.cloudflare;

import io.github.flare4j.ResponseInfo;
import io.github.flare4j.error.NetworkException;
import io.github.flare4j.error.RequestTimeoutException;
import io.github.flare4j.error.RequestTimeoutException.Phase;
import io.github.flare4j.http.Timeouts;
import io.github.flare4j.internal.http.Deadline;
import io.github.flare4j.internal.http.StatusErrors;
import io.github.flare4j.provider.SessionArgs;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * The Agents socket opened by OkHttp, with the args' headers (user agent, origin) and cookies, so
 * that the service sees the browser whose clearance cookie we carry.
 */
final class DirectAgentSocket implements AgentSocket {
  /** How long {@link #close()} waits for queued frames to be written. */
  private static final Duration FLUSH_WAIT = Duration.ofMillis(500);

  private static final int NORMAL_CLOSURE = 1000;

  private final WebSocket socket;
  private final ResponseInfo handshake;

  private DirectAgentSocket(WebSocket socket, ResponseInfo handshake) {
    this.socket = socket;
    this.handshake = handshake;
  }

  /**
   * Opens the socket and waits until the upgrade is answered, at most the connect and first-byte
   * limits and never past the deadline.
   *
   * @throws io.github.flare4j.error.ResponseStatusException when the upgrade is refused (a
   *     {@link io.github.flare4j.error.CloudflareChallengeException} for a challenge page)
   * @throws NetworkException when it cannot connect or is not answered in time
   */
  static DirectAgentSocket open(OkHttpClient client, String url, SessionArgs args,
      Timeouts timeouts, Deadline deadline, SocketEvents events, String endpoint,
      String challengeAdvice) {
    Request request = new Request.Builder()
        .url(url)
        .headers(PlaygroundRequests.headers(args))
        .build();
    WebSocket socket = client.newWebSocket(request, new WebSocketListener() {
      @Override
      public void onOpen(WebSocket webSocket, Response response) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : response.headers().names()) {
          headers.put(name, response.header(name));
        }
        events.opened(new ResponseInfo(response.code(), headers));
      }

      @Override
      public void onMessage(WebSocket webSocket, String text) {
        events.onText(text);
      }

      @Override
      public void onMessage(WebSocket webSocket, ByteString bytes) {
        events.onText(bytes.utf8());
      }

      @Override
      public void onClosing(WebSocket webSocket, int code, String reason) {
        webSocket.close(NORMAL_CLOSURE, null);
        events.onClosed(code, reason);
      }

      @Override
      public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        if (response != null && response.code() != 101) {
          events.failed(StatusErrors.of(response, "GET " + endpoint, challengeAdvice));
        } else {
          events.failed(new NetworkException(
              endpoint + " broke off: " + t.getClass().getSimpleName() + ": " + t.getMessage(), t));
        }
      }
    });
    Duration limit = deadline.cap(timeouts.connect().plus(timeouts.firstByte()));
    SocketEvents.Event first = events.poll(limit);
    return switch (first) {
      case SocketEvents.Open open -> new DirectAgentSocket(socket, open.info());
      case SocketEvents.Failed failed -> throw failed.error();
      case null -> {
        socket.cancel();
        throw new RequestTimeoutException(Phase.FIRST_BYTE, limit, endpoint, null);
      }
      case SocketEvents.Text text -> throw new IllegalStateException("frame before open");
      case SocketEvents.Closed closed -> {
        socket.cancel();
        throw new NetworkException(endpoint + " closed before it opened", null);
      }
    };
  }

  @Override
  public ResponseInfo handshake() {
    return handshake;
  }

  @Override
  public boolean send(String text) {
    FrameLog.sent(text);
    return socket.send(text);
  }

  /**
   * Starts the closing handshake after what was sent (a cancel, say), and waits a little, at most
   * {@link #FLUSH_WAIT}, until those frames have left: a process that exits right after closing
   * would otherwise lose them in OkHttp's writer queue.
   */
  @Override
  public void close() {
    if (!socket.close(NORMAL_CLOSURE, null)) {
      socket.cancel();
      return;
    }
    long deadline = System.nanoTime() + FLUSH_WAIT.toNanos();
    while (socket.queueSize() > 0 && System.nanoTime() - deadline < 0) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
