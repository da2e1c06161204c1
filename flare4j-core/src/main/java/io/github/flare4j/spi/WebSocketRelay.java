package io.github.flare4j.spi;

import io.github.flare4j.http.ProxySpec;
import java.time.Duration;

/**
 * Runs a WebSocket inside a real browser page and relays its frames, for a service that refuses
 * any client but a browser (Cloudflare can tell a plain HTTP client from a browser by more than its
 * headers). flare4j-core defines this seam; flare4j-browser implements it over the DevTools
 * protocol, so the core depends on no browser.
 *
 * <p>Implementations must be thread-safe, must honour the timeout for opening, must deliver every
 * frame in order through the {@link Listener} as it arrives (not batched until the end), and must
 * release everything they started (processes, temporary profiles) when the socket is closed or
 * fails to open.
 */
public interface WebSocketRelay {

  /**
   * Opens {@code pageUrl} in a browser (passing any challenge it shows), then opens a WebSocket to
   * {@code socketUrl} from that page. Returns once the socket is open; frames then arrive through
   * {@code listener}, on a thread of the relay's.
   *
   * @param pageUrl the page whose origin and cookies the socket uses
   * @param socketUrl the {@code ws://} or {@code wss://} URL to open
   * @param proxy the proxy to use, or null
   * @param timeout how long opening may take in all
   * @param listener receives the frames, the close and failures
   * @return the open socket; the caller closes it
   * @throws io.github.flare4j.error.MissingRequirementsException when there is no browser
   * @throws io.github.flare4j.error.Flare4jException when the page or the socket cannot be opened
   */
  RelayedSocket open(
      String pageUrl, String socketUrl, ProxySpec proxy, Duration timeout, Listener listener);

  /**
   * A relayed socket. {@link #close()} closes the socket and releases the browser; it never throws
   * and may be called more than once.
   */
  interface RelayedSocket extends AutoCloseable {
    /**
     * Sends a text frame.
     *
     * @return false when the socket is closed or closing
     */
    boolean send(String text);

    @Override
    void close();
  }

  /**
   * What a relayed socket reports. Called from one relay thread at a time, in order; must be fast
   * and must not throw.
   */
  interface Listener {
    /** One text frame from the server. */
    void onText(String text);

    /** The socket was closed, by either side. */
    void onClosed(int code, String reason);

    /** The socket or the browser failed; no more calls follow. */
    void onFailure(String message);
  }
}
