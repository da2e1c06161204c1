package io.github.flare4j.cli;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Security;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Prepares the JDK's TLS on a background thread while the command line is being parsed: every
 * provider builds an OkHttp client, which loads the JDK's trusted certificates (parsing some
 * hundred of them), its security providers and its TLS context before the first request, even
 * to an {@code http://} address. That is the largest single piece of a chat's start-up, and it
 * needs nothing from the command line, so it can run on another core meanwhile.
 *
 * <p>Nothing changes but when the work is done: the JDK keeps the loaded certificates (as long as
 * something holds them, which this class does) and its initialised classes, and OkHttp then finds
 * them ready. A failure here is ignored: the same work done again by OkHttp reports it.
 */
final class TlsWarmUp {
  /** The trust managers made here, so that the JDK's cache of trusted certificates stays. */
  @SuppressWarnings("unused")
  private static volatile Object trustManagers;

  private TlsWarmUp() {}

  /** Starts the warm-up on a daemon thread, which the process does not wait for. */
  static void start() {
    Thread thread = new Thread(TlsWarmUp::run, "flare4j-tls-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  private static void run() {
    try {
      Security.getProviders(); // what OkHttp's platform lookup does first
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init((KeyStore) null);
      trustManagers = factory.getTrustManagers();
      SSLContext.getInstance("TLS");
    } catch (GeneralSecurityException | RuntimeException e) {
      // OkHttp does the same and reports what fails
    }
  }
}
