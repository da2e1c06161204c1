package io.github.flare4j.internal.stream;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Byte-slice helpers for the framers and fast paths, which look at bytes before any decoding. */
public final class Bytes {
  /** Eight bytes of an array at once, to look at a word at a time (SWAR). */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final long QUOTES = ONES * '"';
  private static final long BACKSLASHES = ONES * '\\';
  private static final long SPACES = ONES * 0x20;

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
    int i = from;
    // eight bytes at a time while none is a quote, a backslash or a control character; the word
    // that has one is looked at byte by byte below
    while (i + 8 <= end) {
      long word = (long) LONGS.get(buffer, i);
      long quote = word ^ QUOTES;
      long backslash = word ^ BACKSLASHES;
      long found = ((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash) | ((word - SPACES) & ~word);
      if ((found & HIGH_BITS) != 0) {
        break;
      }
      i += 8;
    }
    for (; i < end; i++) {
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

  /**
   * True when the slice is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing
   * above U+10FFFF). ASCII is checked one byte at a time with no branch taken, so the common case
   * costs one pass.
   */
  public static boolean isUtf8(byte[] buffer, int offset, int length) {
    int i = offset;
    int end = offset + length;
    while (i + 8 <= end && ((long) LONGS.get(buffer, i) & HIGH_BITS) == 0) {
      i += 8; // eight ASCII bytes
    }
    while (i < end) {
      int b = buffer[i];
      if (b >= 0) {
        i++;
        continue;
      }
      int lead = b & 0xFF;
      int more;
      int min;
      if (lead >= 0xC2 && lead <= 0xDF) {
        more = 1;
        min = 0x80;
      } else if (lead >= 0xE0 && lead <= 0xEF) {
        more = 2;
        min = 0x800;
      } else if (lead >= 0xF0 && lead <= 0xF4) {
        more = 3;
        min = 0x10000;
      } else {
        return false;
      }
      if (i + more >= end) {
        return false;
      }
      int code = lead & (0x3F >> more);
      for (int k = 1; k <= more; k++) {
        int next = buffer[i + k] & 0xFF;
        if ((next & 0xC0) != 0x80) {
          return false;
        }
        code = (code << 6) | (next & 0x3F);
      }
      if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
        return false;
      }
      i += more + 1;
    }
    return true;
  }

  /** The bytes of an ASCII constant. */
  public static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
