package io.github.flare4j.internal.stream;

import io.github.flare4j.error.StreamProtocolException;

/**
 * Decodes the AI SDK v5 UI message stream: Server-Sent Events whose {@code data} is one UI message
 * chunk each, ended by {@code data: [DONE]}. SSE framing follows the HTML standard: {@code data}
 * lines of one event are joined with newlines, an empty line dispatches the event, comments and
 * other fields are ignored.
 */
public final class UiMessageStreamDecoder implements StreamDecoder {
  private static final byte[] DATA = {'d', 'a', 't', 'a'};
  private static final byte[] DONE = {'[', 'D', 'O', 'N', 'E', ']'};

  private final String endpoint;
  private final UiMessageChunkDecoder chunks;
  private byte[] data = new byte[1024];
  private int dataLength;
  private boolean hasData;
  private boolean done;

  /** A decoder for one reply from {@code endpoint} (named in error messages). */
  public UiMessageStreamDecoder(String endpoint) {
    this.endpoint = endpoint;
    this.chunks = new UiMessageChunkDecoder(endpoint);
  }

  @Override
  public void line(byte[] buffer, int offset, int length, ItemBuffer out) {
    if (length == 0) {
      dispatch(out);
      return;
    }
    if (buffer[offset] == ':' || !startsWith(buffer, offset, length, DATA)) {
      return; // a comment, or a field we do not use (event, id, retry)
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

  @Override
  public void end(ItemBuffer out) {
    dispatch(out);
    chunks.end(out);
    if (!chunks.finished() && !done) {
      throw new StreamProtocolException(
          endpoint + " ended the stream before its finish chunk: the reply is incomplete");
    }
  }

  private void append(byte[] buffer, int offset, int length) {
    int needed = dataLength + length + (hasData ? 1 : 0);
    if (needed > data.length) {
      data = java.util.Arrays.copyOf(data, Math.max(needed, data.length * 2));
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
    if (length == DONE.length && startsWith(data, 0, length, DONE)) {
      done = true;
      return;
    }
    if (done) {
      return;
    }
    chunks.chunk(data, 0, length, out);
  }

  private static boolean startsWith(byte[] buffer, int offset, int length, byte[] prefix) {
    if (length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (buffer[offset + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
