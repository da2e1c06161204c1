package io.github.flare4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Reads {@code chat}'s prompt from standard input, and says so on a terminal's standard error when
 * nothing has come for a moment: a {@code flare4j chat} whose input is a pipe that stays open (or
 * a terminal, with {@code --json}) otherwise just waits, and looks hung.
 */
final class PromptInput {
  /** How long standard input may be silent before the notice; a matter of comfort, not of tests. */
  static final Duration NOTICE_AFTER = Duration.ofSeconds(1);

  /** What is said while waiting. */
  static final String NOTICE = "flare4j: reading the prompt from standard input until it ends"
      + " (Ctrl-D ends it on a terminal); or give the prompt as arguments: flare4j chat 'PROMPT'";

  private PromptInput() {}

  /**
   * All of {@code in}; when {@code tell} and no byte has come within {@code after}, {@link #NOTICE}
   * is printed on {@code err} once.
   */
  static byte[] readAll(InputStream in, PrintWriter err, boolean tell, Duration after)
      throws IOException {
    if (!tell) {
      return in.readAllBytes();
    }
    CountDownLatch firstByte = new CountDownLatch(1);
    Thread notice = Thread.ofVirtual().name("flare4j-prompt-notice").start(() -> {
      try {
        if (!firstByte.await(after.toNanos(), TimeUnit.NANOSECONDS)) {
          err.println(NOTICE);
          err.flush();
        }
      } catch (InterruptedException done) {
        // the prompt was read (or reading failed) first
      }
    });
    try {
      int first = in.read();
      firstByte.countDown();
      if (first < 0) {
        return new byte[0];
      }
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      all.write(first);
      in.transferTo(all);
      return all.toByteArray();
    } finally {
      firstByte.countDown();
      notice.interrupt();
    }
  }
}
