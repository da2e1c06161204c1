package io.github.flare4j.spi;

import io.github.flare4j.CallProgress;
import io.github.flare4j.http.ProxySpec;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Obtains fresh {@link SessionArgs} for a site that a plain HTTP client cannot pass, typically by
 * opening the page in a headless browser and reading its user agent and cookies (the seed's
 * {@code get_args_from_nodriver}). flare4j-core defines this seam; the browser module implements
 * it, so the core depends on no browser.
 *
 * <p>Implementations must be thread-safe, must honour the timeout, and must release everything
 * they started (processes, temporary profiles) before returning or throwing.
 */
@FunctionalInterface
public interface ArgsAcquirer {

  /**
   * Opens {@code url} and returns the headers and cookies a browser would send to it.
   *
   * @param url the page to open
   * @param proxy the proxy to use, or null
   * @param timeout how long it may take in all
   * @throws io.github.flare4j.error.MissingRequirementsException when the browser is not
   *     installed: providers then fall back to default headers, and say so if a challenge follows
   * @throws io.github.flare4j.error.Flare4jException when the args cannot be had
   */
  SessionArgs getArgs(String url, ProxySpec proxy, Duration timeout);

  /**
   * As {@link #getArgs(String, ProxySpec, Duration)}, telling {@code progress} what it waits on
   * as it goes: a browser that finds a challenge on the page says
   * {@link CallProgress#challenge(String)} once, before it waits for the challenge to pass. The
   * caller hands this on to the call's {@link io.github.flare4j.CallListener#progress}. The default
   * tells nothing.
   *
   * @param progress hears the progress; quick, never throws
   */
  default SessionArgs getArgs(String url, ProxySpec proxy, Duration timeout,
      Consumer<CallProgress> progress) {
    return getArgs(url, proxy, timeout);
  }
}
