package io.github.flare4j.internal.ws;

/**
 * The server started a message longer than the connection accepts. Detected from the frame
 * headers, before the payload is read: the message is never held in memory.
 */
public final class MessageTooLargeException extends WebSocketProtocolException {
  private static final long serialVersionUID = 1L;

  private final long limit;

  MessageTooLargeException(long limit, long announced) {
    super("a message of at least " + announced + " bytes is over the limit of " + limit
        + " bytes");
    this.limit = limit;
  }

  /** The limit, in bytes. */
  public long limit() {
    return limit;
  }
}
