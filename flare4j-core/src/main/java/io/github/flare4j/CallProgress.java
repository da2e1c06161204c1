package io.github.flare4j;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What a call is busy with while the reply has not begun, for a status line or a spinner: a
 * browser starting, a challenge being passed, a wait before a retry. A {@link CallListener} hears
 * it through {@link CallListener#progress}; {@link #text()} says it in a few words.
 *
 * @param kind what the call is doing
 * @param detail for {@link Kind#BROWSER_STARTING} and {@link Kind#CHALLENGE}, the browser's name
 *     (e.g. {@code "headless Chromium"}); for {@link Kind#RETRY_WAIT}, what failed in a word or
 *     two (e.g. {@code "429"}, {@code "a connection failure"}); for {@link Kind#CONNECTING}, the
 *     address the request goes to; never blank, never a secret
 * @param delay for {@link Kind#RETRY_WAIT}, how long the wait is; else {@link Duration#ZERO}
 */
public record CallProgress(Kind kind, String detail, Duration delay) {

  /** What a call is doing before its reply begins. */
  public enum Kind {
    /** A browser is starting, for fresh credentials or to open a socket only a browser may open. */
    BROWSER_STARTING,
    /**
     * A challenge is being passed by a browser: the service answered a request with one (the
     * browser then starts to pass it), or the page a browser opened for credentials shows one
     * (told by the browser, through {@link io.github.flare4j.spi.ArgsAcquirer}).
     */
    CHALLENGE,
    /** An attempt failed and the next one starts after {@link CallProgress#delay()}. */
    RETRY_WAIT,
    /**
     * The browser is done (it got the credentials, passed the challenge, or is not there) and the
     * request goes to the service.
     */
    CONNECTING
  }

  /**
   * Checks the parts.
   *
   * @throws IllegalArgumentException when the detail is blank or the wait is negative
   */
  public CallProgress {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(delay, "delay");
    if (detail.isBlank()) {
      throw new IllegalArgumentException("a progress detail must not be blank");
    }
    if (delay.isNegative()) {
      throw new IllegalArgumentException("a progress delay must not be negative, was " + delay);
    }
  }

  /** A browser ({@code browser} names it) is starting. */
  public static CallProgress browserStarting(String browser) {
    return new CallProgress(Kind.BROWSER_STARTING, browser, Duration.ZERO);
  }

  /** A challenge was met and {@code browser} is trying to pass it. */
  public static CallProgress challenge(String browser) {
    return new CallProgress(Kind.CHALLENGE, browser, Duration.ZERO);
  }

  /** The next attempt starts after {@code delay}, because of {@code after}. */
  public static CallProgress retryWait(Duration delay, String after) {
    return new CallProgress(Kind.RETRY_WAIT, after, delay);
  }

  /** The browser is done and the request goes to {@code address}. */
  public static CallProgress connecting(String address) {
    return new CallProgress(Kind.CONNECTING, address, Duration.ZERO);
  }

  /**
   * A few words for a person: {@code "starting headless Chromium"}, {@code "waiting for headless
   * Chromium to pass the challenge"}, {@code "retrying in 3 s after 429"} (whole seconds, rounded
   * up), {@code "connecting"}.
   */
  public String text() {
    return switch (kind) {
      case BROWSER_STARTING -> "starting " + detail;
      case CHALLENGE -> "waiting for " + detail + " to pass the challenge";
      case RETRY_WAIT -> String.format(Locale.ROOT, "retrying in %d s after %s",
          (delay.toMillis() + 999) / 1000, detail);
      case CONNECTING -> "connecting";
    };
  }
}
