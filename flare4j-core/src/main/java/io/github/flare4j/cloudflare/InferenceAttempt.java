package io.github.flare4j.cloudflare;

import io.github.flare4j.CallOptions;
import io.github.flare4j.ChatRequest;
import io.github.flare4j.ResponseInfo;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.error.CloudflareChallengeException;
import io.github.flare4j.error.NetworkException;
import io.github.flare4j.error.ResponseStatusException;
import io.github.flare4j.internal.call.Attempt;
import io.github.flare4j.internal.call.AttemptContext;
import io.github.flare4j.internal.http.SetCookies;
import io.github.flare4j.internal.http.StatusErrors;
import io.github.flare4j.internal.http.StreamingCall;
import io.github.flare4j.internal.stream.BodyReader;
import io.github.flare4j.internal.stream.SniffingDecoder;
import io.github.flare4j.spi.SessionArgs;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * One {@code POST /api/inference} attempt (the body of the seed's
 * {@code create_async_generator}): resolve the model, send with the session's args, merge the
 * cookies the answer set, decode the stream in whichever format it comes, and keep the args once
 * the reply is complete. A refusal drops the cached args before it is thrown; a challenge is
 * passed with the browser and the request sent once more ({@link PlaygroundSession#withChallengeRetry}).
 */
final class InferenceAttempt implements Attempt {
  private static final MediaType JSON = MediaType.get("application/json");

  private final PlaygroundRuntime runtime;
  private final StreamingCall call;
  private final BodyReader reader;
  private final SessionArgs args;
  private final List<String> warnings;
  private boolean remembered;

  private InferenceAttempt(PlaygroundRuntime runtime, StreamingCall call, SessionArgs args,
      List<String> warnings, String model) {
    this.runtime = runtime;
    this.call = call;
    this.reader = new BodyReader(call, new SniffingDecoder(call.endpoint()), model);
    this.args = args;
    this.warnings = warnings;
  }

  /**
   * Sends the request and checks the answer.
   *
   * @throws io.github.flare4j.error.Flare4jException for a refusal or a network failure
   */
  static InferenceAttempt open(PlaygroundRuntime runtime, ChatRequest request, AttemptContext context) {
    CallOptions options = context.options();
    String model = runtime.modelFor(request, options);
    AtomicReference<SessionArgs> used = new AtomicReference<>();
    AtomicReference<StreamingCall> sent = new AtomicReference<>();
    Response response = runtime.session.withChallengeRetry(options, runtime,
        context.deadline(), tried -> {
          used.set(tried);
          return send(runtime, request, model, tried, context, sent);
        });
    SessionArgs args = SetCookies.merge(used.get(), response);
    List<String> warnings = request.options().temperature() == null ? List.of()
        : List.of("POST " + Cloudflare.API_ENDPOINT + " has no temperature field: the reply used"
            + " the service's own");
    return new InferenceAttempt(runtime, sent.get(), args, warnings, model);
  }

  /** Sends with {@code args}; throws the refusal for an error status. */
  private static Response send(PlaygroundRuntime runtime, ChatRequest request, String model,
      SessionArgs args, AttemptContext context, AtomicReference<StreamingCall> sent) {
    Request httpRequest = new Request.Builder()
        .url(runtime.apiEndpoint())
        .headers(PlaygroundRequests.headers(args))
        .post(RequestBody.create(
            PlaygroundPayload.json(model, request.messages(), request.maxTokens(), request.tools()),
            JSON))
        .build();
    Duration left = context.deadline().require("POST " + runtime.apiEndpoint());
    StreamingCall started = StreamingCall.prepare(
        runtime.clientFor(context.options(), left), httpRequest, runtime.timeouts, left);
    sent.set(started);
    context.onClose(started::release);
    Response response = started.execute();
    if (response == null) {
      throw new NetworkException(started.endpoint() + ": cancelled", null);
    }
    if (!response.isSuccessful()) {
      ResponseStatusException refusal =
          StatusErrors.of(response, started.endpoint(), runtime.challengeAdvice(),
              StatusErrors.SESSION_ADVICE);
      started.close();
      if (!(refusal instanceof CloudflareChallengeException)) {
        runtime.session.forget();
      }
      throw refusal;
    }
    return response;
  }

  @Override
  public ResponseItem next() {
    ResponseItem item = reader.next();
    if (item == null && reader.complete() && !remembered) {
      remembered = true;
      runtime.session.remember(args, Transport.INFERENCE);
    }
    return item;
  }

  @Override
  public boolean ready() {
    return reader.ready();
  }

  @Override
  public String endpoint() {
    return call.endpoint();
  }

  @Override
  public Optional<ResponseInfo> responseInfo() {
    return call.responseInfo().map(info -> info.withWarnings(warnings));
  }

  @Override
  public void close() {
    call.release();
  }
}
