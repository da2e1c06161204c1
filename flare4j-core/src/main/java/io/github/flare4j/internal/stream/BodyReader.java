package io.github.flare4j.internal.stream;

import io.github.flare4j.ResponseItem;
import io.github.flare4j.internal.http.StreamingCall;
import java.io.IOException;

/**
 * Reads a streamed body line by line through a {@link StreamDecoder}, handing out one item at a
 * time. Reads only as far as needed for the next item, so a slow consumer slows the connection
 * (TCP flow control) instead of filling memory.
 *
 * <p>The reply ends at its protocol's end marker ({@link StreamDecoder#ended()}), not at the end of
 * the body: a server that then leaves the body open, or whose {@code Content-Length} promised more,
 * does not hold the caller until the idle limit. The body is let go as soon as the last items are
 * handed out; what came after the marker is never read.
 */
public final class BodyReader {
  private final StreamingCall call;
  private final StreamDecoder decoder;
  private final LineReader lines;
  private final ItemBuffer items;
  private boolean ended;
  private boolean released;

  /**
   * Reads the body of {@code call}, which has been executed with a 2xx status; the first item is a
   * {@link io.github.flare4j.ResponseStart} ({@link ItemBuffer#forReply}).
   *
   * @param model the model id the request was sent with, for a reply that names none
   */
  public BodyReader(StreamingCall call, StreamDecoder decoder, String model) {
    this.call = call;
    this.decoder = decoder;
    this.items = ItemBuffer.forReply(model);
    this.lines = new LineReader(call.body());
  }

  /**
   * The next item, or null at the end of the reply (or after the call was cancelled).
   *
   * @throws io.github.flare4j.error.Flare4jException when reading or decoding fails
   */
  public ResponseItem next() {
    while (items.isEmpty() && !ended) {
      if (!step()) {
        return null;
      }
    }
    if (ended && !released) {
      released = true;
      call.release(); // complete: back to the pool if the body ends at once, else closed
    }
    return items.poll();
  }

  /**
   * True when {@link #next()} would return at once: an item is decoded, the body has ended, or
   * whole lines already received decode to an item (they are decoded here). Never blocks.
   *
   * @throws io.github.flare4j.error.Flare4jException when decoding those lines fails
   */
  public boolean ready() {
    while (items.isEmpty() && !ended && lines.lineBuffered()) {
      if (!step()) {
        return true; // cancelled: next() returns null at once
      }
    }
    return !items.isEmpty() || ended;
  }

  /** Reads and decodes one line, or the end; false when the call was cancelled. */
  private boolean step() {
    boolean more;
    try {
      more = lines.next();
    } catch (IOException e) {
      if (call.isCancelled()) {
        return false;
      }
      throw call.failure(e, true);
    }
    if (more) {
      decoder.line(lines.buffer(), 0, lines.length(), items);
      if (decoder.ended()) {
        ended = true; // the end marker: whatever follows is not the reply's
        decoder.end(items);
        call.markComplete();
      }
    } else if (call.isCancelled()) {
      return false;
    } else {
      ended = true;
      decoder.end(items);
      call.markComplete();
    }
    return true;
  }

  /** True once the whole body was read and decoded without error. */
  public boolean complete() {
    return ended && items.isEmpty();
  }
}
