package io.github.flare4j.internal.workersai;

import io.github.flare4j.error.StreamProtocolException;
import io.github.flare4j.error.StreamTruncatedException;
import io.github.flare4j.internal.stream.Bytes;
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
  private static final byte[] CHOICES = {'"', 'c', 'h', 'o', 'i', 'c', 'e', 's', '"'};
  private static final byte[] USAGE = {'"', 'u', 's', 'a', 'g', 'e', '"'};
  /** Whether a fast-path chunk was a completion; looked for until one is. */
  private boolean recognised;

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

  /** {@code [DONE]} ends the stream; OpenAI's usage chunk comes before it. */
  @Override
  public boolean ended() {
    return events.done();
  }

  @Override
  public void data(byte[] buffer, int offset, int length, ItemBuffer out) {
    if (RestDeltaChunks.tryDecode(buffer, offset, length, out)) {
      reader.recognised();
      return; // the hot path: a plain {"response":..,"p":..} event
    }
    // The fast path skips id, model and created: the parser reads the chunk that starts the reply.
    if (out.started() && openAiChunks.tryDecode(buffer, offset, length, out)) {
      if (!recognised && (contains(buffer, offset, length, CHOICES) || contains(buffer, offset, length, USAGE))) {
        recognised = true; // as the parser judges it: a chunk with neither is no completion
        reader.recognised();
      }
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

  private static boolean contains(byte[] buffer, int offset, int length, byte[] part) {
    for (int i = offset, last = offset + length - part.length; i <= last; i++) {
      if (Bytes.startsWith(buffer, i, part.length, part)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void done(ItemBuffer out) {
    reader.finish(out);
  }
}
