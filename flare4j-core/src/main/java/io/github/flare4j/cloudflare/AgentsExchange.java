package io.github.flare4j.cloudflare;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.ChatStream;
import io.github.flare4j.FinishReason;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.error.CloudflareChallengeException;
import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.error.NetworkException;
import io.github.flare4j.error.RequestTimeoutException;
import io.github.flare4j.error.RequestTimeoutException.Phase;
import io.github.flare4j.error.ResponseStatusException;
import io.github.flare4j.error.StreamProtocolException;
import io.github.flare4j.internal.http.HttpClients;
import io.github.flare4j.internal.stream.ItemBuffer;
import io.github.flare4j.internal.stream.UiMessageChunkDecoder;
import io.github.flare4j.provider.SessionArgs;
import io.github.flare4j.provider.WebSocketRelay;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;

/**
 * One chat turn over the Agents WebSocket, read item by item: open
 * {@code ws(s)://host/agents/playground/<random instance>?_pk=<connection id>} with the args'
 * cookies and user agent, send the settings ({@code cf_agent_state}) and the
 * {@code cf_agent_use_chat_request}, then decode each {@code cf_agent_use_chat_response} frame's
 * body as a UI message chunk until the frame with {@code done: true}.
 *
 * <ul>
 *   <li>An {@code error: true} frame is a {@link StreamProtocolException} with the frame's text;
 *       {@code outcome: "aborted"} ends with finish reason {@code aborted}.
 *   <li>No frame within the idle limit (a server-side failure sends none) is a
 *       {@link RequestTimeoutException}; a socket closed before {@code done} is a
 *       {@link NetworkException}.
 *   <li>A challenge on the upgrade goes through the challenge flow; a refusal of the plain client
 *       runs the socket in the browser when a {@link WebSocketRelay} is configured; otherwise, when
 *       a fallback is given ({@link Transport#AUTO}), a socket that cannot be opened hands the turn
 *       to {@code /api/inference}.
 *   <li>{@link #close()} before the end sends {@code cf_agent_chat_request_cancel}.
 * </ul>
 *
 * <p>Read by one thread; {@link #close()} may be called from any thread.
 */
final class AgentsExchange implements ChatStream.Source {
  private static final System.Logger LOG = System.getLogger(AgentsExchange.class.getName());

  private final Cloudflare provider;
  private final ChatRequest request;
  private final Supplier<ChatStream.Source> fallback;
  private final String requestId = AgentsFrames.newId();
  private final ItemBuffer items = new ItemBuffer();
  private final long deadlineNanos;
  private volatile ChatStream.Source delegate;
  private volatile AgentSocket socket;
  private volatile boolean closed;
  private volatile boolean done;
  private volatile SocketEvents events;
  private String endpoint;
  private UiMessageChunkDecoder decoder;
  private SessionArgs args;

  /**
   * @param fallback the exchange to use when the socket cannot be opened, or null to fail instead
   */
  AgentsExchange(Cloudflare provider, ChatRequest request, Supplier<ChatStream.Source> fallback) {
    this.provider = provider;
    this.request = request;
    this.fallback = fallback;
    this.deadlineNanos = System.nanoTime() + request.timeout().toNanos();
  }

  @Override
  public ResponseItem next() {
    if (closed) {
      return null;
    }
    if (delegate != null) {
      return delegate.next();
    }
    if (socket == null && !open()) {
      return delegate != null && !closed ? delegate.next() : null;
    }
    try {
      while (true) {
        ResponseItem item = items.poll();
        if (item != null) {
          return item;
        }
        if (done || closed) {
          return null;
        }
        read();
      }
    } catch (Flare4jException e) {
      done = true;
      socket.close();
      throw e;
    }
  }

  /** Opens the socket and sends the turn; false when it fell back or was closed meanwhile. */
  private boolean open() {
    String model = provider.modelFor(request);
    String instance = "flare4j-" + UUID.randomUUID();
    String base = provider.agentsUrl(instance);
    endpoint = "WebSocket " + base;
    decoder = new UiMessageChunkDecoder(endpoint);
    String url = base + "?_pk=" + UUID.randomUUID();
    AgentSocket opened;
    try {
      opened = provider.session().withChallengeRetry(request, provider, tried -> {
        args = tried;
        events = new SocketEvents(endpoint);
        return DirectAgentSocket.open(socketClient(), url, tried, provider.timeouts(), events,
            endpoint, provider.challengeAdvice());
      });
    } catch (CloudflareChallengeException e) {
      throw e;
    } catch (ResponseStatusException | NetworkException refused) {
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
    opened.send(AgentsFrames.state(model, PlaygroundPayload.systemMessage(request.messages()),
        request.maxTokens()));
    opened.send(AgentsFrames.chatRequest(requestId, model, request.messages(), request.maxTokens()));
    return true;
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
            provider.proxyFor(request), remaining(), events);
        return new RelayedAgentSocket(relayed);
      } catch (Flare4jException relayFailed) {
        relayFailed.addSuppressed(refused);
        if (fallback == null) {
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
    delegate = fallback.get();
    return null;
  }

  private okhttp3.OkHttpClient socketClient() {
    return HttpClients.forRequest(provider.client(), provider.proxyFor(request),
        provider.timeouts(), provider.timeouts().connect().plus(provider.timeouts().firstByte()));
  }

  /** Waits for one event and handles it. */
  private void read() {
    Duration left = remaining();
    Duration idle = provider.timeouts().idle();
    SocketEvents.Event event = events.poll(left.compareTo(idle) < 0 ? left : idle);
    switch (event) {
      case null -> {
        if (closed) {
          return;
        }
        throw remaining().isZero()
            ? new RequestTimeoutException(Phase.TOTAL, request.timeout(), endpoint, null)
            : new RequestTimeoutException(Phase.IDLE, idle, endpoint, null);
      }
      case SocketEvents.Text text -> frame(text.text());
      case SocketEvents.Closed close -> {
        if (!closed) {
          throw new NetworkException(endpoint + " closed the socket before the reply was complete"
              + " (code " + close.code() + (close.reason().isEmpty() ? "" : ", " + close.reason())
              + ")", null);
        }
      }
      case SocketEvents.Failed failed -> {
        if (!closed) {
          throw failed.error();
        }
      }
      case SocketEvents.Open open -> { }
    }
  }

  private void frame(String text) {
    AgentsFrames.Response frame;
    try {
      frame = AgentsFrames.parse(text);
    } catch (JacksonException e) {
      throw new StreamProtocolException("malformed frame from " + endpoint + ": "
          + (text.length() > 120 ? text.substring(0, 120) + "..." : text), e);
    }
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

  private Duration remaining() {
    long left = deadlineNanos - System.nanoTime();
    return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
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
