package io.github.flare4j.internal.stream;

import io.github.flare4j.error.StreamProtocolException;
import java.util.Arrays;

/**
 * Frames Server-Sent Events at the byte level, as the HTML standard says: the {@code data} lines
 * of one event are joined with newlines, an empty line dispatches the event, comments and the other
 * fields ({@code event}, {@code id}, {@code retry}) are ignored. A {@code data: [DONE]} event ends
 * the stream, as OpenAI-style and AI SDK streams mark it; events after it are ignored. An event
 * whose data is empty ({@code data:} then an empty line) is not dispatched, as the standard says.
 * No String is made per line: the event's data is handed over as a slice of one reusable buffer.
 */
public final class SseFramer {
  /** What to do with each event. */
  public interface Events {
    /** One event's data, valid until the method returns. */
    void data(byte[] buffer, int offset, int length, ItemBuffer out);

    /** The {@code [DONE]} event. */
    void done(ItemBuffer out);
  }

  private static final byte[] DATA = {'d', 'a', 't', 'a'};
  private static final byte[] DONE = {'[', 'D', 'O', 'N', 'E', ']'};

  private final Events events;
  private byte[] data = new byte[512];
  private int dataLength;
  private boolean hasData;
  private boolean done;

  /** A framer handing every event to {@code events}. */
  public SseFramer(Events events) {
    this.events = events;
  }

  /** Takes one line of the stream (without its ending). */
  public void line(byte[] buffer, int offset, int length, ItemBuffer out) {
    if (length == 0) {
      dispatch(out);
      return;
    }
    if (buffer[offset] == ':' || !Bytes.startsWith(buffer, offset, length, DATA)) {
      return; // a comment, or a field we do not use
    }
    int value = offset + DATA.length;
    int end = offset + length;
    if (value < end && buffer[value] != ':') {
      return; // a field whose name only starts with "data"
    }
    if (value < end) {
      value++;
      if (value < end && buffer[value] == ' ') {
        value++;
      }
    }
    append(buffer, value, end - value);
  }

  /** At the end of the body: dispatches an event that had no closing empty line. */
  public void end(ItemBuffer out) {
    dispatch(out);
  }

  /** True once {@code data: [DONE]} arrived. */
  public boolean done() {
    return done;
  }

  private void append(byte[] buffer, int offset, int length) {
    int needed = dataLength + length + (hasData ? 1 : 0);
    if (needed > LineReader.MAX_LINE) {
      throw new StreamProtocolException("a server-sent event's data is longer than 1 MiB ("
          + LineReader.MAX_LINE + " bytes): this is not a reply stream flare4j can read");
    }
    if (needed > data.length) {
      data = Arrays.copyOf(data, Math.max(needed, data.length * 2));
    }
    if (hasData) {
      data[dataLength++] = '\n';
    }
    System.arraycopy(buffer, offset, data, dataLength, length);
    dataLength += length;
    hasData = true;
  }

  private void dispatch(ItemBuffer out) {
    if (!hasData) {
      return;
    }
    hasData = false;
    int length = dataLength;
    dataLength = 0;
    if (done || length == 0) {
      return; // an event whose data is empty is not dispatched (HTML standard, "dispatch the event")
    }
    if (length == DONE.length && Bytes.startsWith(data, 0, length, DONE)) {
      done = true;
      events.done(out);
      return;
    }
    events.data(data, 0, length, out);
  }
}
