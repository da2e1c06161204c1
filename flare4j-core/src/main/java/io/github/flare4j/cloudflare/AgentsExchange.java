package io.github.flare4j.cloudflare;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.ChatStream;
import io.github.flare4j.FinishReason;
import io.github.flare4j.ResponseInfo;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.error.CloudflareChallengeException;
import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.error.NetworkException;
import io.github.flare4j.error.RequestTimeoutException;
import io.github.flare4j.error.RequestTimeoutException.Phase;
import io.github.flare4j.error.ResponseStatusException;
import io.github.flare4j.error.StreamProtocolException;
import io.github.flare4j.internal.http.Deadline;
import io.github.flare4j.internal.http.HttpClients;
import io.github.flare4j.internal.stream.ItemBuffer;
import io.github.flare4j.internal.stream.UiMessageChunkDecoder;
import io.github.flare4j.provider.SessionArgs;
import io.github.flare4j.provider.WebSocketRelay;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * One chat turn over the Agents WebSocket, the way the playground's web app speaks it, read item
 * by item:
 *
 * <ol>
 *   <li>open {@code ws(s)://host/agents/playground/<random instance>?_pk=<connection id>} with the
 *       args' cookies and user agent; the agent sends its identity, its state and its MCP servers;
 *   <li>send the resume probe ({@code cf_agent_stream_resume_request}) and, when no model list is
 *       cached, the {@code getModels} RPC; wait for {@code cf_agent_stream_resume_none} and the
 *       RPC's answer;
 *   <li>resolve the model against that list ({@link PlaygroundModels#resolve}); send the whole
 *       state with the model, system prompt and temperature ({@link AgentState#frame}), then the
 *       {@code cf_agent_use_chat_request};
 *   <li>decode each {@code cf_agent_use_chat_response} frame's body as a UI message chunk until the
 *       frame with {@code done: true}.
 * </ol>
 *
 * <ul>
 *   <li>An {@code error: true} frame is a {@link StreamProtocolException} with the frame's text;
 *       {@code outcome: "aborted"} ends with finish reason {@code aborted}.
 *   <li>No frame within the idle limit (a server-side failure sends none) is a
 *       {@link RequestTimeoutException}; a socket closed before {@code done} is a
 *       {@link NetworkException}. One deadline (the request's timeout) covers the whole turn,
 *       passing a challenge and a fallback included.
 *   <li>A challenge on the upgrade goes through the challenge flow, and one the browser cannot pass
 *       ends the call; a refusal of the plain client runs the socket in the browser when a
 *       {@link WebSocketRelay} is configured; otherwise, when a fallback is given
 *       ({@link Transport#AUTO}), a socket that cannot be opened hands the turn to
 *       {@code /api/inference}.
 *   <li>The agent has no {@code max_tokens} setting: a request that sets one other than the default
 *       gets a warning in {@link #responseInfo()}.
 *   <li>{@link #close()} before the end sends {@code cf_agent_chat_request_cancel}.
 * </ul>
 *
 * <p>Read by one thread; {@link #close()} may be called from any thread.
 */
final class AgentsExchange implements ChatStream.Source {
  private static final System.Logger LOG = System.getLogger(AgentsExchange.class.getName());

  private final Cloudflare provider;
  private final ChatRequest request;
  private final Function<Deadline, ChatStream.Source> fallback;
  private final String requestId = AgentsFrames.newId();
  private final ItemBuffer items = new ItemBuffer();
  private final List<String> warnings = new ArrayList<>();
  private volatile ChatStream.Source delegate;
  private volatile AgentSocket socket;
  private volatile boolean closed;
  private volatile boolean done;
  private volatile SocketEvents events;
  private volatile ResponseInfo info;
  private Deadline deadline;
  private String endpoint;
  private UiMessageChunkDecoder decoder;
  private SessionArgs args;

  /**
   * @param fallback the exchange to use, within the deadline given, when the socket cannot be
   *     opened; null to fail instead
   */
  AgentsExchange(
      Cloudflare provider, ChatRequest request, Function<Deadline, ChatStream.Source> fallback) {
    this.provider = provider;
    this.request = request;
    this.fallback = fallback;
  }

  @Override
  public ResponseItem next() {
    if (closed) {
      return null;
    }
    if (delegate != null) {
      return delegate.next();
    }
    try {
      if (socket == null && !open()) {
        return delegate != null && !closed ? delegate.next() : null;
      }
      while (true) {
        ResponseItem item = items.poll();
        if (item != null) {
          return item;
        }
        if (done || closed) {
          return null;
        }
        AgentsFrames.Frame frame = events.nextFrame(
            provider.timeouts().idle(), Phase.IDLE, deadline, () -> closed);
        if (frame != null) {
          frame(frame);
        }
      }
    } catch (Flare4jException e) {
      done = true;
      AgentSocket current = socket;
      if (current != null) {
        current.close();
      }
      throw e;
    }
  }

  /** Opens the socket and sends the turn; false when it fell back or was closed meanwhile. */
  private boolean open() {
    deadline = Deadline.after(request.timeout());
    String instance = "flare4j-" + UUID.randomUUID();
    String base = provider.agentsUrl(instance);
    endpoint = "WebSocket " + base;
    decoder = new UiMessageChunkDecoder(endpoint);
    String url = base + "?_pk=" + UUID.randomUUID();
    AgentSocket opened;
    try {
      opened = provider.session().withChallengeRetry(request, provider, deadline, tried -> {
        args = tried;
        events = new SocketEvents(endpoint);
        return DirectAgentSocket.open(socketClient(), url, tried, provider.timeouts(), deadline,
            events, endpoint, provider.challengeAdvice());
      });
    } catch (CloudflareChallengeException e) {
      throw e; // the browser could not pass it: the other transport sits behind the same check
    } catch (ResponseStatusException | NetworkException refused) {
      if (deadline.remaining().isZero()) {
        throw refused;
      }
      opened = openAnotherWay(url, refused);
      if (opened == null) {
        return false;
      }
    }
    socket = opened;
    if (closed) {
      opened.close();
      return false;
    }
    startTurn(opened);
    return true;
  }

  /** The web app's steps before a request: resume probe, models, the whole state. */
  private void startTurn(AgentSocket opened) {
    String probeId = AgentsFrames.newId();
    opened.send(AgentsFrames.resumeRequest(probeId));
    String rpcId = provider.catalog().cached().isPresent() ? null : AgentsFrames.newId();
    if (rpcId != null) {
      opened.send(AgentsFrames.rpc(rpcId, "getModels"));
    }
    AgentState state = null;
    boolean resumed = false;
    boolean answered = rpcId == null;
    long until = System.nanoTime() + provider.timeouts().firstByte().toNanos();
    while (!resumed || !answered) {
      java.time.Duration left = java.time.Duration.ofNanos(Math.max(1, until - System.nanoTime()));
      AgentsFrames.Frame frame = events.nextFrame(left, Phase.FIRST_BYTE, deadline, () -> closed);
      if (frame == null) {
        return;
      }
      if (frame.is(AgentsFrames.STATE, null) && frame.state() != null) {
        state = frame.state();
      } else if (frame.is(AgentsFrames.RESUME_NONE, null)) {
        resumed = true;
      } else if (rpcId != null && frame.is(AgentsFrames.RPC, rpcId)) {
        answered = true;
        if (frame.success() && frame.models() != null) {
          provider.catalog().offer(frame.models());
        } else {
          LOG.log(Level.WARNING, "{0}: getModels failed ({1}); the model is not checked",
              endpoint, frame.errorText());
        }
      }
    }
    String model = PlaygroundModels.resolve(provider.label(), request.model(),
        provider.catalog().cached(), state == null ? Optional.empty() : state.model());
    opened.send((state == null ? AgentState.INITIAL : state).frame(model,
        PlaygroundPayload.systemMessageIfAny(request.messages()),
        request.options().temperature()));
    opened.send(AgentsFrames.chatRequest(requestId, request.messages()));
    if (request.maxTokens() != ChatRequest.DEFAULT_MAX_TOKENS) {
      warnings.add("The playground's agent has no max_tokens setting: the reply is not limited to "
          + request.maxTokens() + " tokens");
    }
    info = opened.handshake().withWarnings(warnings);
  }

  /** In the browser when the plain client was refused and a relay exists, else the fallback. */
  private AgentSocket openAnotherWay(String url, Flare4jException refused) {
    WebSocketRelay relay = provider.relay();
    if (relay != null && refused instanceof ResponseStatusException) {
      LOG.log(Level.INFO, "{0} refused a plain client ({1}); relaying through the browser",
          endpoint, ((ResponseStatusException) refused).status());
      events = new SocketEvents(endpoint);
      try {
        WebSocketRelay.RelayedSocket relayed = relay.open(provider.url() + "/", url,
            provider.proxyFor(request), deadline.require(endpoint), events);
        return new RelayedAgentSocket(relayed);
      } catch (CloudflareChallengeException challenge) {
        challenge.addSuppressed(refused);
        throw challenge;
      } catch (Flare4jException relayFailed) {
        relayFailed.addSuppressed(refused);
        if (fallback == null || deadline.remaining().isZero()) {
          throw relayFailed;
        }
        refused = relayFailed;
      }
    }
    if (fallback == null) {
      throw refused;
    }
    LOG.log(Level.INFO, "{0} cannot be used ({1}); falling back to {2}", endpoint,
        refused.getMessage(), provider.apiEndpoint());
    delegate = fallback.apply(deadline);
    return null;
  }

  private okhttp3.OkHttpClient socketClient() {
    return HttpClients.forRequest(provider.client(), provider.proxyFor(request),
        provider.timeouts(),
        deadline.cap(provider.timeouts().connect().plus(provider.timeouts().firstByte())));
  }

  private void frame(AgentsFrames.Frame frame) {
    if (!frame.isResponseTo(requestId)) {
      return; // identity, MCP servers, state, messages: not part of the reply
    }
    if (frame.error()) {
      throw StreamProtocolException.serviceError(
          endpoint, frame.body() == null || frame.body().isEmpty() ? "unknown error" : frame.body());
    }
    String body = frame.body();
    if (body != null && !body.isBlank()) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      decoder.chunk(bytes, 0, bytes.length, items);
    }
    if (frame.done()) {
      end(frame.outcome());
    }
  }

  private void end(String outcome) {
    done = true;
    if ("error".equals(outcome)) {
      throw StreamProtocolException.serviceError(endpoint, "the agent ended the turn with an error");
    }
    if ("aborted".equals(outcome)) {
      if (!decoder.finished()) {
        decoder.end(items);
        items.add(new FinishReason("aborted"));
      }
    } else if (!decoder.finished()) {
      throw new StreamProtocolException(
          endpoint + " ended the turn before its finish chunk: the reply is incomplete");
    }
    provider.session().remember(args, Transport.AGENTS);
    socket.close();
  }

  @Override
  public Optional<ResponseInfo> responseInfo() {
    ChatStream.Source other = delegate;
    return other != null ? other.responseInfo() : Optional.ofNullable(info);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    ChatStream.Source other = delegate;
    if (other != null) {
      other.close();
    }
    AgentSocket current = socket;
    if (current != null) {
      if (!done) {
        current.send(AgentsFrames.cancel(requestId));
      }
      current.close();
    }
    SocketEvents waiting = events;
    if (waiting != null) {
      waiting.onClosed(1000, "closed by the client");
    }
  }
}
