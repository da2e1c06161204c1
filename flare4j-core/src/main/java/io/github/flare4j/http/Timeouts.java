package io.github.flare4j.http;

import java.time.Duration;
import java.util.Objects;

/**
 * The time limits of a streamed call, apart from the whole call's limit, which each request sets
 * ({@code timeout}, 300 s by default).
 *
 * @param connect opening the connection, including proxy and TLS
 * @param firstByte waiting for the answer's status and headers once the request is sent
 * @param idle waiting between two chunks of a stream: a stalled stream fails after this long
 */
public record Timeouts(Duration connect, Duration firstByte, Duration idle) {

  /** Connect 15 s, first byte 120 s (a large model may think before it answers), idle 60 s. */
  public static final Timeouts DEFAULT =
      new Timeouts(Duration.ofSeconds(15), Duration.ofSeconds(120), Duration.ofSeconds(60));

  /** Checks that every limit is positive. */
  public Timeouts {
    requirePositive(connect, "connect");
    requirePositive(firstByte, "firstByte");
    requirePositive(idle, "idle");
  }

  /** A copy with another connect limit. */
  public Timeouts withConnect(Duration value) {
    return new Timeouts(value, firstByte, idle);
  }

  /** A copy with another first-byte limit. */
  public Timeouts withFirstByte(Duration value) {
    return new Timeouts(connect, value, idle);
  }

  /** A copy with another idle limit. */
  public Timeouts withIdle(Duration value) {
    return new Timeouts(connect, firstByte, value);
  }

  static Duration requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " timeout must be positive, was " + value);
    }
    return value;
  }
}
