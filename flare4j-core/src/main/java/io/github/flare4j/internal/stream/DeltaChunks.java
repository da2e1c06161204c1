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
  private static final byte[] TEXT = Bytes.ascii("{\"type\":\"text-delta\",\"id\":\"");
  private static final byte[] REASONING = Bytes.ascii("{\"type\":\"reasoning-delta\",\"id\":\"");
  private static final byte[] DELTA = Bytes.ascii("\",\"delta\":\"");

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
    int idStart = offset + (text ? TEXT.length : REASONING.length);
    int idEnd = Bytes.plainUntilQuote(buffer, idStart, end);
    if (idEnd < 0 || !Bytes.startsWith(buffer, idEnd, end - idEnd, DELTA)) {
      return false;
    }
    int deltaStart = idEnd + DELTA.length;
    int deltaEnd = Bytes.plainUntilQuote(buffer, deltaStart, end);
    if (deltaEnd != end - 2) {
      return false;
    }
    String delta = new String(buffer, deltaStart, deltaEnd - deltaStart, StandardCharsets.UTF_8);
    out.add(text ? new TextDelta(delta) : new ReasoningDelta(delta));
    return true;
  }
}
