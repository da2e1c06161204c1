package io.github.flare4j.internal.workersai;

import io.github.flare4j.TextDelta;
import io.github.flare4j.internal.stream.Bytes;
import io.github.flare4j.internal.stream.ItemBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The fast path for the events that make up almost all of a Workers AI REST stream:
 * {@code {"response":"..."}} and {@code {"response":"...","p":"..."}} (the padding Cloudflare
 * adds), byte for byte in that form. When the text needs no unescaping the item is made straight
 * from the bytes; anything else, however slightly different, is left to {@link CompletionReader},
 * so this can only be faster, never different.
 */
final class RestDeltaChunks {
  private static final byte[] RESPONSE = Bytes.ascii("{\"response\":\"");
  private static final byte[] PADDING = Bytes.ascii("\",\"p\":\"");

  private RestDeltaChunks() {}

  /** Adds the event's text, if any, and returns true; false when the reader must decide. */
  static boolean tryDecode(byte[] buffer, int offset, int length, ItemBuffer out) {
    int end = offset + length;
    if (!Bytes.startsWith(buffer, offset, length, RESPONSE) || buffer[end - 1] != '}') {
      return false;
    }
    int textStart = offset + RESPONSE.length;
    int textEnd = Bytes.plainUntilQuote(buffer, textStart, end);
    if (textEnd < 0) {
      return false;
    }
    boolean bare = textEnd == end - 2; // {"response":"..."}
    if (!bare) {
      if (!Bytes.startsWith(buffer, textEnd, end - textEnd, PADDING)
          || Bytes.plainUntilQuote(buffer, textEnd + PADDING.length, end) != end - 2) {
        return false;
      }
    }
    if (textEnd > textStart) {
      out.add(new TextDelta(new String(buffer, textStart, textEnd - textStart,
          StandardCharsets.UTF_8)));
    }
    return true;
  }
}
