package io.github.flare4j.cloudflare;

import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.error.NetworkException;
import io.github.flare4j.provider.WebSocketRelay;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What a socket reported, queued in order for the one thread that reads the reply: the socket's
 * callbacks (OkHttp's reader thread, or a relay's) only ever add to the queue, so they never block
 * and never run decoding. Thread-safe.
 */
final class SocketEvents implements WebSocketRelay.Listener {

  /** One thing a socket reported. */
  sealed interface Event {}

  /** The socket is open. */
  record Open() implements Event {}

  /** A text frame. */
  record Text(String text) implements Event {}

  /** The socket was closed, by either side. */
  record Closed(int code, String reason) implements Event {}

  /** The socket failed; {@code error} is what to throw. */
  record Failed(Flare4jException error) implements Event {}

  private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
  private final String endpoint;

  SocketEvents(String endpoint) {
    this.endpoint = endpoint;
  }

  void opened() {
    queue.add(new Open());
  }

  void failed(Flare4jException error) {
    queue.add(new Failed(error));
  }

  @Override
  public void onText(String text) {
    queue.add(new Text(text));
  }

  @Override
  public void onClosed(int code, String reason) {
    queue.add(new Closed(code, reason == null ? "" : reason));
  }

  @Override
  public void onFailure(String message) {
    queue.add(new Failed(new NetworkException(endpoint + " failed: " + message, null)));
  }

  /**
   * The next event, waiting at most {@code limit}; null when none came in time.
   *
   * @throws NetworkException when the waiting thread is interrupted
   */
  Event poll(Duration limit) {
    try {
      return queue.poll(Math.max(1, limit.toNanos()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NetworkException(endpoint + ": interrupted while waiting for a frame", e);
    }
  }
}
