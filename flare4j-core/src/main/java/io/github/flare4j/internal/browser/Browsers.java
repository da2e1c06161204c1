package io.github.flare4j.internal.browser;

import io.github.flare4j.spi.BrowserSupport;
import java.lang.System.Logger.Level;
import java.util.Iterator;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Finds the {@link BrowserSupport} on the class path or module path, if there is one. */
public final class Browsers {
  private static final System.Logger LOG = System.getLogger(Browsers.class.getName());

  /** Said about a challenge when no browser is on the class path. */
  public static final String NOT_ON_CLASS_PATH_ADVICE = "A browser is needed to pass it and none is"
      + " available: add the dependency " + BrowserSupport.ARTIFACT + " (it passes challenges with"
      + " a headless Chromium), or send a browser's cf_clearance cookie";

  /** Said about a challenge when the browser was turned off. */
  public static final String TURNED_OFF_ADVICE = "A browser is needed to pass it and this provider"
      + " was built without one: build it with a browser (" + BrowserSupport.ARTIFACT
      + " on the class path), or send a browser's cf_clearance cookie";

  private Browsers() {}

  /**
   * The first {@link BrowserSupport} the service loader finds (through this class's loader, then
   * the thread's context loader); empty when there is none. Starts no browser.
   */
  public static Optional<BrowserSupport> find() {
    Optional<BrowserSupport> found = first(ServiceLoader.load(BrowserSupport.class,
        Browsers.class.getClassLoader()));
    if (found.isEmpty()) {
      ClassLoader context = Thread.currentThread().getContextClassLoader();
      if (context != null && context != Browsers.class.getClassLoader()) {
        found = first(ServiceLoader.load(BrowserSupport.class, context));
      }
    }
    return found;
  }

  private static Optional<BrowserSupport> first(ServiceLoader<BrowserSupport> loader) {
    Iterator<BrowserSupport> it = loader.iterator();
    for (int tries = 0; tries < 16; tries++) {
      try {
        if (!it.hasNext()) {
          return Optional.empty();
        }
        return Optional.of(it.next());
      } catch (ServiceConfigurationError e) {
        LOG.log(Level.WARNING, "Skipping a browser that cannot be loaded: {0}", e.getMessage());
      }
    }
    return Optional.empty();
  }
}
