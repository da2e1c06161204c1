package io.github.flare4j.cloudflare;

import io.github.flare4j.ResponseInfo;

/**
 * An open Agents WebSocket, whichever way it runs: flare4j's own client or relayed through a
 * browser page. Frames arrive through the {@link SocketEvents} it was opened with.
 */
interface AgentSocket {
  /** The upgrade's status and headers ({@code 101}; none are known for a relayed socket). */
  default ResponseInfo handshake() {
    return new ResponseInfo(101, java.util.Map.of());
  }

  /** Sends a text frame; false when the socket is closing or closed. */
  boolean send(String text);

  /** Closes the socket normally (code 1000) and releases what it holds. Never throws. */
  void close();
}
