package io.github.flare4j.internal.http;

import io.github.flare4j.error.RequestTimeoutException;
import io.github.flare4j.error.RequestTimeoutException.Phase;
import java.time.Duration;

/**
 * The end of a call's total time limit, shared by every step of the call: each attempt, a browser
 * passing a challenge, a fallback to another transport. Immutable and thread-safe.
 */
public final class Deadline {
  private final Duration timeout;
  private final long endNanos;

  private Deadline(Duration timeout) {
    this.timeout = timeout;
    this.endNanos = System.nanoTime() + timeout.toNanos();
  }

  /** A deadline {@code timeout} from now. */
  public static Deadline after(Duration timeout) {
    return new Deadline(timeout);
  }

  /** The whole limit, as it was set. */
  public Duration timeout() {
    return timeout;
  }

  /** What is left, never negative. */
  public Duration remaining() {
    long left = endNanos - System.nanoTime();
    return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
  }

  /** {@code limit}, or what is left when that is less. */
  public Duration cap(Duration limit) {
    Duration left = remaining();
    return left.compareTo(limit) < 0 ? left : limit;
  }

  /**
   * What is left, for a step about to start.
   *
   * @throws RequestTimeoutException ({@link Phase#TOTAL}) when nothing is
   */
  public Duration require(String endpoint) {
    Duration left = remaining();
    if (left.isZero()) {
      throw new RequestTimeoutException(Phase.TOTAL, timeout, endpoint, null);
    }
    return left;
  }
}
