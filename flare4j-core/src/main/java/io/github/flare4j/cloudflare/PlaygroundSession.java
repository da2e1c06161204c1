package io.github.flare4j.cloudflare;

import io.github.flare4j.CallOptions;
import io.github.flare4j.CallProgress;
import io.github.flare4j.error.CloudflareChallengeException;
import io.github.flare4j.error.MissingRequirementsException;
import io.github.flare4j.error.RequestTimeoutException;
import io.github.flare4j.internal.http.Deadline;
import io.github.flare4j.spi.ArgsAcquirer;
import io.github.flare4j.provider.CredentialStore;
import io.github.flare4j.spi.SessionArgs;
import io.github.flare4j.spi.StoredCredentials;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The provider's credentials and what it learnt about the service: the args in memory and in the
 * {@link CredentialStore} (under the provider's name), the transport that last worked, and the
 * challenge flow.
 *
 * <ul>
 *   <li>Expired cookies are never sent: they are dropped from the args in memory and from what the
 *       store gives back. When that drops the {@code cf_clearance} a browser had earned, and a
 *       browser is configured, the args count as none and the browser is asked again.
 *   <li>No args cached and a browser configured: acquire them with the browser. A browser that
 *       turns out to be missing ({@link MissingRequirementsException}) is not an error yet: the
 *       defaults are used, as the seed does.
 *   <li>A {@link CloudflareChallengeException} on a request: drop the cache, acquire once with the
 *       browser, retry once. A second challenge, or no browser to pass the first, is an error that
 *       says which.
 * </ul>
 *
 * <p>Thread-safe: acquisitions are serialised so that concurrent first calls start one browser.
 */
final class PlaygroundSession {
  private static final System.Logger LOG = System.getLogger(PlaygroundSession.class.getName());

  /** Said when a challenge met with default headers cannot be passed. */
  static final String NO_BROWSER_ADVICE = "A browser is needed to pass it and none was found:"
      + " install Chromium (e.g. 'apt-get install chromium'), or set FLARE4J_CHROMIUM to a"
      + " Chromium or Chrome binary, or send a browser's cf_clearance cookie";

  /** Said when the browser's own credentials are challenged again. */
  static final String SECOND_CHALLENGE_ADVICE = "A headless browser passed the challenge and the"
      + " request was retried once with its cookies and user agent, but the service challenged it"
      + " again; try again later, or through another network or proxy";

  /** Said when the browser could not get past a challenge in time. */
  static final String UNPASSED_ADVICE = "A browser was started to pass it and did not get past it"
      + " in time; try a windowed (not headless) browser, another network or proxy, later,"
      + " or send a browser's cf_clearance cookie";

  private final ArgsAcquirer acquirer;
  private final CredentialStore store;
  private final String storeKey;
  private final Clock clock;
  private final Function<Map<String, String>, SessionArgs> defaults;
  private final AtomicReference<SessionArgs> args = new AtomicReference<>();
  private final AtomicReference<Transport> worked = new AtomicReference<>();
  private final ReentrantLock acquireLock = new ReentrantLock();
  private volatile boolean transportLoaded;

  PlaygroundSession(ArgsAcquirer acquirer, CredentialStore store, String storeKey, Clock clock,
      Function<Map<String, String>, SessionArgs> defaults) {
    this.acquirer = acquirer;
    this.store = store;
    this.storeKey = storeKey;
    this.clock = clock;
    this.defaults = defaults;
  }

  /** The args in memory, if any. */
  Optional<SessionArgs> current() {
    return Optional.ofNullable(args.get());
  }

  /** Updates the args in memory (cookies a response set), when there are any. */
  void update(java.util.function.UnaryOperator<SessionArgs> change) {
    args.updateAndGet(old -> old == null ? null : change.apply(old));
  }

  /**
   * The args for a request: in memory, else from the store, else from the browser when one is
   * configured, else browser-like defaults; without expired cookies. The request's cookies are
   * added.
   */
  SessionArgs argsFor(CallOptions call, PlaygroundRuntime runtime, Deadline deadline) {
    SessionArgs held = args.get();
    SessionArgs current = unexpired(held, "in memory");
    if (current != null && current != held) {
      args.compareAndSet(held, current); // drop them once, not on every request
    }
    if (current == null) {
      acquireLock.lock();
      try {
        current = unexpired(args.get(), "in memory");
        if (current == null) {
          current = loadOrAcquire(call, runtime, deadline);
        }
        args.set(current);
      } finally {
        acquireLock.unlock();
      }
    }
    return current.withCookies(call.cookies());
  }

  /**
   * {@code held} without its expired cookies; null when there is nothing held, or when the
   * {@code cf_clearance} expired and a browser can earn a new one.
   */
  private SessionArgs unexpired(SessionArgs held, String where) {
    if (held == null) {
      return null;
    }
    SessionArgs left = held.withoutExpired(clock.instant());
    if (left == held) {
      return held;
    }
    boolean lostClearance = held.cookies().containsKey(SessionArgs.CLEARANCE_COOKIE)
        && !left.cookies().containsKey(SessionArgs.CLEARANCE_COOKIE);
    LOG.log(Level.DEBUG, "Dropped expired cookies {0} {1}",
        held.cookies().keySet().stream().filter(name -> !left.cookies().containsKey(name)).toList(),
        where);
    if (lostClearance && acquirer != null) {
      LOG.log(Level.INFO, "The cf_clearance cookie {0} has expired; asking the browser again", where);
      return null;
    }
    return left;
  }

  /**
   * Runs {@code attempt} with the request's args; on a challenge, drops them, acquires fresh ones
   * with the browser (in what is left of the call's deadline) and runs it once more.
   *
   * @throws CloudflareChallengeException when there is no browser to pass the challenge, or when
   *     the browser's credentials are challenged too; the message says which
   */
  <T> T withChallengeRetry(CallOptions call, PlaygroundRuntime runtime, Deadline deadline,
      Function<SessionArgs, T> attempt) {
    SessionArgs first = argsFor(call, runtime, deadline);
    try {
      return attempt.apply(first);
    } catch (CloudflareChallengeException challenge) {
      forget();
      SessionArgs fresh = reacquire(call, runtime, deadline, challenge);
      try {
        return attempt.apply(fresh);
      } catch (CloudflareChallengeException again) {
        forget();
        CloudflareChallengeException error = new CloudflareChallengeException(
            again.status(), again.endpoint(), again.bodyExcerpt(), SECOND_CHALLENGE_ADVICE,
            again.headers());
        error.addSuppressed(challenge);
        throw error;
      }
    }
  }

  /** The transport that last worked, from memory or the store. */
  Optional<Transport> workedTransport() {
    if (!transportLoaded) {
      transportLoaded = true;
      store.load(storeKey).flatMap(StoredCredentials::transportName).ifPresent(name -> {
        try {
          worked.compareAndSet(null, Transport.parse(name));
        } catch (IllegalArgumentException e) {
          LOG.log(Level.DEBUG, "Ignoring unknown transport in the auth file");
        }
      });
    }
    return Optional.ofNullable(worked.get());
  }

  /** Keeps args that worked, and the transport they worked on, in memory and in the store. */
  void remember(SessionArgs workedArgs, Transport transport) {
    args.set(workedArgs);
    if (transport != null) {
      worked.set(transport);
      transportLoaded = true;
    }
    Transport keep = worked.get();
    try {
      store.save(storeKey, new StoredCredentials(workedArgs, keep == null ? null : keep.wireName()));
    } catch (UncheckedIOException e) {
      LOG.log(Level.WARNING, "{0}", e.getMessage());
    }
  }

  /** Drops the cached args after the service refused them (the seed's {@code _args = None}). */
  void forget() {
    args.set(null);
    store.delete(storeKey);
  }

  private SessionArgs reacquire(CallOptions call, PlaygroundRuntime runtime, Deadline deadline,
      CloudflareChallengeException challenge) {
    if (acquirer == null) {
      throw noBrowser(challenge, null, runtime.noBrowserAdvice);
    }
    SessionArgs fresh;
    acquireLock.lock();
    try {
      LOG.log(Level.INFO, "{0}: challenged; passing it with the browser", challenge.endpoint());
      call.listener().progress(CallProgress.challenge(runtime.browserName));
      // told above that a challenge is being passed: the browser seeing it too is not news
      fresh = acquirer.getArgs(runtime.url, runtime.proxyFor(call),
              deadline.require(challenge.endpoint()), progress -> {
                if (progress.kind() != CallProgress.Kind.CHALLENGE) {
                  call.listener().progress(progress);
                }
              })
          .withCookies(call.cookies());
      args.set(fresh);
      call.listener().progress(CallProgress.connecting(runtime.url));
    } catch (MissingRequirementsException e) {
      throw noBrowser(challenge, e, NO_BROWSER_ADVICE);
    } catch (RequestTimeoutException e) {
      // The browser saw the challenge and did not get past it in the time the call had left.
      CloudflareChallengeException error = new CloudflareChallengeException(challenge.status(),
          challenge.endpoint(), challenge.bodyExcerpt(), UNPASSED_ADVICE + " (" + e.getMessage()
              + ")", challenge.headers());
      error.initCause(e);
      throw error;
    } finally {
      acquireLock.unlock();
    }
    return fresh;
  }

  private static CloudflareChallengeException noBrowser(CloudflareChallengeException challenge,
      MissingRequirementsException missing, String noBrowserAdvice) {
    String advice = missing == null
        ? noBrowserAdvice
        : noBrowserAdvice + " (" + missing.getMessage() + ")";
    CloudflareChallengeException error = new CloudflareChallengeException(
        challenge.status(), challenge.endpoint(), challenge.bodyExcerpt(), advice,
        challenge.headers());
    if (missing != null) {
      error.initCause(missing);
    }
    return error;
  }

  private SessionArgs loadOrAcquire(CallOptions call, PlaygroundRuntime runtime, Deadline deadline) {
    SessionArgs cached = unexpired(
        store.load(storeKey).map(StoredCredentials::args).orElse(null), "in the credential store");
    if (cached != null) {
      return cached;
    }
    if (acquirer != null) {
      try {
        call.listener().progress(CallProgress.browserStarting(runtime.browserName));
        SessionArgs fresh = acquirer.getArgs(runtime.url, runtime.proxyFor(call),
                deadline.require(runtime.url), call.listener()::progress)
            .withCookies(call.cookies());
        call.listener().progress(CallProgress.connecting(runtime.url));
        return fresh;
      } catch (MissingRequirementsException e) {
        LOG.log(Level.INFO, "No browser for fresh credentials, using default headers: {0}",
            e.getMessage());
        call.listener().progress(CallProgress.connecting(runtime.url));
      }
    }
    return defaults.apply(call.cookies());
  }
}
