package io.github.flare4j.gateway.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/**
 * A {@code text/event-stream} response, written event by event. Each write blocks until Jetty
 * took the bytes (back-pressure: a slow client slows its upstream reading), and fails at once with
 * an {@link IOException} when the client has gone, which the route takes as a cancel.
 */
public final class SseStream {
  private final Exchange exchange;

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

  /** Writes {@code data: [DONE]}, OpenAI's end of a chat completion stream. */
  public void done() throws IOException {
    write("data: [DONE]\n\n");
  }

  /** Writes a comment line, which clients ignore (a keep-alive). */
  public void comment(String text) throws IOException {
    write(": " + text + "\n\n");
  }

  private void write(String text) throws IOException {
    exchange.write(text.getBytes(StandardCharsets.UTF_8));
  }
}
