package io.github.flare4j.internal.stream;

import io.github.flare4j.error.StreamProtocolException;
import java.io.EOFException;
import java.io.IOException;
import okio.BufferedSource;

/**
 * Splits a byte stream into lines without making a String per line: each line is exposed as a
 * slice of one reusable buffer ({@link #buffer()}, {@link #length()}) until the next call to
 * {@link #next()}. Accepts {@code \n} and {@code \r\n} endings; a last line without an ending
 * counts.
 */
public final class LineReader {
  /** A line longer than this is not a stream we speak; it fails rather than filling memory. */
  static final int MAX_LINE = 8 * 1024 * 1024;

  private final BufferedSource source;
  private byte[] buffer = new byte[8192];
  private int length;

  /** Reads lines from {@code source}. */
  public LineReader(BufferedSource source) {
    this.source = source;
  }

  /**
   * Reads the next line into {@link #buffer()}.
   *
   * @return false at the end of the stream
   * @throws IOException when reading fails
   */
  public boolean next() throws IOException {
    long newline = source.indexOf((byte) '\n', 0, MAX_LINE + 1L);
    long end;
    if (newline >= 0) {
      end = newline;
    } else if (source.exhausted()) {
      return false;
    } else if (source.getBuffer().size() > MAX_LINE) {
      throw new StreamProtocolException("a stream line is longer than " + MAX_LINE + " bytes");
    } else {
      end = source.getBuffer().size(); // the last line, without an ending: all of it is buffered
    }
    int n = (int) end;
    if (buffer.length < n) {
      buffer = new byte[Math.max(n, buffer.length * 2)];
    }
    int read = 0;
    while (read < n) {
      int count = source.read(buffer, read, n - read);
      if (count < 0) {
        throw new EOFException();
      }
      read += count;
    }
    if (newline >= 0) {
      source.skip(1);
    }
    length = n > 0 && buffer[n - 1] == '\r' ? n - 1 : n;
    return true;
  }

  /** The bytes of the current line, from index 0 to {@link #length()}. */
  public byte[] buffer() {
    return buffer;
  }

  /** The length of the current line, without its ending. */
  public int length() {
    return length;
  }
}
