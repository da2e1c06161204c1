package io.github.flare4j.internal.model;

import io.github.flare4j.error.Flare4jException;
import java.lang.System.Logger.Level;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A provider's model list, fetched once and cached. Thread-safe: concurrent first callers wait for
 * one fetch. When the fetch fails the fallback list is returned and the next call tries again.
 */
public final class ModelCatalog {
  private static final System.Logger LOG = System.getLogger(ModelCatalog.class.getName());

  private final Supplier<List<String>> fallback;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile List<String> cached;

  /**
   * @param fallback the list to use when the service's cannot be had
   */
  public ModelCatalog(Supplier<List<String>> fallback) {
    this.fallback = fallback;
  }

  /**
   * The cached list, asking {@code fetch} first when needed; the fallback when it fails.
   *
   * @param fetch asks the service; throws a {@link Flare4jException} when it cannot
   */
  public List<String> get(Supplier<List<String>> fetch) {
    return live(fetch).orElseGet(() -> List.copyOf(fallback.get()));
  }

  /**
   * The service's list: the cached one, else what {@code fetch} returns (then cached); empty when
   * the fetch fails (logged as a warning naming the failure), and the next call tries again.
   */
  public Optional<List<String>> live(Supplier<List<String>> fetch) {
    List<String> models = cached;
    if (models != null) {
      return Optional.of(models);
    }
    lock.lock();
    try {
      if (cached == null) {
        cached = List.copyOf(fetch.get());
      }
      return Optional.of(cached);
    } catch (Flare4jException e) {
      LOG.log(Level.WARNING, "Cannot fetch the model list, using the built-in one: {0}",
          e.getMessage());
      return Optional.empty();
    } finally {
      lock.unlock();
    }
  }

  /** The cached list, without asking anybody. */
  public Optional<List<String>> cached() {
    return Optional.ofNullable(cached);
  }

  /** Caches a list the service sent by other means, unless one is cached already. */
  public void offer(List<String> models) {
    lock.lock();
    try {
      if (cached == null) {
        cached = List.copyOf(models);
      }
    } finally {
      lock.unlock();
    }
  }

  /** The models known without asking: {@code defaultModel}, then the alias targets, once each. */
  public static List<String> builtIn(String defaultModel, Map<String, String> aliases) {
    LinkedHashSet<String> models = new LinkedHashSet<>();
    models.add(defaultModel);
    models.addAll(aliases.values());
    return List.copyOf(models);
  }

  /** Forgets the cached list, so the next {@link #get()} fetches again. */
  public void invalidate() {
    cached = null;
  }
}
