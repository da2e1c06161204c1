package io.github.flare4j.internal.stream;

import java.nio.charset.StandardCharsets;

/** Byte-slice helpers for the framers and fast paths, which look at bytes before any decoding. */
public final class Bytes {
  private Bytes() {}

  /** True when the slice {@code buffer[offset, offset + length)} starts with {@code prefix}. */
  public static boolean startsWith(byte[] buffer, int offset, int length, byte[] prefix) {
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

  /**
   * The index of the first quote at or after {@code from} (before {@code end}), or -1 when an
   * escape or a control character comes first, or no quote: the end of a JSON string literal that
   * needs no unescaping.
   */
  public static int plainUntilQuote(byte[] buffer, int from, int end) {
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

  /** The bytes of an ASCII constant. */
  public static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
