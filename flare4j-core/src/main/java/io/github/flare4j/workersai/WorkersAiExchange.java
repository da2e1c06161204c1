package io.github.flare4j.workersai;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.ChatStream;
import io.github.flare4j.ResponseInfo;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.internal.http.StreamingCall;
import io.github.flare4j.internal.stream.BodyReader;
import io.github.flare4j.internal.stream.ItemBuffer;
import io.github.flare4j.internal.stream.Json;
import io.github.flare4j.internal.workersai.CompletionReader;
import io.github.flare4j.internal.workersai.ErrorEnvelopes;
import io.github.flare4j.internal.workersai.EventStreamDecoder;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * One chat exchange with Workers AI (either API), read item by item. The reply is decoded by its
 * content type, whatever was asked for: {@code text/event-stream} as a stream of events that must
 * end with {@code [DONE]}, anything else as one JSON document (the v4 envelope or an OpenAI
 * {@code chat.completion}). An error status becomes the typed exception of
 * {@link ErrorEnvelopes}.
 */
final class WorkersAiExchange implements ChatStream.Source {
  private static final System.Logger LOG = System.getLogger(WorkersAiExchange.class.getName());
  private static final MediaType JSON = MediaType.get("application/json");

  /** What to send: resolved when the first item is asked for. */
  record Target(String model, HttpUrl url, String body) {}

  private final WorkersAiTransport transport;
  private final String label;
  private final ChatRequest request;
  private final Supplier<Target> target;
  private volatile StreamingCall call;
  private volatile boolean closed;
  private BodyReader reader;
  private ItemBuffer whole;

  WorkersAiExchange(WorkersAiTransport transport, String label, ChatRequest request,
      Supplier<Target> target) {
    this.transport = transport;
    this.label = label;
    this.request = request;
    this.target = target;
  }

  @Override
  public ResponseItem next() {
    if (closed) {
      return null;
    }
    if (reader == null && whole == null && !open()) {
      return null;
    }
    if (whole != null) {
      return whole.poll();
    }
    return reader.next();
  }

  @Override
  public Optional<ResponseInfo> responseInfo() {
    StreamingCall current = call;
    return current == null ? Optional.empty() : current.responseInfo();
  }

  /** Sends the request; false when the stream was closed meanwhile. */
  private boolean open() {
    Target to = target.get();
    Request httpRequest = new Request.Builder()
        .url(to.url())
        .headers(transport.headers(request))
        .post(RequestBody.create(to.body(), JSON))
        .build();
    StreamingCall started = StreamingCall.prepare(
        transport.clientFor(request), httpRequest, transport.timeouts(), request.timeout());
    call = started;
    if (closed) {
      return false;
    }
    Response response = started.execute();
    if (response == null) {
      return false;
    }
    LOG.log(Level.DEBUG, "{0} answered HTTP {1}", started.endpoint(), response.code());
    if (!response.isSuccessful()) {
      Flare4jException refusal =
          ErrorEnvelopes.of(response, started.endpoint(), label, to.model());
      started.close();
      throw refusal;
    }
    String type = response.header("Content-Type", "").toLowerCase(Locale.ROOT);
    if (type.startsWith("text/event-stream")) {
      reader = new BodyReader(started, new EventStreamDecoder(started.endpoint()));
    } else {
      whole = decodeWhole(started, response);
      started.markComplete();
      started.close();
    }
    return true;
  }

  /** A JSON reply (asked for, or sent instead of a stream): read at once into items. */
  private static ItemBuffer decodeWhole(StreamingCall call, Response response) {
    byte[] body;
    try {
      body = call.body().readByteArray(); // each read waits at most the idle limit
    } catch (IOException e) {
      throw call.failure(e, true);
    }
    ItemBuffer items = new ItemBuffer();
    CompletionReader reader = new CompletionReader(call.endpoint());
    try (JsonParser parser = Json.parser(body, 0, body.length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw Json.malformed("reply from " + call.endpoint(), body, 0, body.length, null);
      }
      reader.object(parser, items);
      if (parser.nextToken() != null) {
        throw Json.malformed("reply from " + call.endpoint(), body, 0, body.length, null);
      }
    } catch (JacksonException e) {
      throw Json.malformed("reply from " + call.endpoint(), body, 0, body.length, e);
    }
    reader.finish(items);
    return items;
  }

  @Override
  public void close() {
    closed = true;
    StreamingCall current = call;
    if (current != null) {
      current.release();
    }
  }
}
