package io.github.flare4j.gateway.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.databind.JsonNode;

/**
 * A {@code text/event-stream} response, written event by event. Events are sent as soon as the
 * upstream has nothing more ready ({@link Exchange#upstreamReady()}), so a token shows at once when
 * tokens come one by one, and a burst (a fast upstream, or one that sent many at once) goes out in
 * one write of up to {@value #MAX_HELD} bytes instead of one per event. Each write blocks until
 * Jetty took the bytes (back-pressure: a slow client slows its upstream reading), and fails at once
 * with an {@link IOException} when the client has gone, which the route takes as a cancel.
 *
 * <p>The events sent once per token are written straight into the buffer from bytes made in
 * advance ({@link #buffer()}, then {@link #written()}); the others go through a JSON tree.
 *
 * <p>While the upstream is silent once the stream has begun (a pause in its reply, a stall) a
 * keep-alive event is sent whenever nothing was written for the keep-alive interval, so that
 * proxies and clients with an idle limit keep the stream: a comment ({@code : keep-alive}) that
 * SSE clients ignore, or Anthropic's {@code ping} event. A virtual thread of the stream's own does
 * it; writes are serialised by a lock, so events are never interleaved. (Before the upstream's
 * first item the routes have not answered yet, so that an upstream refusal is still an HTTP error:
 * no keep-alive is sent then.)
 */
public final class SseStream {
  /** The most bytes held back while more events are ready. */
  static final int MAX_HELD = 32 * 1024;

  /** What a stream sends to keep itself alive. */
  public enum KeepAlive {
    /** A comment line, {@code : keep-alive}, which SSE clients ignore (OpenAI's streams). */
    COMMENT(": keep-alive\n\n"),
    /** Anthropic's {@code ping} event. */
    PING("event: ping\ndata: {\"type\":\"ping\"}\n\n");

    private final byte[] bytes;

    KeepAlive(String event) {
      this.bytes = JsonBytes.ascii(event);
    }
  }

  private final Exchange exchange;
  private final JsonBytes held = new JsonBytes(512);
  private final ReentrantLock lock = new ReentrantLock();
  private final byte[] keepAlive;
  private final long keepAliveNanos;
  private final Thread keepAliveThread;
  /** When bytes last went out (System.nanoTime); guarded by the lock. */
  private long lastWrite = System.nanoTime();
  /** Set once the route is done: no keep-alive after; guarded by the lock. */
  private boolean ended;

  SseStream(Exchange exchange, KeepAlive keepAlive, Duration interval) {
    this.exchange = exchange;
    this.keepAlive = keepAlive.bytes;
    this.keepAliveNanos = interval.toNanos();
    this.keepAliveThread = Thread.ofVirtual().name("flare4j-gateway-keep-alive")
        .start(this::keepAlive);
  }

  /** Writes {@code data: <json>} and a blank line. */
  public void data(JsonNode json) throws IOException {
    write("data: " + Json.MAPPER.writeValueAsString(json) + "\n\n");
  }

  /** Writes {@code event: <name>}, {@code data: <json>} and a blank line. */
  public void event(String name, JsonNode json) throws IOException {
    write("event: " + name + "\ndata: " + Json.MAPPER.writeValueAsString(json) + "\n\n");
  }

  /** Writes {@code data: [DONE]}, OpenAI's end of a chat completion stream, and sends it. */
  public void done() throws IOException {
    lock.lock();
    try {
      write("data: [DONE]\n\n");
      flush();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The buffer of events held back, for an event written in place: append the whole event (its
   * {@code event:} and {@code data:} lines and the blank line), then call {@link #written()}, which
   * must follow: the stream is locked in between.
   */
  public JsonBytes buffer() {
    lock.lock();
    return held;
  }

  /** Says that an event was appended to {@link #buffer()}: sends it unless more are ready. */
  public void written() throws IOException {
    try {
      if (held.length() >= MAX_HELD || !exchange.upstreamReady()) {
        flush();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Sends what is held back. */
  public void flush() throws IOException {
    lock.lock();
    try {
      if (held.length() > 0) {
        try {
          exchange.write(held.array(), held.length());
          lastWrite = System.nanoTime();
        } finally {
          held.reset();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Writes a comment line, which clients ignore. */
  public void comment(String text) throws IOException {
    write(": " + text + "\n\n");
  }

  private void write(String text) throws IOException {
    buffer().raw(text.getBytes(StandardCharsets.UTF_8));
    written();
  }

  /** Stops the keep-alives (the route is done); waits for one being written. */
  void end() {
    lock.lock();
    try {
      ended = true;
    } finally {
      lock.unlock();
    }
    LockSupport.unpark(keepAliveThread);
  }

  /** The keep-alive thread: sends a keep-alive whenever nothing went out for the interval. */
  private void keepAlive() {
    while (true) {
      long wait;
      lock.lock();
      try {
        if (ended) {
          return;
        }
        wait = lastWrite + keepAliveNanos - System.nanoTime();
        if (wait <= 0) {
          held.raw(keepAlive);
          flush();
          wait = keepAliveNanos;
        }
      } catch (IOException e) {
        return; // the client has gone: the route's next write fails too, and ends the stream
      } finally {
        lock.unlock();
      }
      LockSupport.parkNanos(this, wait);
    }
  }
}
