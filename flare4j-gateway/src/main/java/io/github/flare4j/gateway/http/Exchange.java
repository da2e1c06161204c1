package io.github.flare4j.gateway.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One request and its response, with what the routes need on top of Jetty's core API: the body
 * as JSON (bounded), a whole JSON answer, or an event stream. Writes block until Jetty took the
 * bytes; a write to a client that has gone fails at once.
 */
public final class Exchange {
  private final Request request;
  private final Response response;
  private final long maxBodyBytes;
  private final Duration keepAliveInterval;
  private boolean committed;
  private int status;
  private String model = "";
  private volatile io.github.flare4j.ChatStream upstream;
  private SseStream events;
  private long tokens;

  /**
   * @param maxBodyBytes the largest request body read; more is a 413
   * @param keepAliveInterval how long an event stream may be silent before a keep-alive is sent
   */
  public Exchange(Request request, Response response, long maxBodyBytes,
      Duration keepAliveInterval) {
    this.request = request;
    this.response = response;
    this.maxBodyBytes = maxBodyBytes;
    this.keepAliveInterval = keepAliveInterval;
  }

  /** The request method. */
  public String method() {
    return request.getMethod();
  }

  /** The path, without the query. */
  public String path() {
    return request.getHttpURI().getPath();
  }

  /** A request header, or null. */
  public String header(String name) {
    return request.getHeaders().get(name);
  }

  /** The underlying Jetty request (for the connection's state). */
  public Request request() {
    return request;
  }

  /**
   * The body as a JSON object.
   *
   * @throws ApiException 413 when over the limit, 400 when it is not a JSON object
   */
  public JsonNode readJson() throws IOException {
    long declared = request.getLength();
    if (declared > maxBodyBytes) {
      throw tooLarge();
    }
    byte[] body;
    try (InputStream in = Content.Source.asInputStream(request)) {
      body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
    }
    if (body.length > maxBodyBytes) {
      throw tooLarge();
    }
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw ApiException.badRequest(null, "The request body is not valid JSON: "
          + e.getOriginalMessage());
    }
    if (json == null || !json.isObject()) {
      throw ApiException.badRequest(null, "The request body must be a JSON object");
    }
    return json;
  }

  private ApiException tooLarge() {
    return new ApiException(413, "invalid_request_error", "The request body is larger than the"
        + " gateway's limit of " + maxBodyBytes + " bytes", null, "request_too_large", Map.of());
  }

  /** Sends a whole JSON answer. */
  public void sendJson(int status, JsonNode body) throws IOException {
    sendJson(status, body, Map.of());
  }

  /** Sends a whole JSON answer with extra headers. */
  public void sendJson(int status, JsonNode body, Map<String, String> headers) throws IOException {
    send(status, "application/json", Json.MAPPER.writeValueAsBytes(body), headers);
  }

  /** Sends a whole answer of any type. */
  public void send(int status, String contentType, byte[] body, Map<String, String> headers)
      throws IOException {
    this.status = status;
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    headers.forEach((name, value) -> response.getHeaders().put(name, value));
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    committed = true;
    try (Blocker.Callback blocker = Blocker.callback()) {
      response.write(true, ByteBuffer.wrap(body), blocker);
      blocker.block();
    }
  }

  /** Sends an answer without a body (a 204 to a CORS preflight). */
  public void sendEmpty(int status, Map<String, String> headers) throws IOException {
    this.status = status;
    response.setStatus(status);
    headers.forEach((name, value) -> response.getHeaders().put(name, value));
    committed = true;
    try (Blocker.Callback blocker = Blocker.callback()) {
      response.write(true, ByteBuffer.allocate(0), blocker);
      blocker.block();
    }
  }

  /**
   * Starts a {@code text/event-stream} answer with status 200, whose keep-alive is a comment
   * (OpenAI's APIs).
   */
  public SseStream startEvents() {
    return startEvents(SseStream.KeepAlive.COMMENT);
  }

  /**
   * Starts a {@code text/event-stream} answer with status 200.
   *
   * @param keepAlive what is sent when the stream was silent for the keep-alive interval
   */
  public SseStream startEvents(SseStream.KeepAlive keepAlive) {
    status = 200;
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    response.getHeaders().put("X-Accel-Buffering", "no");
    committed = true;
    events = new SseStream(this, keepAlive, keepAliveInterval);
    return events;
  }

  /** Stops the event stream's keep-alives, if one was started: the route is done with it. */
  public void endEvents() {
    if (events != null) {
      events.end();
    }
  }

  /** The upstream reply this exchange streams, so that events are held while more are ready. */
  void upstream(io.github.flare4j.ChatStream stream) {
    this.upstream = stream;
  }

  /** Whether the upstream reply has its next item already (so events may wait for it). */
  boolean upstreamReady() {
    io.github.flare4j.ChatStream stream = upstream;
    return stream != null && !stream.isClosed() && stream.ready();
  }

  /** Sends the events held back, if any; called when the route is done. */
  public void flushEvents() throws IOException {
    if (events != null) {
      events.flush();
    }
  }

  /**
   * Writes the first {@code length} bytes of {@code bytes} in a started answer and flushes them;
   * returns once Jetty is done with them, so the array may be used again.
   */
  void write(byte[] bytes, int length) throws IOException {
    try (Blocker.Callback blocker = Blocker.callback()) {
      response.write(false, ByteBuffer.wrap(bytes, 0, length), blocker);
      blocker.block();
    }
  }

  /** Whether the status and headers went out (an error must then go inside the body). */
  public boolean committed() {
    return committed || response.isCommitted();
  }

  /** The status sent, 0 before. */
  public int status() {
    return status;
  }

  /** Records the model asked for, for the access log and metrics. */
  public void model(String model) {
    this.model = model == null ? "" : model;
  }

  /** The model asked for, for the access log; empty when none. */
  public String model() {
    return model;
  }

  /** Adds to the tokens the reply used, for the access log and metrics. */
  public void addTokens(long tokens) {
    this.tokens += tokens;
  }

  /** The tokens the reply used, as far as known. */
  public long tokens() {
    return tokens;
  }

  /** Ends the response (the last, empty write). */
  void finish(Callback callback) {
    response.write(true, ByteBuffer.allocate(0), callback);
  }

  /** The request body as text, for routes that read it themselves. */
  public String bodyText() throws IOException {
    return Content.Source.asString(request, StandardCharsets.UTF_8);
  }
}
