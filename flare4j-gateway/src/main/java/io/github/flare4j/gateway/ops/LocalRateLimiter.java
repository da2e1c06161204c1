package io.github.flare4j.gateway.ops;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link RateLimiter} counters in this process' memory: one node's view. Thread-safe. */
public final class LocalRateLimiter implements RateLimiter {
  private static final int SWEEP_AT = 10_000;

  private record Window(long minute, long count) {}

  private final int limit;
  private final Clock clock;
  private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

  /**
   * @param limit requests per subject per minute (at least 1)
   * @param clock the clock windows are cut by
   */
  public LocalRateLimiter(int limit, Clock clock) {
    if (limit < 1) {
      throw new IllegalArgumentException("A rate limit is at least 1 a minute, was " + limit);
    }
    this.limit = limit;
    this.clock = clock;
  }

  @Override
  public Decision acquire(String subject) {
    long minute = RateLimiter.window(clock);
    if (windows.size() > SWEEP_AT) {
      windows.values().removeIf(window -> window.minute() < minute);
    }
    Window now = windows.merge(subject, new Window(minute, 1), (old, one) ->
        old.minute() == minute ? new Window(minute, old.count() + 1) : one);
    return decide(now.count());
  }

  Decision decide(long count) {
    return count <= limit ? new Decision(true, count, 0)
        : new Decision(false, count, RateLimiter.secondsLeft(clock));
  }
}
