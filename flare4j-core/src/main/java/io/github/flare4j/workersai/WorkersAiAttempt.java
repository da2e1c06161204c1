package io.github.flare4j.workersai;

import io.github.flare4j.ResponseInfo;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.error.NetworkException;
import io.github.flare4j.error.RateLimitException;
import io.github.flare4j.error.StreamProtocolException;
import io.github.flare4j.internal.call.Attempt;
import io.github.flare4j.internal.call.AttemptContext;
import io.github.flare4j.internal.http.StreamingCall;
import io.github.flare4j.internal.stream.BodyReader;
import io.github.flare4j.internal.stream.ItemBuffer;
import io.github.flare4j.internal.stream.Json;
import io.github.flare4j.internal.text.ServerText;
import io.github.flare4j.internal.workersai.CompletionReader;
import io.github.flare4j.internal.workersai.DocumentInput;
import io.github.flare4j.internal.workersai.ErrorEnvelopes;
import io.github.flare4j.internal.workersai.EventStreamDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.exc.JacksonIOException;

/**
 * One attempt at a chat call to Workers AI (either API), read item by item. The reply is decoded
 * by its content type, whatever was asked for: {@code text/event-stream} as a stream of events that
 * must end with {@code [DONE]}, anything else as one JSON document (the v4 envelope or an OpenAI
 * {@code chat.completion}). An error status becomes the typed exception of {@link ErrorEnvelopes}.
 */
final class WorkersAiAttempt implements Attempt {
  private static final System.Logger LOG = System.getLogger(WorkersAiAttempt.class.getName());
  private static final MediaType JSON = MediaType.get("application/json");
  /** The largest JSON document read as one reply. */
  static final int MAX_DOCUMENT = 16 * 1024 * 1024;
  private static final java.util.regex.Pattern TITLE =
      java.util.regex.Pattern.compile("<title[^>]*>([^<]{1,200})</title>", java.util.regex.Pattern.CASE_INSENSITIVE);

  /**
   * What to send.
   *
   * @param rejectIfBusy whether the body asks to fail at once when the model is busy
   */
  record Target(String model, HttpUrl url, String body, boolean rejectIfBusy) {}

  /** Workers AI's code for a model at capacity. */
  private static final int CAPACITY_EXCEEDED = 3040;

  private final StreamingCall call;
  private final BodyReader reader;
  private final ItemBuffer whole;

  private WorkersAiAttempt(StreamingCall call, BodyReader reader, ItemBuffer whole) {
    this.call = call;
    this.reader = reader;
    this.whole = whole;
  }

  /**
   * Sends {@code to} and checks the answer.
   *
   * @throws io.github.flare4j.error.Flare4jException for a refusal or a network failure
   */
  static WorkersAiAttempt open(WorkersAiTransport transport, String label, Target to,
      AttemptContext context) {
    Sent sent = send(transport, label, to, context);
    StreamingCall started = sent.call();
    String type = sent.response().header("Content-Type", "").toLowerCase(Locale.ROOT);
    if (type.startsWith("text/event-stream")) {
      return new WorkersAiAttempt(started,
          new BodyReader(started, new EventStreamDecoder(started.endpoint()), to.model()), null);
    }
    ItemBuffer whole = decodeWhole(started, to.model());
    started.markComplete();
    started.close();
    return new WorkersAiAttempt(started, null, whole);
  }

  /**
   * A request sent and answered with a 2xx status that is no HTML page.
   *
   * @param call the call, whose body is still to be read; its owner releases it
   * @param response the answer's head
   */
  record Sent(StreamingCall call, Response response) {}

