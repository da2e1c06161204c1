package io.github.flare4j.workersai;

import io.github.flare4j.EmbeddingResult;
import io.github.flare4j.ResponseInfo;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.Usage;
import io.github.flare4j.error.StreamProtocolException;
import io.github.flare4j.internal.call.Attempt;
import io.github.flare4j.internal.call.AttemptContext;
import io.github.flare4j.internal.http.StreamingCall;
import io.github.flare4j.internal.stream.Json;
import io.github.flare4j.internal.text.ServerText;
import io.github.flare4j.internal.workersai.DocumentInput;
import io.github.flare4j.internal.workersai.EmbeddingReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.exc.JacksonIOException;

/**
 * One attempt at an embedding call to Workers AI (either API), run by the same
 * {@link io.github.flare4j.internal.call.CallEngine} as a chat: sent and checked as a chat is
 * ({@link WorkersAiAttempt#send}), its one JSON document read whole while the attempt is opened
 * (so a failure there is still before the result, where the engine may retry). The engine then
 * reads one {@link Usage} item, when the service reported one, so that the listener sees it; the
 * result itself is {@link #result()}.
 */
final class EmbeddingAttempt implements Attempt {
  private final StreamingCall call;
  private final EmbeddingResult result;
  private boolean usageGiven;

  private EmbeddingAttempt(StreamingCall call, EmbeddingResult result) {
    this.call = call;
    this.result = result;
  }

  /**
   * Sends {@code to}, reads the reply and checks that it holds one vector per input.
   *
   * @param inputs how many texts were sent
   * @throws io.github.flare4j.error.Flare4jException for a refusal, a network failure, or a reply
   *     that is no embedding reply
   */
  static EmbeddingAttempt open(WorkersAiTransport transport, String label,
      WorkersAiAttempt.Target to, int inputs, AttemptContext context) {
    StreamingCall started = WorkersAiAttempt.send(transport, label, to, context).call();
    try {
      EmbeddingResult result = read(started, to.model(), inputs);
      started.markComplete();
      return new EmbeddingAttempt(started, result);
    } finally {
      started.close();
    }
  }

  private static EmbeddingResult read(StreamingCall call, String model, int inputs) {
    String endpoint = call.endpoint();
    EmbeddingReader reader = new EmbeddingReader(endpoint);
    DocumentInput body = new DocumentInput(call.body(), WorkersAiAttempt.MAX_DOCUMENT, endpoint);
    try (JsonParser parser = Json.FACTORY.createParser(ObjectReadContext.empty(), body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT || !reader.object(parser)) {
        throw new StreamProtocolException(endpoint + " answered with a JSON document that is no"
            + " embedding reply: '" + ServerText.quote(
                new String(body.seen(), 0, Math.min(body.seenLength(), 400), StandardCharsets.UTF_8),
                200)
            + "'; check the base URL, and that the model is an embedding model");
      }
    } catch (JacksonIOException e) {
      IOException cause = e.getCause() instanceof IOException io ? io : new IOException(e);
      throw call.failure(cause, true);
    } catch (JacksonException e) {
      throw Json.malformed("embedding reply from " + endpoint, body.seen(), 0, body.seenLength(), e);
    }
    if (reader.vectors().size() != inputs) {
      throw new StreamProtocolException(endpoint + " answered " + reader.vectors().size()
          + " embedding vectors for " + inputs + (inputs == 1 ? " input" : " inputs"));
    }
    try {
      String answered = reader.model() == null || reader.model().isBlank() ? model : reader.model();
      return new EmbeddingResult(answered, reader.vectors(), reader.usage());
    } catch (IllegalArgumentException uneven) {
      throw new StreamProtocolException(endpoint + " answered embedding vectors of different"
          + " lengths: " + uneven.getMessage(), uneven);
    }
  }

  /** The result, read when the attempt was opened. */
  EmbeddingResult result() {
    return result;
  }

  @Override
  public ResponseItem next() {
    if (usageGiven) {
      return null;
    }
    usageGiven = true;
    return result.usage().orElse(null);
  }

  @Override
  public boolean ready() {
    return true;
  }

  @Override
  public String endpoint() {
    return call.endpoint();
  }

  @Override
  public Optional<ResponseInfo> responseInfo() {
    return call.responseInfo();
  }

  @Override
  public void close() {
    call.release();
  }
}
