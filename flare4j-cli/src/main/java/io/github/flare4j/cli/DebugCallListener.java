package io.github.flare4j.cli;

import io.github.flare4j.CallListener;
import io.github.flare4j.CallProgress;
import io.github.flare4j.Usage;
import io.github.flare4j.error.Flare4jException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;

/**
 * How a call went, one {@code --debug} line per event: attempts, retries with their reason and
 * wait, a browser starting or passing a challenge, the first byte and the first token, the end
 * with the usage. Nothing it logs holds a secret (the engine hands it none).
 */
final class DebugCallListener implements CallListener {
  private static final System.Logger LOG = System.getLogger(DebugCallListener.class.getName());

  @Override
  public void attemptStart(int attempt) {
    LOG.log(Level.DEBUG, "attempt {0}", attempt);
  }

  @Override
  public void retry(int attempt, String reason, Duration delay) {
    LOG.log(Level.DEBUG, "attempt {0} failed ({1}); retrying in {2} ms", attempt, reason,
        delay.toMillis());
  }

  @Override
  public void progress(CallProgress progress) {
    if (progress.kind() != CallProgress.Kind.RETRY_WAIT) { // a retry's line says its wait
      LOG.log(Level.DEBUG, "{0}", progress.text());
    }
  }

  @Override
  public void firstByte(String endpoint, Duration sinceStart) {
    LOG.log(Level.DEBUG, "{0} answered after {1} ms", endpoint, sinceStart.toMillis());
  }

  @Override
  public void firstToken(Duration sinceStart) {
    LOG.log(Level.DEBUG, "first token after {0} ms", sinceStart.toMillis());
  }

  @Override
  public void callEnd(Optional<Usage> usage, Duration sinceStart) {
    LOG.log(Level.DEBUG, "done after {0} ms{1}", sinceStart.toMillis(), usage
        .map(u -> " (" + u.promptTokens() + " prompt + " + u.completionTokens() + " completion tokens)")
        .orElse(""));
  }

  @Override
  public void callFailed(Flare4jException error, Duration sinceStart) {
    LOG.log(Level.DEBUG, "failed after {0} ms: {1}", sinceStart.toMillis(),
        error.getClass().getSimpleName());
  }
}
