package io.github.flare4j.gateway.ops;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One Redis server for the gateway's shared state, through Lettuce: connected on first use,
 * reconnected by Lettuce when the link drops, and failing fast (1 s to connect, 1 s a command;
 * commands are refused at once while the link is down, not queued) so a caller can fall back to
 * its local state. The URI (which may hold a password) is never logged: {@link #toString()} gives
 * host and port only.
 */
public final class RedisLink implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(1);
  private static final long RETRY_CONNECT_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final RedisClient client;
  private final String where;
  private volatile StatefulRedisConnection<String, String> connection;
  private long lastAttempt;
  private boolean attempted;

  /**
   * @param uri {@code redis://[:password@]host[:port][/db]} or {@code rediss://...}
   * @throws IllegalArgumentException when it is not a Redis URI
   */
  public RedisLink(String uri) {
    RedisURI parsed = parse(uri);
    parsed.setTimeout(TIMEOUT);
    this.where = parsed.getHost() + ":" + parsed.getPort();
    this.client = RedisClient.create(parsed);
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build())
        .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
        .build());
  }

  /** Checks a Redis URI without connecting (for builders and command lines). */
  public static RedisURI parse(String uri) {
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException("A Redis URI is needed, e.g. redis://localhost:6379");
    }
    try {
      RedisURI parsed = RedisURI.create(uri.strip());
      if (parsed.getHost() == null || parsed.getHost().isBlank()) {
        throw new IllegalArgumentException("no host");
      }
      return parsed;
    } catch (RuntimeException e) {
      // The message may quote the URI and its password: say what is expected instead.
      throw new IllegalArgumentException("Not a Redis URI; expected redis://[:password@]host[:port]"
          + "[/database] or rediss://...");
    }
  }

  /**
   * The commands of the shared connection, connecting first if needed (at most one attempt every
   * 2 s while Redis cannot be reached).
   *
   * @throws io.lettuce.core.RedisException when Redis cannot be reached
   */
  public RedisCommands<String, String> commands() {
    StatefulRedisConnection<String, String> current = connection;
    if (current == null) {
      current = connect();
    }
    return current.sync();
  }

  /** A new connection of its own (for {@code WATCH}/{@code MULTI}), which the caller closes. */
  public StatefulRedisConnection<String, String> dedicated() {
    return client.connect();
  }

  private synchronized StatefulRedisConnection<String, String> connect() {
    if (connection != null) {
      return connection;
    }
    long now = System.nanoTime();
    if (attempted && now - lastAttempt < RETRY_CONNECT_NANOS) {
      throw new RedisConnectionException("Redis at " + where + " was unreachable moments ago");
    }
    attempted = true;
    lastAttempt = now;
    connection = client.connect();
    return connection;
  }

  @Override
  public void close() {
    StatefulRedisConnection<String, String> current = connection;
    if (current != null) {
      current.close();
    }
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }

  @Override
  public String toString() {
    return "Redis at " + where;
  }
}
