package io.github.flare4j.internal.stream;

import io.github.flare4j.error.StreamProtocolException;
import io.github.flare4j.internal.text.ServerText;
import java.nio.charset.StandardCharsets;

/**
 * Recognises the playground's stream format from the body itself (the real service sent both
 * formats as {@code text/x-unknown}) and hands every line to the right decoder: SSE lines
 * ({@code data:}, {@code event:}, {@code id:}, {@code retry:}, {@code :comment}) mean the v5 UI
 * message stream, {@code CODE:JSON} lines the v4 data stream.
 */
public final class SniffingDecoder implements StreamDecoder {
  private final String endpoint;
  private StreamDecoder delegate;

  /** A decoder for one reply from {@code endpoint}. */
  public SniffingDecoder(String endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public void line(byte[] buffer, int offset, int length, ItemBuffer out) {
    if (delegate == null) {
      if (length == 0) {
        return;
      }
      delegate = choose(buffer, offset, length);
    }
    delegate.line(buffer, offset, length, out);
  }

  @Override
  public void end(ItemBuffer out) {
    if (delegate == null) {
      throw new StreamProtocolException(endpoint + " answered with an empty body");
    }
    delegate.end(out);
  }

  @Override
  public boolean ended() {
    return delegate != null && delegate.ended();
  }

  private StreamDecoder choose(byte[] buffer, int offset, int length) {
    String start = new String(buffer, offset, Math.min(length, 16), StandardCharsets.UTF_8);
    if (start.startsWith(":") || start.startsWith("data:") || start.startsWith("event:")
        || start.startsWith("id:") || start.startsWith("retry:")) {
      return new UiMessageStreamDecoder(endpoint);
    }
    if (length >= 2 && start.indexOf(':') > 0 && start.indexOf(':') <= 2) {
      return new DataStreamDecoder(endpoint);
    }
    String shown = ServerText.quote(
        new String(buffer, offset, Math.min(length, 120), StandardCharsets.UTF_8));
    if (start.startsWith("<")) {
      throw new StreamProtocolException(endpoint + " answered with an HTML page where a reply stream"
          + " was expected: '" + shown + (length > 120 ? "...'" : "'")
          + "; check the base URL, or a proxy or network sign-in page in the way");
    }
    if (start.startsWith("{") || start.startsWith("[")) {
      throw new StreamProtocolException(endpoint + " answered with one JSON document where a reply"
          + " stream was expected: '" + shown + (length > 120 ? "...'" : "'"));
    }
    throw new StreamProtocolException(endpoint
        + " answered in a format that is neither the AI SDK data stream nor the UI message"
        + " stream: '" + shown + (length > 120 ? "...'" : "'"));
  }
}
