package io.github.flare4j.internal.ws;

import java.io.IOException;
import okhttp3.Response;

/**
 * The server (or an HTTP proxy's {@code CONNECT}) answered the upgrade with a status other than
 * {@code 101}. {@link #response()} holds the status line, the headers and at most
 * {@value WebSocketClient#MAX_ERROR_BODY} bytes of the body, so that the caller can turn it into
 * the same typed error as for any other refused request.
 */
public final class UpgradeRefusedException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Response response;

  UpgradeRefusedException(Response response) {
    super("the upgrade was answered with " + response.code());
    this.response = response;
  }

  /** The answer, its body already read (bounded). */
  public Response response() {
    return response;
  }
}
