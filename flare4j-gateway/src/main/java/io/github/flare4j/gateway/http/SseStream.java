package io.github.flare4j.gateway.http;

import java.io.ByteArrayOutputStream;
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
 */
public final class SseStream {
  /** The most bytes held back while more events are ready. */
  static final int MAX_HELD = 32 * 1024;

  private final Exchange exchange;
  private final ByteArrayOutputStream held = new ByteArrayOutputStream();

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

  /** Sends what is held back. */
  public void flush() throws IOException {
    if (held.size() > 0) {
      byte[] bytes = held.toByteArray();
      held.reset();
      exchange.write(bytes);
    }
  }

  /** Writes a comment line, which clients ignore (a keep-alive). */
  public void comment(String text) throws IOException {
    write(": " + text + "\n\n");
  }

  private void write(String text) throws IOException {
    held.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    if (held.size() >= MAX_HELD || !exchange.upstreamReady()) {
      flush();
    }
  }
}
