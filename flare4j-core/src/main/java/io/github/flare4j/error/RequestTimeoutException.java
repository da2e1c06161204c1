package io.github.flare4j.error;

import java.time.Duration;

/**
 * A request ran out of time. {@link #phase()} says which limit was hit: connecting, waiting for the
 * first byte of the answer, waiting between two chunks of a stream, or the whole call.
 */
public class RequestTimeoutException extends NetworkException {
  private static final long serialVersionUID = 1L;

  /** Which of the limits ran out. */
  public enum Phase {
    /** Opening the connection (including the proxy and TLS). */
    CONNECT,
    /** Waiting for the response's status and headers. */
    FIRST_BYTE,
    /** Waiting for the next chunk of a stream that had started. */
    IDLE,
    /** The whole call, from start to the last byte. */
    TOTAL
  }

  private final Phase phase;
  private final Duration limit;

  /** A timeout in {@code phase} after {@code limit}, on {@code endpoint}. */
  public RequestTimeoutException(Phase phase, Duration limit, String endpoint, Throwable cause) {
    super(describe(phase, limit, endpoint), cause);
    this.phase = phase;
    this.limit = limit;
  }

  /** Which limit ran out. */
  public Phase phase() {
    return phase;
  }

  /** The limit that ran out. */
  public Duration limit() {
    return limit;
  }

  private static String describe(Phase phase, Duration limit, String endpoint) {
    String what = switch (phase) {
      case CONNECT -> "could not connect within ";
      case FIRST_BYTE -> "sent no answer within ";
      case IDLE -> "stalled: no data for ";
      case TOTAL -> "did not finish within ";
    };
    String advice = phase == Phase.TOTAL ? " (raise the call's timeout if that is too short)" : "";
    return endpoint + " " + what + seconds(limit) + advice;
  }

  private static String seconds(Duration limit) {
    long millis = limit.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }
}
