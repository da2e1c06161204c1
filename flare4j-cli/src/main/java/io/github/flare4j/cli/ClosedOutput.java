package io.github.flare4j.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;

/**
 * Standard output as a {@link PrintWriter} that notices when the reader has gone: a
 * {@code PrintWriter} (like {@code System.out}) swallows the error of a write into a closed pipe
 * ({@code flare4j chat ... | head -c 10}), and {@link #checkError()} flushes to find out. This one
 * remembers the first failed write, so that {@link #closed()} can be asked after every item at no
 * cost and the call cancelled at once instead of running (and spending quota) to its end.
 *
 * <p>Used by one thread, the command's; {@link #closed()} may be read from any.
 */
final class ClosedOutput extends PrintWriter {
  private final Watch watch;

  private ClosedOutput(Watch watch) {
    super(watch);
    this.watch = watch;
  }

  /** Writes to {@code out} in {@code charset}; the stream itself must report failures (not a {@code PrintStream}). */
  static ClosedOutput of(OutputStream out, Charset charset) {
    return new ClosedOutput(new Watch(new OutputStreamWriter(out, charset)));
  }

  /** True once a write or flush into the output failed: its reader is gone. */
  boolean closed() {
    return watch.failed;
  }

  /**
   * True when {@code out} can no longer be written: a {@link ClosedOutput} says so at once; any
   * other {@code PrintWriter} is asked with {@link #checkError()}, which flushes it first, so only
   * when {@code flushed} says it was just flushed anyway.
   */
  static boolean isClosed(PrintWriter out, boolean flushed) {
    if (out instanceof ClosedOutput watched) {
      return watched.closed();
    }
    return flushed && out.checkError();
  }

  /** Passes everything on, remembering the first failure. */
  private static final class Watch extends Writer {
    private final Writer target;
    private volatile boolean failed;

    Watch(Writer target) {
      this.target = target;
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
      try {
        target.write(buffer, offset, length);
      } catch (IOException e) {
        failed = true;
        throw e;
      }
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
      try {
        target.write(text, offset, length);
      } catch (IOException e) {
        failed = true;
        throw e;
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        target.flush();
      } catch (IOException e) {
        failed = true;
        throw e;
      }
    }

    @Override
    public void close() throws IOException {
      target.close();
    }
  }
}
