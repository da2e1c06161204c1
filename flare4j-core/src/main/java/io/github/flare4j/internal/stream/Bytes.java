package io.github.flare4j.internal.stream;

/** Byte-slice helpers for the framers and fast paths, which look at bytes before any decoding. */
final class Bytes {
  private Bytes() {}

  /** True when the slice {@code buffer[offset, offset + length)} starts with {@code prefix}. */
  static boolean startsWith(byte[] buffer, int offset, int length, byte[] prefix) {
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
