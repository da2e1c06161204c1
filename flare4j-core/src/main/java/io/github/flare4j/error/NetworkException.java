package io.github.flare4j.error;

/**
 * The connection could not be made, or broke before the reply was complete (refused, reset,
 * closed mid-stream, proxy failure). The cause is the transport's {@link java.io.IOException}.
 */
public class NetworkException extends Flare4jException {
  private static final long serialVersionUID = 1L;

  /** A network failure with its cause. */
  public NetworkException(String message, Throwable cause) {
    super(message, cause);
  }
}
