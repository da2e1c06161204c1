package io.github.flare4j.internal.workersai;

import io.github.flare4j.error.StreamProtocolException;
import io.github.flare4j.error.StreamTruncatedException;
import io.github.flare4j.internal.stream.ItemBuffer;
import io.github.flare4j.internal.stream.Json;
import io.github.flare4j.internal.stream.SseFramer;
import io.github.flare4j.internal.stream.StreamDecoder;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Decodes a Workers AI stream: Server-Sent Events whose {@code data} is one completion chunk each
 * (REST {@code {"response":..,"p":..}} or OpenAI {@code chat.completion.chunk}, see
 * {@link CompletionReader}), ended by {@code data: [DONE]}, framed by {@link SseFramer}. A body that
 * ends before {@code [DONE]} is truncated.
 */
public final class EventStreamDecoder implements StreamDecoder, SseFramer.Events {
  private final String endpoint;
  private final CompletionReader reader;
  private final SseFramer events = new SseFramer(this);
  private final OpenAiDeltaChunks openAiChunks = new OpenAiDeltaChunks();

  /** A decoder for one reply from {@code endpoint} (named in error messages). */
  public EventStreamDecoder(String endpoint) {
    this.endpoint = endpoint;
    this.reader = new CompletionReader(endpoint);
  }

  @Override
  public void line(byte[] buffer, int offset, int length, ItemBuffer out) {
    events.line(buffer, offset, length, out);
  }

  @Override
  public void end(ItemBuffer out) {
    events.end(out);
    if (!events.done()) {
      throw new StreamTruncatedException(
          endpoint + " ended the stream before data: [DONE]");
    }
  }

  @Override
  public void data(byte[] buffer, int offset, int length, ItemBuffer out) {
    if (RestDeltaChunks.tryDecode(buffer, offset, length, out)) {
      return; // the hot path: a plain {"response":..,"p":..} event
    }
    if (openAiChunks.tryDecode(buffer, offset, length, out)) {
      return; // the other hot path: a plain chat.completion.chunk of text or reasoning
    }
    try (JsonParser parser = Json.parser(buffer, offset, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw Json.malformed("event from " + endpoint, buffer, offset, length, null);
      }
      reader.object(parser, out);
    } catch (JacksonException e) {
      throw Json.malformed("event from " + endpoint, buffer, offset, length, e);
    }
  }

  @Override
  public void done(ItemBuffer out) {
    reader.finish(out);
  }
}
