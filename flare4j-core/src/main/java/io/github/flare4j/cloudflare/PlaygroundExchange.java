package io.github.flare4j.cloudflare;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.ChatStream;
import io.github.flare4j.ResponseInfo;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.error.CloudflareChallengeException;
import io.github.flare4j.error.ResponseStatusException;
import io.github.flare4j.internal.http.Deadline;
import io.github.flare4j.internal.http.SetCookies;
import io.github.flare4j.internal.http.StatusErrors;
import io.github.flare4j.internal.http.StreamingCall;
import io.github.flare4j.internal.stream.BodyReader;
import io.github.flare4j.internal.stream.SniffingDecoder;
import io.github.flare4j.provider.SessionArgs;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * One {@code POST /api/inference} exchange, read item by item (the body of the seed's
 * {@code create_async_generator}): resolve args and model, send, merge cookies, decode the stream
 * in whichever format it comes, and keep the args once the reply is complete. A refusal drops the
 * cached args before it is thrown; a challenge is passed with the browser and the request retried
 * once ({@link PlaygroundSession#withChallengeRetry}).
 */
final class PlaygroundExchange implements ChatStream.Source {
  private static final MediaType JSON = MediaType.get("application/json");

  private final Cloudflare provider;
  private final ChatRequest request;
  private final List<String> warnings;
  private Deadline deadline;
  private volatile StreamingCall call;
  private volatile boolean closed;
  private BodyReader reader;
  private SessionArgs args;
  private boolean remembered;

  /**
   * @param deadline the call's deadline when another transport already spent part of it, else
   *     null (it starts when the request is sent)
   */
  PlaygroundExchange(Cloudflare provider, ChatRequest request, Deadline deadline) {
    this.provider = provider;
    this.request = request;
    this.deadline = deadline;
    this.warnings = request.options().temperature() == null ? List.of()
        : List.of("POST " + Cloudflare.API_ENDPOINT + " has no temperature field: the reply used"
            + " the service's own");
  }

  @Override
  public ResponseItem next() {
    if (closed) {
      return null;
    }
    if (reader == null && !open()) {
      return null;
    }
    ResponseItem item = reader.next();
    if (item == null && reader.complete() && !remembered) {
      remembered = true;
      provider.session().remember(args, Transport.INFERENCE);
    }
    return item;
  }

  /** Sends the request; false when the stream was closed meanwhile. */
  private boolean open() {
    if (deadline == null) {
      deadline = Deadline.after(request.timeout());
    }
    String model = provider.modelFor(request);
    Response response = provider.session().withChallengeRetry(request, provider, deadline, tried -> {
      args = tried;
      return send(tried, model);
    });
    if (response == null) {
      return false;
    }
    args = SetCookies.merge(args, response);
    reader = new BodyReader(call, new SniffingDecoder(call.endpoint()));
    return true;
  }

  /** Sends with {@code args}; null when closed meanwhile; throws the refusal for an error status. */
  private Response send(SessionArgs args, String model) {
    Request httpRequest = new Request.Builder()
        .url(provider.apiEndpoint())
        .headers(PlaygroundRequests.headers(args))
        .post(RequestBody.create(
            PlaygroundPayload.json(model, request.messages(), request.maxTokens(), request.tools()),
            JSON))
        .build();
    Duration left = deadline.require("POST " + provider.apiEndpoint());
    StreamingCall started = StreamingCall.prepare(
        provider.clientFor(request, left), httpRequest, provider.timeouts(), left);
    call = started;
    if (closed) {
      return null;
    }
    Response response = started.execute();
    if (response == null) {
      return null;
    }
    if (!response.isSuccessful()) {
      ResponseStatusException refusal =
          StatusErrors.of(response, started.endpoint(), provider.challengeAdvice());
      started.close();
      if (!(refusal instanceof CloudflareChallengeException)) {
        provider.session().forget();
      }
      throw refusal;
    }
    return response;
  }

  @Override
  public void close() {
    closed = true;
    StreamingCall current = call;
    if (current != null) {
      current.release();
    }
  }

  @Override
  public Optional<ResponseInfo> responseInfo() {
    StreamingCall current = call;
    return current == null ? Optional.empty()
        : current.responseInfo().map(info -> info.withWarnings(warnings));
  }
}
