package io.github.flare4j.internal.stream;

import io.github.flare4j.error.StreamProtocolException;
import io.github.flare4j.error.StreamTruncatedException;

/**
 * Decodes the AI SDK v5 UI message stream: Server-Sent Events whose {@code data} is one UI message
 * chunk each ({@link UiMessageChunkDecoder}), ended by {@code data: [DONE]}. A stream that ends
 * with {@code [DONE]} but no {@code finish} chunk (the AI SDK's {@code sendFinish: false}) still
 * finishes with one {@link io.github.flare4j.FinishReason}; one with neither is incomplete.
 */
public final class UiMessageStreamDecoder implements StreamDecoder, SseFramer.Events {
  private final String endpoint;
  private final UiMessageChunkDecoder chunks;
  private final SseFramer events = new SseFramer(this);

  /** A decoder for one reply from {@code endpoint} (named in error messages). */
  public UiMessageStreamDecoder(String endpoint) {
    this.endpoint = endpoint;
    this.chunks = new UiMessageChunkDecoder(endpoint);
  }

  @Override
  public void line(byte[] buffer, int offset, int length, ItemBuffer out) {
    events.line(buffer, offset, length, out);
  }

  @Override
  public void end(ItemBuffer out) {
    events.end(out);
    if (!chunks.finished() && events.done()) {
      chunks.finishWithoutFinishChunk(out); // [DONE] without a finish chunk: still one finish
    }
    chunks.end(out);
    if (!chunks.finished()) {
      throw new StreamTruncatedException(
          endpoint + " ended the stream before its finish chunk");
    }
  }

  /**
   * {@code [DONE]} ends the stream: the AI SDK writes it after the {@code finish} chunk, as the
   * stream's last event.
   */
  @Override
  public boolean ended() {
    return events.done();
  }

  @Override
  public void data(byte[] buffer, int offset, int length, ItemBuffer out) {
    chunks.chunk(buffer, offset, length, out);
  }

  @Override
  public void done(ItemBuffer out) {
    // [DONE] only marks the end; the finish chunk before it carried the reason
  }
}
