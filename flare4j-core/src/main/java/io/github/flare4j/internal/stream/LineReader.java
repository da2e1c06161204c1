package io.github.flare4j.internal.stream;

import io.github.flare4j.error.StreamProtocolException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okio.BufferedSource;

/**
 * Splits a byte stream into lines without making a String per line: each line is exposed as a
 * slice of one reusable buffer ({@link #buffer()}, {@link #length()}) until the next call to
 * {@link #next()}. Accepts {@code \n} and {@code \r\n} endings; a last line without an ending
 * counts.
 *
 * <p>Limits: a line longer than {@value #MAX_LINE} bytes (1 MiB) is a
 * {@link StreamProtocolException}, so memory stays bounded whatever the server sends. A line that
 * is not well-formed UTF-8 is repaired, each bad sequence becoming U+FFFD as in a browser's
 * {@code TextDecoder} (what the playground's web app shows), and logged once per stream.
 */
public final class LineReader {
  private static final System.Logger LOG = System.getLogger(LineReader.class.getName());

  /** A line longer than this is not a stream we speak; it fails rather than filling memory. */
  public static final int MAX_LINE = 1024 * 1024;

  private final BufferedSource source;
  /** Grown to the longest line read: most lines of a reply stream are a few hundred bytes. */
  private byte[] buffer = new byte[512];
  private int length;
  private boolean repaired;
  /** Where {@link #lineBuffered()} found the next line's end, so {@link #next()} need not look again; -1 when unknown. */
  private long knownNewline = -1;

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
    long newline = knownNewline >= 0 ? knownNewline : source.indexOf((byte) '\n', 0, MAX_LINE + 1L);
    knownNewline = -1;
    long end;
    if (newline >= 0) {
      end = newline;
    } else if (source.exhausted()) {
      return false;
    } else if (source.getBuffer().size() > MAX_LINE) {
      throw new StreamProtocolException("a stream line is longer than 1 MiB (" + MAX_LINE
          + " bytes): this is not a reply stream flare4j can read");
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
    if (!Bytes.isUtf8(buffer, 0, length)) {
      repair();
    }
    return true;
  }

  /** Replaces each ill-formed UTF-8 sequence of the current line with U+FFFD. */
  private void repair() {
    if (!repaired) {
      repaired = true;
      LOG.log(System.Logger.Level.WARNING,
          "The reply holds bytes that are not UTF-8; each is shown as U+FFFD");
    }
    byte[] fixed = new String(buffer, 0, length, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
    if (fixed.length > buffer.length) {
      buffer = new byte[fixed.length];
    }
    System.arraycopy(fixed, 0, buffer, 0, fixed.length);
    length = fixed.length;
  }

  /**
   * True when a whole line has already arrived, so that {@link #next()} will not wait for the
   * network. Never blocks.
   */
  public boolean lineBuffered() {
    knownNewline = source.getBuffer().indexOf((byte) '\n', 0, MAX_LINE + 1L);
    return knownNewline >= 0;
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
