package io.github.flare4j.internal.ws;

import java.io.IOException;

/** The server broke RFC 6455: a bad handshake answer, a masked or malformed frame, invalid UTF-8. */
public class WebSocketProtocolException extends IOException {
  private static final long serialVersionUID = 1L;

  WebSocketProtocolException(String message) {
    super(message);
  }
}
