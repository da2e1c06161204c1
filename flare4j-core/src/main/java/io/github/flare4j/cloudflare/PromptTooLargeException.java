package io.github.flare4j.cloudflare;

import io.github.flare4j.error.ResponseStatusException;
import io.github.flare4j.internal.text.ServerText;

/**
 * The agent closed its socket with code {@value #MESSAGE_TOO_BIG} (message too big) after our
 * frames: the prompt, or the system prompt in the state, is more than its socket accepts (a
 * Durable Object takes 32 MiB, 1 MiB before 2025-10; our emulator 64 KiB). Not a network failure:
 * sending it again fails the same way, so it is a refusal ({@code 413}, never retried) that says
 * to use {@code /api/inference}, and {@link Transport#AUTO} hands the turn to that endpoint.
 */
final class PromptTooLargeException extends ResponseStatusException {
  private static final long serialVersionUID = 1L;

  /** The WebSocket close code for a message over the receiver's limit (RFC 6455, 7.4.1). */
  static final int MESSAGE_TOO_BIG = 1009;

  /** The HTTP status this stands for: Content Too Large. */
  private static final int STATUS = 413;

  PromptTooLargeException(String endpoint, String reason) {
    super(STATUS, endpoint, ServerText.quote(reason), endpoint + " closed the socket with code "
        + MESSAGE_TOO_BIG + " (message too big" + (reason.isEmpty() ? ""
            : ": \"" + ServerText.quote(reason) + "\"")
        + "): the prompt is too large for the Agents socket; use the inference transport"
        + " (Transport.INFERENCE), which takes it");
  }
}
