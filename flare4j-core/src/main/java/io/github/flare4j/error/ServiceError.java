package io.github.flare4j.error;

import java.util.Objects;

/**
 * The error a Cloudflare API named in its v4 envelope
 * ({@code {"success":false,"errors":[{"code":5007,"message":"No such model ..."}]}}), kept on the
 * exception it became so that callers can act on the code.
 *
 * @param code Cloudflare's error code, e.g. {@code 10000} (authentication) or {@code 5007} (model)
 * @param message Cloudflare's message, as it wrote it (empty when it gave none)
 */
public record ServiceError(int code, String message) {
  /** Checks the message; null becomes empty. */
  public ServiceError {
    message = message == null ? "" : message;
  }

  /** {@code "Cloudflare error 5007: No such model ..."}. */
  @Override
  public String toString() {
    return "Cloudflare error " + code
        + (message.isEmpty() ? "" : ": " + io.github.flare4j.internal.text.ServerText.quote(message));
  }
}
