package io.github.flare4j.cloudflare;

import io.github.flare4j.spi.WebSocketRelay;

/** The Agents socket running in a browser page, its frames relayed by a {@link WebSocketRelay}. */
final class RelayedAgentSocket implements AgentSocket {
  private final WebSocketRelay.RelayedSocket relayed;

  RelayedAgentSocket(WebSocketRelay.RelayedSocket relayed) {
    this.relayed = relayed;
  }

  @Override
  public boolean send(String text) {
    FrameLog.sent(text);
    return relayed.send(text);
  }

  @Override
  public void close() {
    relayed.close();
  }
}