  /**
   * Sends {@code to} and checks the answer, for chats and embeddings alike: a refusal becomes the
   * typed exception of {@link ErrorEnvelopes}, an HTML page where JSON was expected a
   * {@link StreamProtocolException}.
   *
   * @throws io.github.flare4j.error.Flare4jException for a refusal or a network failure
   */
  static Sent send(WorkersAiTransport transport, String label, Target to,
      AttemptContext context) {
    Request httpRequest = new Request.Builder()
        .url(to.url())
        .headers(transport.headers(context.options()))
        .post(RequestBody.create(to.body(), JSON))
        .build();
    Duration left = context.deadline().require("POST " + to.url());
    StreamingCall started = StreamingCall.prepare(
        transport.clientFor(context.options(), left), httpRequest, transport.timeouts(), left);
    context.onClose(started::release);
    Response response = started.execute();
    if (response == null) {
      throw new NetworkException(started.endpoint() + ": cancelled", null);
    }
    LOG.log(Level.DEBUG, "{0} answered HTTP {1}", started.endpoint(), response.code());
    if (!response.isSuccessful()) {
      Flare4jException refusal = ErrorEnvelopes.of(response, started.endpoint(), label,
          to.model(), () -> transport.liveModels(context.options().proxy()
              .orElse(transport.proxy())).orElseGet(List::of));
      started.close();
      if (to.rejectIfBusy() && refusal instanceof RateLimitException busy
          && busy.code() == CAPACITY_EXCEEDED) {
        // Asked to fail fast: no wait and no other attempt, which would only queue again.
        context.doNotRetry();
        throw new RateLimitException(busy.status(), busy.endpoint(), busy.bodyExcerpt(),
            busy.retryAfter().orElse(null), busy.serviceError().orElse(null),
            "The model is busy and the request asked not to wait (rejectIfBusy): try again"
                + " later, or without rejectIfBusy to wait in the service's queue",
            busy.headers());
      }
      throw refusal;
    }
    String type = response.header("Content-Type", "").toLowerCase(Locale.ROOT);
    if (type.startsWith("text/html")) {
      StreamProtocolException html = htmlPage(started);
      started.close();
      throw html;
    }
    return new Sent(started, response);
  }

  @Override
  public ResponseItem next() {
    return whole != null ? whole.poll() : reader.next();
  }

  @Override
  public boolean ready() {
    return whole != null || reader.ready();
  }

  @Override
  public String endpoint() {
    return call.endpoint();
  }

  @Override
  public Optional<ResponseInfo> responseInfo() {
    return call.responseInfo();
  }

  /**
   * A JSON reply (asked for, or sent instead of a stream): read at once into items. The reply ends
   * with its document: what follows is not read, so a body left open or shorter than its
   * {@code Content-Length} does not hold the caller.
   */
  private static ItemBuffer decodeWhole(StreamingCall call, String model) {
    ItemBuffer items = ItemBuffer.forReply(model);
    CompletionReader reader = new CompletionReader(call.endpoint());
    DocumentInput body = new DocumentInput(call.body(), MAX_DOCUMENT, call.endpoint());
    try (JsonParser parser = Json.FACTORY.createParser(ObjectReadContext.empty(), body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw Json.malformed("reply from " + call.endpoint(), body.seen(), 0, body.seenLength(), null);
      }
      if (!reader.object(parser, items)) {
        throw new StreamProtocolException(call.endpoint() + " answered with a JSON document that is"
            + " no Workers AI reply: '" + ServerText.quote(
                new String(body.seen(), 0, body.seenLength(), StandardCharsets.UTF_8), 200)
            + "'; check the base URL");
      }
    } catch (JacksonIOException e) {
      IOException cause = e.getCause() instanceof IOException io ? io : new IOException(e);
      throw call.failure(cause, true);
    } catch (JacksonException e) {
      throw Json.malformed("reply from " + call.endpoint(), body.seen(), 0, body.seenLength(), e);
    }
    reader.finish(items);
    return items;
  }

  /** The error for an HTML page where a reply was expected, with the page's title when it has one. */
  private static StreamProtocolException htmlPage(StreamingCall call) {
    String page;
    try {
      call.body().request(64 * 1024);
      okio.Buffer buffered = call.body().getBuffer();
      page = buffered.readUtf8(Math.min(buffered.size(), 64 * 1024));
    } catch (IOException e) {
      page = "";
    }
    java.util.regex.Matcher title = TITLE.matcher(page);
    String named = title.find() ? " (title '" + ServerText.quote(title.group(1).strip()) + "')" : "";
    return new StreamProtocolException(call.endpoint() + " answered with an HTML page" + named
        + " where a reply was expected; check the base URL, or a proxy or network sign-in page in the way");
  }

  @Override
  public void close() {
    call.release();
  }
}
