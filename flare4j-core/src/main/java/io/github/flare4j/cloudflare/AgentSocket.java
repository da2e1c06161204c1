package io.github.flare4j.cloudflare;

/**
 * An open Agents WebSocket, whichever way it runs: straight from OkHttp or relayed through a
 * browser page. Frames arrive through the {@link SocketEvents} it was opened with.
 */
interface AgentSocket {
  /** Sends a text frame; false when the socket is closing or closed. */
  boolean send(String text);

  /** Closes the socket normally (code 1000) and releases what it holds. Never throws. */
  void close();
}
