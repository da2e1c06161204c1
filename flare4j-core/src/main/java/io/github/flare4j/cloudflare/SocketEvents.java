package io.github.flare4j.cloudflare;

import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.ResponseInfo;
import io.github.flare4j.error.NetworkException;
import io.github.flare4j.error.RequestTimeoutException;
import io.github.flare4j.error.RequestTimeoutException.Phase;
import io.github.flare4j.error.StreamProtocolException;
import io.github.flare4j.internal.http.Deadline;
import io.github.flare4j.internal.text.ServerText;
import io.github.flare4j.spi.WebSocketRelay;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import tools.jackson.core.JacksonException;

/**
 * What a socket reported, queued in order for the one thread that reads the reply: the socket's
 * callbacks (the WebSocket client's reader thread, or a relay's) only add to the queue and never
 * run decoding.
 * Thread-safe.
 *
 * <p>At most {@value #MAX_WAITING_FRAMES} text frames wait, so a server that floods the socket
 * cannot fill memory. On a direct socket the reader thread then waits for room: TCP flow control
 * slows the server down, and nothing is lost. A relay's callbacks run on the browser connection's
 * own thread, which must never wait for us (the reader may be waiting on it), so a relayed flood
 * beyond the limit fails the reply instead, with a {@link StreamProtocolException}.
 */
final class SocketEvents implements WebSocketRelay.Listener {

  /** One thing a socket reported. */
  sealed interface Event {}

  /** The socket is open; {@code info} is the upgrade's status and headers. */
  record Open(ResponseInfo info) implements Event {}

  /** A text frame. */
  record Text(String text) implements Event {}

  /** The socket was closed, by either side. */
  record Closed(int code, String reason) implements Event {}

  /** The socket failed; {@code error} is what to throw. */
  record Failed(Flare4jException error) implements Event {}

  /** How many text frames may wait for the reader. */
  static final int MAX_WAITING_FRAMES = 1024;

  private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
  private final Semaphore room = new Semaphore(MAX_WAITING_FRAMES);
  private final String endpoint;
  private final boolean waitForRoom;
  private volatile boolean abandoned;
  private volatile long lastSignOfLife = System.nanoTime() - Long.MAX_VALUE / 2;

  /** The events of a direct socket, whose reader thread waits when the queue is full. */
  SocketEvents(String endpoint) {
    this(endpoint, true);
  }

  private SocketEvents(String endpoint, boolean waitForRoom) {
    this.endpoint = endpoint;
    this.waitForRoom = waitForRoom;
  }

  /** The events of a relayed socket, whose callbacks must never wait. */
  static SocketEvents relayed(String endpoint) {
    return new SocketEvents(endpoint, false);
  }

  /** The reader is gone: a callback waiting for room stops waiting, and later frames are dropped. */
  void abandon() {
    abandoned = true;
    queue.clear();
    room.release(MAX_WAITING_FRAMES);
  }

  /**
   * The server showed it is alive without a frame to read (a ping): a wait for the next frame
   * that runs out of time after this starts again, within the call's deadline, as an HTTP read
   * does after any byte.
   */
  void alive() {
    lastSignOfLife = System.nanoTime();
  }

  void opened(ResponseInfo info) {
    queue.add(new Open(info));
  }

  void failed(Flare4jException error) {
    queue.add(new Failed(error));
  }

  @Override
  public void onText(String text) {
    if (!takeRoom()) {
      return;
    }
    queue.add(new Text(text));
  }

  /** True when a frame may be queued; waits for room on a direct socket. */
  private boolean takeRoom() {
    if (abandoned) {
      return false;
    }
    if (room.tryAcquire()) {
      return true;
    }
    if (!waitForRoom) {
      queue.add(new Failed(new StreamProtocolException(endpoint + " sent frames faster than they"
          + " could be read: over " + MAX_WAITING_FRAMES + " were waiting")));
      abandoned = true;
      return false;
    }
    try {
      while (!abandoned) {
        if (room.tryAcquire(50, TimeUnit.MILLISECONDS)) {
          return !abandoned;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
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
   * The next frame, parsed, waiting at most {@code limit} of silence (a ping ends one: see
   * {@link #alive}) and never past the deadline; null once this side closed the socket ({@code closedHere}).
   *
   * @throws RequestTimeoutException when no frame came in time: {@code phase} for the limit,
   *     {@link Phase#TOTAL} for the deadline
   * @throws NetworkException when the socket was closed by the server or failed
   * @throws PromptTooLargeException when the server closed it because our message was too big
   * @throws StreamProtocolException for a frame that is not JSON
   */
  AgentsFrames.Frame nextFrame(
      Duration limit, Phase phase, Deadline deadline, BooleanSupplier closedHere) {
    while (true) {
      long waitFrom = System.nanoTime();
      Event event = poll(deadline.cap(limit));
      switch (event) {
        case null -> {
          if (closedHere.getAsBoolean()) {
            return null;
          }
          if (lastSignOfLife - waitFrom > 0 && !deadline.remaining().isZero()) {
            continue; // pinged meanwhile: not silent, so the limit starts again (the deadline holds)
          }
          throw deadline.remaining().isZero()
              ? new RequestTimeoutException(Phase.TOTAL, deadline.timeout(), endpoint, null)
              : new RequestTimeoutException(phase, limit, endpoint, null);
        }
        case Text text -> {
          FrameLog.received(text.text());
          try {
            return AgentsFrames.parse(text.text());
          } catch (JacksonException e) {
            throw new StreamProtocolException("malformed frame from " + endpoint + ": "
                + ServerText.quote(text.text(), 120), e);
          }
        }
        case Closed close -> {
          if (closedHere.getAsBoolean()) {
            return null;
          }
          if (close.code() == PromptTooLargeException.MESSAGE_TOO_BIG) {
            throw new PromptTooLargeException(endpoint, close.reason());
          }
          throw new NetworkException(endpoint + " closed the socket before the reply was complete"
              + " (code " + close.code() + (close.reason().isEmpty() ? "" : ", \"" + ServerText.quote(close.reason()) + "\"")
              + ")", null);
        }
        case Failed failed -> {
          if (closedHere.getAsBoolean()) {
            return null;
          }
          throw failed.error();
        }
        case Open open -> { }
      }
    }
  }

  /**
   * True when the next event is a frame, a close or a failure, so that {@link #nextFrame} returns
   * or throws without waiting.
   */
  boolean frameWaiting() {
    Event head = queue.peek();
    return head != null && !(head instanceof Open);
  }

  /**
   * The next event, waiting at most {@code limit}; null when none came in time.
   *
   * @throws NetworkException when the waiting thread is interrupted
   */
  Event poll(Duration limit) {
    try {
      Event event = queue.poll(Math.max(1, limit.toNanos()), TimeUnit.NANOSECONDS);
      if (event instanceof Text) {
        room.release();
      }
      return event;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NetworkException(endpoint + ": interrupted while waiting for a frame", e);
    }
  }
}
