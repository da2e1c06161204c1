package io.github.flare4j.gateway.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 */
public final class SseStream {
  /** The most bytes held back while more events are ready. */
  static final int MAX_HELD = 32 * 1024;

  private final Exchange exchange;
  private final JsonBytes held = new JsonBytes(512);

  SseStream(Exchange exchange) {
    this.exchange = exchange;
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
    write("data: [DONE]\n\n");
    flush();
  }

  /**
   * The buffer of events held back, for an event written in place: append the whole event (its
   * {@code event:} and {@code data:} lines and the blank line), then call {@link #written()}.
   */
  public JsonBytes buffer() {
    return held;
  }

  /** Says that an event was appended to {@link #buffer()}: sends it unless more are ready. */
  public void written() throws IOException {
    if (held.length() >= MAX_HELD || !exchange.upstreamReady()) {
      flush();
    }
  }

  /** Sends what is held back. */
  public void flush() throws IOException {
    if (held.length() > 0) {
      try {
        exchange.write(held.array(), held.length());
      } finally {
        held.reset();
      }
    }
  }

  /** Writes a comment line, which clients ignore (a keep-alive). */
  public void comment(String text) throws IOException {
    write(": " + text + "\n\n");
  }

  private void write(String text) throws IOException {
    held.raw(text.getBytes(StandardCharsets.UTF_8));
    written();
  }
}
