package io.github.flare4j.error;

/**
 * The reply's stream could not be read: a malformed line, an unknown format (an HTML page, say), a
 * line over the limit, or an error that the service reported inside the stream (its message is
 * kept as the service wrote it, in {@link #serviceMessage()}). When it happens after items reached
 * the caller, the caller sees it as the cause of a {@link StreamTruncatedException}.
 */
public class StreamProtocolException extends Flare4jException {
  private static final long serialVersionUID = 1L;

  private final String serviceMessage;

  /** Bad stream data; {@code cause} is the parser's error when there is one. */
  public StreamProtocolException(String message, Throwable cause) {
    super(message, cause);
    this.serviceMessage = null;
  }

  /** Bad stream data. */
  public StreamProtocolException(String message) {
    this(message, (Throwable) null);
  }

  private StreamProtocolException(String message, String serviceMessage) {
    super(message);
    this.serviceMessage = serviceMessage;
  }

  /** An error part sent by the service in the middle of a stream. */
  public static StreamProtocolException serviceError(String endpoint, String serviceMessage) {
    return new StreamProtocolException(endpoint + " reported an error in the stream: "
        + io.github.flare4j.internal.text.ServerText.quote(serviceMessage), serviceMessage);
  }

  /**
   * The service's own error text when it sent an error part, else null. As the service wrote it:
   * control characters are not escaped here (the message escapes them).
   */
  public String serviceMessage() {
    return serviceMessage;
  }
}
