package io.github.flare4j.gateway.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;

/**
 * Requests per subject (an API key, or a client address when the gateway has no keys) per
 * minute, in fixed windows of one clock minute: a subject may send {@code limit} requests in
 * each; over it the answer is a 429 whose {@code Retry-After} is the seconds left in the window.
 * (A fixed window lets a subject send up to twice the limit across a window's edge; it costs one
 * counter per subject and window, locally or in Redis.)
 *
 * <p>Subjects are kept as a hash, never as the key itself: a key never reaches Redis or memory
 * dumps of the counters.
 */
public interface RateLimiter extends AutoCloseable {

  /** What a request may do: go on, or wait {@code retryAfterSeconds}. */
  record Decision(boolean allowed, long count, long retryAfterSeconds) {}

  /** Counts one request of {@code subject} (see {@link #subject}) and says whether it may go on. */
  Decision acquire(String subject);

  @Override
  default void close() {}

  /** The subject for an API key ({@code key:<hash>}) or, with none, a client address. */
  static String subject(String apiKey, String clientAddress) {
    if (apiKey != null) {
      return "key:" + sha256(apiKey).substring(0, 32);
    }
    return "addr:" + (clientAddress == null ? "unknown" : clientAddress);
  }

  /** The window a moment falls in (epoch minutes) and the seconds left in it (1 to 60). */
  static long window(Clock clock) {
    return Math.floorDiv(clock.millis(), 60_000L);
  }

  /** Seconds until the window after {@link #window(Clock)} begins, at least 1. */
  static long secondsLeft(Clock clock) {
    long millisLeft = 60_000L - Math.floorMod(clock.millis(), 60_000L);
    return Math.max(1, (millisLeft + 999) / 1000);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
