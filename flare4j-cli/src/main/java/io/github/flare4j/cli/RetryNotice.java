package io.github.flare4j.cli;

import io.github.flare4j.CallListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * One standard-error line per retry, so a wait is never silent: what failed and how long the
 * wait is. Not used with {@code --debug}, whose log says the same and more.
 */
final class RetryNotice implements CallListener {
  private final PrintWriter err;

  RetryNotice(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void retry(int attempt, String reason, Duration delay) {
    err.printf(Locale.ROOT, "flare4j: attempt %d failed (%s); retrying in %.1f s%n", attempt,
        reason, delay.toMillis() / 1000.0);
    err.flush();
  }
}
