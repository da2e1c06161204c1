package io.github.flare4j.gateway.ops;

import io.github.flare4j.provider.CredentialStore;
import io.github.flare4j.spi.StoredCredentials;
import io.lettuce.core.RedisException;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A {@link CredentialStore} shared by every node through Redis, so the playground's cookies and
 * user agent that a browser obtained on one node are used by all: entry {@code name} is the
 * string key {@code flare4j:credentials:<scope>:<name>} (the scope, e.g. the provider's base URL,
 * keeps the credentials of different services apart), its value the auth file's JSON.
 *
 * <p>Writes go to Redis and to a local store (the file store of the cache folder, usually); reads
 * come from Redis. <b>When Redis is down</b> reads and writes use the local store alone: a node
 * keeps working with the credentials it last saw (or obtains new ones itself), and Redis is used
 * again once it answers; the first failure logs a warning, the recovery an info line. {@link
 * #update} is atomic across nodes ({@code WATCH}/{@code MULTI}/{@code EXEC}, retried when another
 * node wrote in between).
 *
 * <p>Thread-safe. Cookie values are never logged; {@link #toString()} shows where, not what.
 */
public final class RedisCredentialStore implements CredentialStore, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(RedisCredentialStore.class.getName());
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,100}");
  private static final int UPDATE_ATTEMPTS = 20;

  private final RedisLink redis;
  private final boolean ownsLink;
  private final String prefix;
  private final CredentialStore local;
  private final AtomicBoolean down = new AtomicBoolean();
  private final Object updateLock = new Object();
  private StatefulRedisConnection<String, String> updateConnection;

  /**
   * A store with a Redis link of its own, closed with it.
   *
   * @param redisUri {@code redis://[:password@]host[:port][/db]}
   * @param scope what the entries belong to (e.g. the playground's base URL); blank for none
   * @param local where credentials are also written, and read while Redis is down
   * @throws IllegalArgumentException when the URI is not a Redis URI
   */
  public RedisCredentialStore(String redisUri, String scope, CredentialStore local) {
    this(new RedisLink(redisUri), true, scope, local);
  }

  /** A store on a shared link, which it does not close. */
  public RedisCredentialStore(RedisLink redis, String scope, CredentialStore local) {
    this(redis, false, scope, local);
  }

  private RedisCredentialStore(RedisLink redis, boolean ownsLink, String scope,
      CredentialStore local) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.ownsLink = ownsLink;
    this.prefix = "flare4j:credentials:"
        + (scope == null || scope.isBlank() ? "" : scope.strip() + ":");
    this.local = Objects.requireNonNull(local, "local");
  }

  /** The Redis key of entry {@code name}. */
  public String redisKey(String name) {
    Objects.requireNonNull(name, "key");
    if (!KEY.matcher(name).matches()) {
      throw new IllegalArgumentException("Invalid credential key '" + LogText.clean(name)
          + "': expected letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    return prefix + name;
  }

  @Override
  public Optional<StoredCredentials> load(String key) {
    String redisKey = redisKey(key);
    String text;
    try {
      text = redis.commands().get(redisKey);
      up();
    } catch (RedisException e) {
      failed(e);
      return local.load(key);
    }
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(CredentialsJson.read(text));
    } catch (IllegalArgumentException e) {
      LOG.log(Level.WARNING, "Ignoring the credentials under {0}: {1}; replaced on the next save",
          redisKey, e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public void save(String key, StoredCredentials credentials) {
    Objects.requireNonNull(credentials, "credentials");
    String redisKey = redisKey(key);
    local.save(key, credentials);
    try {
      redis.commands().set(redisKey, CredentialsJson.write(credentials));
      up();
    } catch (RedisException e) {
      failed(e);
    }
  }

  @Override
  public void delete(String key) {
    String redisKey = redisKey(key);
    local.delete(key);
    try {
      redis.commands().del(redisKey);
      up();
    } catch (RedisException e) {
      failed(e);
    }
  }

  @Override
  public Optional<StoredCredentials> update(
      String key, UnaryOperator<Optional<StoredCredentials>> change) {
    Objects.requireNonNull(change, "change");
    String redisKey = redisKey(key);
    try {
      Optional<StoredCredentials> result = updateInRedis(redisKey, change);
      up();
      result.ifPresentOrElse(next -> local.save(key, next), () -> local.delete(key));
      return result;
    } catch (RedisException e) {
      failed(e);
      return local.update(key, change);
    }
  }

  private Optional<StoredCredentials> updateInRedis(String redisKey,
      UnaryOperator<Optional<StoredCredentials>> change) {
    synchronized (updateLock) {
      if (updateConnection == null || !updateConnection.isOpen()) {
        updateConnection = redis.dedicated();
      }
      RedisCommands<String, String> commands = updateConnection.sync();
      for (int attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
        commands.watch(redisKey);
        Optional<StoredCredentials> before;
        try {
          String text = commands.get(redisKey);
          before = text == null ? Optional.empty() : Optional.of(CredentialsJson.read(text));
        } catch (IllegalArgumentException unreadable) {
          before = Optional.empty();
        }
        Optional<StoredCredentials> next;
        try {
          next = Objects.requireNonNull(change.apply(before), "the change's result");
        } catch (RuntimeException e) {
          commands.unwatch();
          throw e;
        }
        commands.multi();
        if (next.isPresent()) {
          commands.set(redisKey, CredentialsJson.write(next.get()));
        } else {
          commands.del(redisKey);
        }
        TransactionResult result = commands.exec();
        if (!result.wasDiscarded()) {
          return next;
        }
      }
      throw new IllegalStateException("The credentials under " + redisKey + " changed under "
          + UPDATE_ATTEMPTS + " updates in a row; try again");
    }
  }

  private void up() {
    if (down.compareAndSet(true, false)) {
      LOG.log(Level.INFO, "{0} is back: credentials are shared across nodes again", redis);
    }
  }

  private void failed(RedisException e) {
    if (down.compareAndSet(false, true)) {
      LOG.log(Level.WARNING, "{0} cannot be used ({1}): credentials are kept in {2} alone until"
          + " it is back", redis, e.getClass().getSimpleName(), local);
    }
  }

  /** Whether the last use of Redis failed (the local store is used). */
  public boolean fallingBack() {
    return down.get();
  }

  @Override
  public void close() {
    synchronized (updateLock) {
      if (updateConnection != null) {
        updateConnection.close();
      }
    }
    if (ownsLink) {
      redis.close();
    }
  }

  @Override
  public String toString() {
    return "RedisCredentialStore[" + redis + ", prefix=" + prefix + ", local=" + local + "]";
  }
}
