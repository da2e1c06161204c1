package io.github.flare4j.gateway.ops;

import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link RateLimiter} counters shared by every node through Redis: one key per subject and
 * minute, {@code flare4j:ratelimit:<subject>:<minute>}, incremented with a script that also sets
 * its expiry (two minutes) on the first request, so the fleet counts as one node.
 *
 * <p><b>When Redis is down</b> (unreachable, or a command fails or takes over a second) each node
 * counts on its own in memory ({@link LocalRateLimiter}), so a client could get up to the limit
 * once per node until Redis is back; requests are never refused because Redis is down. The first
 * failure logs a warning, the recovery an info line; nothing is logged for each request.
 */
public final class RedisRateLimiter implements RateLimiter {
  private static final System.Logger LOG = System.getLogger(RedisRateLimiter.class.getName());
  private static final String INCREMENT = """
      local n = redis.call('INCR', KEYS[1])
      if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
      return n""";

  private final RedisLink redis;
  private final LocalRateLimiter local;
  private final Clock clock;
  private final AtomicBoolean down = new AtomicBoolean();

  /**
   * @param redis the shared server (not closed by this limiter)
   * @param limit requests per subject per minute
   * @param clock the clock windows are cut by (every node's should be in sync, as with NTP)
   */
  public RedisRateLimiter(RedisLink redis, int limit, Clock clock) {
    this.redis = redis;
    this.local = new LocalRateLimiter(limit, clock);
    this.clock = clock;
  }

  @Override
  public Decision acquire(String subject) {
    long minute = RateLimiter.window(clock);
    try {
      Long count = redis.commands().eval(INCREMENT, ScriptOutputType.INTEGER,
          new String[] {"flare4j:ratelimit:" + subject + ":" + minute}, "120");
      if (down.compareAndSet(true, false)) {
        LOG.log(Level.INFO, "{0} is back: rate limits are shared across nodes again", redis);
      }
      return local.decide(count);
    } catch (RedisException e) {
      if (down.compareAndSet(false, true)) {
        LOG.log(Level.WARNING, "{0} cannot be used ({1}): rate limits are counted by this node"
            + " alone until it is back", redis, e.getClass().getSimpleName());
      }
      return local.acquire(subject);
    }
  }

  /** Whether the last use of Redis failed (the limiter counts locally). */
  public boolean fallingBack() {
    return down.get();
  }
}
