package io.github.flare4j.cloudflare;

import io.github.flare4j.error.RequestTimeoutException.Phase;
import io.github.flare4j.error.StreamProtocolException;
import io.github.flare4j.http.ProxySpec;
import io.github.flare4j.provider.ModelInfo;
import io.github.flare4j.internal.http.Deadline;
import io.github.flare4j.spi.SessionArgs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The playground's model list as its web app gets it: the agent's {@code getModels} RPC over a
 * socket of its own, answered with Workers AI's model objects (every task; the catalogue keeps the
 * text generation ones). No browser is started for it: with a challenge in the way the caller falls back.
 */
final class AgentModels {
  private AgentModels() {}

  /**
   * Opens a socket, asks, closes.
   *
   * @throws io.github.flare4j.error.Flare4jException when the socket cannot be opened, the RPC
   *     fails or nothing answers in time
   */
  static List<ModelInfo> fetch(PlaygroundRuntime runtime, ProxySpec via, Duration timeout) {
    Deadline deadline = Deadline.after(timeout);
    String base = runtime.agentsUrl("flare4j-" + UUID.randomUUID());
    String endpoint = "WebSocket " + base;
    SessionArgs args = runtime.session.current()
        .orElseGet(() -> runtime.defaultArgs(Map.of()));
    SocketEvents events = new SocketEvents(endpoint);
    DirectAgentSocket socket = DirectAgentSocket.open(runtime.client, via,
        base + "?_pk=" + UUID.randomUUID(), args, runtime.timeouts, deadline, events, endpoint,
        runtime.challengeAdvice());
    try {
      String id = AgentsFrames.newId();
      socket.send(AgentsFrames.rpc(id, "getModels"));
      while (true) {
        AgentsFrames.Frame frame =
            events.nextFrame(runtime.timeouts.firstByte(), Phase.FIRST_BYTE, deadline, () -> false);
        if (!frame.is(AgentsFrames.RPC, id)) {
          continue; // identity, state, MCP servers
        }
        if (!frame.success()) {
          throw StreamProtocolException.serviceError(endpoint,
              frame.errorText() == null ? "getModels failed" : frame.errorText());
        }
        if (frame.models() == null) {
          throw new StreamProtocolException(endpoint + " answered getModels without a list");
        }
        return frame.models();
      }
    } finally {
      socket.close();
      events.abandon();
    }
  }
}
