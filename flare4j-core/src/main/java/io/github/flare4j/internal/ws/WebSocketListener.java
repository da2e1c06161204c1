package io.github.flare4j.internal.ws;

import java.io.IOException;

/**
 * What a {@link WebSocketConnection} reports, from its reader thread, in order. Exactly one of
 * {@link #onClosed} and {@link #onFailure} ends the calls.
 *
 * <p>{@link #onText} may block: the reader then stops reading, and TCP flow control slows the
 * server down (that is how a bounded queue behind it gives back-pressure). The other methods must
 * be fast and must not throw.
 */
public interface WebSocketListener {
  /** One whole message (a binary one is decoded as UTF-8 too), at most the connection's limit. */
  void onText(String text);

  /**
   * A ping arrived: the server is alive, though it sent nothing to read. Called on the reader
   * thread for every ping; must be fast.
   */
  default void onPing() {}

  /** The server closed the socket, or answered our close, with {@code code} and {@code reason}. */
  void onClosed(int code, String reason);

  /**
   * The connection failed: a {@link MessageTooLargeException} for a message over the limit, a
   * {@link WebSocketProtocolException} for frames that break RFC 6455, any other
   * {@link IOException} for the network.
   */
  void onFailure(IOException error);
}
