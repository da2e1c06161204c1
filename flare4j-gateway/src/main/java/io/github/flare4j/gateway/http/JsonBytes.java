package io.github.flare4j.gateway.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that JSON is written into piece by piece: bytes made in advance (the
 * fixed parts of an event), a string quoted and escaped, a number. The hot events of a stream (one
 * per token) are written this way instead of through a tree and a generator; the bytes are the
 * same as {@link Json#MAPPER} writes and then {@link String#getBytes} encodes: {@code "}, {@code \}
 * and the control characters below U+0020 escaped (the short forms {@code \b \t \n \f \r}, else
 * {@code \}{@code u00XX} in capitals), everything else as UTF-8, and a lone surrogate as {@code ?}.
 * Not thread-safe.
 */
public final class JsonBytes {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  private byte[] bytes;
  private int length;

  /** An empty buffer of {@code capacity} bytes to start with. */
  public JsonBytes(int capacity) {
    bytes = new byte[Math.max(16, capacity)];
  }

  /** The ASCII (or any Latin-1 free of escapes) bytes of {@code text}, made once for a template. */
  public static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code value} as a JSON string (quoted and escaped), as bytes, for a template. */
  public static byte[] quoted(String value) {
    JsonBytes out = new JsonBytes(value.length() + 8);
    out.string(value);
    return out.toByteArray();
  }

  /** Appends bytes as they are. */
  public JsonBytes raw(byte[] piece) {
    ensure(piece.length);
    System.arraycopy(piece, 0, bytes, length, piece.length);
    length += piece.length;
    return this;
  }

  /** Appends a number. */
  public JsonBytes number(long value) {
    if (value >= 0 && value < 10) {
      ensure(1);
      bytes[length++] = (byte) ('0' + value);
      return this;
    }
    return raw(ascii(Long.toString(value)));
  }

  /** Appends {@code value} quoted and escaped. */
  public JsonBytes string(String value) {
    ensure(2);
    bytes[length++] = '"';
    escaped(value);
    ensure(1);
    bytes[length++] = '"';
    return this;
  }

  /** Appends {@code value} escaped, without quotes (the inside of a JSON string). */
  public JsonBytes escaped(String value) {
    int n = value.length();
    ensure(n); // enough for plain ASCII; more is made room for as needed
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        if (length == bytes.length) {
          ensure(n - i);
        }
        bytes[length++] = (byte) c;
      } else if (c < 0x80) {
        escape(c);
      } else if (c < 0x800) {
        ensure(2);
        bytes[length++] = (byte) (0xC0 | (c >> 6));
        bytes[length++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i + 1 < n
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        int code = Character.toCodePoint(c, value.charAt(++i));
        ensure(4);
        bytes[length++] = (byte) (0xF0 | (code >> 18));
        bytes[length++] = (byte) (0x80 | ((code >> 12) & 0x3F));
        bytes[length++] = (byte) (0x80 | ((code >> 6) & 0x3F));
        bytes[length++] = (byte) (0x80 | (code & 0x3F));
      } else if (Character.isSurrogate(c)) {
        ensure(1);
        bytes[length++] = '?'; // as String.getBytes encodes a lone surrogate
      } else {
        ensure(3);
        bytes[length++] = (byte) (0xE0 | (c >> 12));
        bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        bytes[length++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return this;
  }

  private void escape(char c) {
    ensure(6);
    bytes[length++] = '\\';
    switch (c) {
      case '"' -> bytes[length++] = '"';
      case '\\' -> bytes[length++] = '\\';
      case '\b' -> bytes[length++] = 'b';
      case '\t' -> bytes[length++] = 't';
      case '\n' -> bytes[length++] = 'n';
      case '\f' -> bytes[length++] = 'f';
      case '\r' -> bytes[length++] = 'r';
      default -> {
        bytes[length++] = 'u';
        bytes[length++] = '0';
        bytes[length++] = '0';
        bytes[length++] = HEX[c >> 4];
        bytes[length++] = HEX[c & 0xF];
      }
    }
  }

  /** The bytes written so far. */
  public int length() {
    return length;
  }

  /** The array the bytes are in (from 0 to {@link #length()}); valid until the next append. */
  public byte[] array() {
    return bytes;
  }

  /** A copy of the bytes written. */
  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, length);
  }

  /** Forgets the bytes written, keeping the room. */
  public void reset() {
    length = 0;
  }

  private void ensure(int more) {
    if (bytes.length - length < more) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
