package io.github.flare4j.cli;

import io.github.flare4j.CallListener;
import io.github.flare4j.Usage;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code --stats} prints after a reply, gathered from the call's events: the time to the
 * first token, the whole time, the completion tokens per second after the first token, the usage
 * and the retries. Events come on the reading thread; the summary is read after the reply.
 */
final class CallStats implements CallListener {
  private volatile Duration firstToken;
  private volatile Duration total;
  private volatile Usage usage;
  private volatile int retries;

  @Override
  public void firstToken(Duration sinceStart) {
    firstToken = sinceStart;
  }

  @Override
  public void retry(int attempt, String reason, Duration delay) {
    retries++;
  }

  @Override
  public void callEnd(Optional<Usage> usage, Duration sinceStart) {
    this.usage = usage.orElse(null);
    this.total = sinceStart;
  }

  /** One line, e.g. {@code first token 0.42 s · total 1.90 s · 61.3 tokens/s · ...}. */
  String summary() {
    StringBuilder line = new StringBuilder("stats: ");
    line.append("first token ").append(firstToken == null ? "-" : seconds(firstToken));
    line.append(" · total ").append(total == null ? "-" : seconds(total));
    Usage counted = usage;
    if (counted != null && firstToken != null && total != null) {
      double streaming = (total.toNanos() - firstToken.toNanos()) / 1e9;
      if (streaming > 0 && counted.completionTokens() > 0) {
        line.append(String.format(Locale.ROOT, " · %.1f tokens/s",
            counted.completionTokens() / streaming));
      }
    }
    line.append(" · usage ").append(counted == null ? "not reported"
        : counted.promptTokens() + " prompt + " + counted.completionTokens() + " completion = "
            + counted.totalTokens() + " tokens");
    if (counted != null && counted.reasoningTokens() > 0) {
      line.append(" (").append(counted.reasoningTokens()).append(" reasoning)");
    }
    if (counted != null && counted.cachedTokens() > 0) {
      line.append(" (").append(counted.cachedTokens()).append(" cached)");
    }
    line.append(" · retries ").append(retries);
    return line.toString();
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.2f s", duration.toNanos() / 1e9);
  }
}
