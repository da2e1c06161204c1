package io.github.flare4j.internal.stream;

import io.github.flare4j.ReasoningDelta;
import io.github.flare4j.TextDelta;
import java.nio.charset.StandardCharsets;

/**
 * The fast path for the chunks that make up almost all of a UI message stream:
 * {@code {"type":"text-delta","id":"...","delta":"..."}} and the same for {@code reasoning-delta},
 * byte for byte as the AI SDK serialises them (fields in that order, no spaces). When the id and
 * the delta need no unescaping the item is made straight from the bytes; anything else, however
 * slightly different, is left to the JSON parser, so this can only be faster, never different.
 */
final class DeltaChunks {
  private static final byte[] TEXT = ascii("{\"type\":\"text-delta\",\"id\":\"");
  private static final byte[] REASONING = ascii("{\"type\":\"reasoning-delta\",\"id\":\"");
  private static final byte[] DELTA = ascii("\",\"delta\":\"");

  private DeltaChunks() {}

  /** Adds the chunk's item and returns true, or returns false when the parser must decide. */
  static boolean tryDecode(byte[] buffer, int offset, int length, ItemBuffer out) {
    boolean text = Bytes.startsWith(buffer, offset, length, TEXT);
    if (!text && !Bytes.startsWith(buffer, offset, length, REASONING)) {
      return false;
    }
    int end = offset + length;
    if (length < 2 || buffer[end - 1] != '}' || buffer[end - 2] != '"') {
      return false;
    }
    int idEnd = plainUntilQuote(buffer, offset + (text ? TEXT.length : REASONING.length), end);
    if (idEnd < 0 || !Bytes.startsWith(buffer, idEnd, end - idEnd, DELTA)) {
      return false;
    }
    int deltaStart = idEnd + DELTA.length;
    int deltaEnd = plainUntilQuote(buffer, deltaStart, end);
    if (deltaEnd != end - 2) {
      return false;
    }
    String delta = new String(buffer, deltaStart, deltaEnd - deltaStart, StandardCharsets.UTF_8);
    out.add(text ? new TextDelta(delta) : new ReasoningDelta(delta));
    return true;
  }

  /** The index of the next quote from {@code from}, or -1 at an escape or a control character. */
  private static int plainUntilQuote(byte[] buffer, int from, int end) {
    for (int i = from; i < end; i++) {
      byte b = buffer[i];
      if (b == '"') {
        return i;
      }
      if (b == '\\' || (b >= 0 && b < 0x20)) {
        return -1;
      }
    }
    return -1;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
