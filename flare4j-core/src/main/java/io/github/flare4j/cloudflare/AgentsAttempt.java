package io.github.flare4j.cloudflare;

import io.github.flare4j.CallOptions;
import io.github.flare4j.CallProgress;
import io.github.flare4j.ChatRequest;
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
import io.github.flare4j.error.StreamTruncatedException;
import io.github.flare4j.internal.call.Attempt;
import io.github.flare4j.internal.call.AttemptContext;
import io.github.flare4j.internal.http.Deadline;
import io.github.flare4j.internal.stream.ItemBuffer;
import io.github.flare4j.internal.stream.StreamErrors;
import io.github.flare4j.internal.stream.UiMessageChunkDecoder;
import io.github.flare4j.internal.text.ServerText;
import io.github.flare4j.spi.SessionArgs;
import io.github.flare4j.spi.WebSocketRelay;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One chat turn over the Agents WebSocket (an attempt of the call engine), the way the playground's
 * web app speaks it, read item by item:
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
 *   <li>An {@code error: true} frame is a {@link io.github.flare4j.error.RateLimitException} when its
 *       text is a rate limit, else a {@link StreamProtocolException} with the service's words
 *       ({@link StreamErrors});
 *       {@code outcome: "aborted"} ends with finish reason {@code aborted}.
 *   <li>No frame within the idle limit (a server-side failure sends none) is a
 *       {@link RequestTimeoutException}; a socket closed before {@code done} is a
 *       {@link NetworkException}. The call's one deadline covers the turn, passing a challenge
 *       included.
 *   <li>A challenge on the upgrade goes through the challenge flow, and one the browser cannot pass
 *       ends the call; a refusal of the plain client ({@code 403}) runs the socket in the browser
 *       when a {@link WebSocketRelay} is configured; otherwise (a {@code 404}: there is no socket)
 *       the refusal is thrown, and
 *       {@link PlaygroundTransports} decides whether {@code /api/inference} takes the turn.
 *   <li>The agent has no {@code max_tokens} setting, so a request's {@code maxTokens} is applied
 *       here, by an estimate ({@link OutputCap}): the reply is cut where the estimate would pass
 *       it and ends with finish reason {@code length} and no usage; the turn is stopped as a
 *       {@link #close()} stops it, and the session is remembered as after a complete turn.
 *   <li>{@link #close()} before the end sends {@code cf_agent_chat_request_cancel}.
 * </ul>
 *
 * <p>Read by one thread; {@link #close()} may be called from any thread.
 */
final class AgentsAttempt implements Attempt {
  private static final System.Logger LOG = System.getLogger(AgentsAttempt.class.getName());

  /** The status of an upgrade refused to a client that is not a browser (Cloudflare's 1010). */
  private static final int REFUSES_PLAIN_CLIENTS = 403;

  private final PlaygroundRuntime runtime;
  private final ChatRequest request;
  private final CallOptions options;
  private final Deadline deadline;
  private final String requestId = AgentsFrames.newId();
  /** The request's {@code maxTokens}, counted on this side; null when it sets none. */
  private final OutputCap cap;
  /** Replaced by the reply's buffer once the model is resolved and the turn sent. */
  private ItemBuffer items = new ItemBuffer();
  private volatile AgentSocket socket;
  private volatile boolean closed;
  private volatile boolean done;
  private volatile boolean requestSent;
  private volatile SocketEvents events;
  private volatile ResponseInfo info;
  private String endpoint;
  private UiMessageChunkDecoder decoder;
  private SessionArgs args;
  private String model;

  private AgentsAttempt(PlaygroundRuntime runtime, ChatRequest request, AttemptContext context) {
    this.runtime = runtime;
    this.request = request;
    this.options = context.options();
    this.deadline = context.deadline();
    this.cap = request.maxTokens().isPresent()
        ? new OutputCap(request.maxTokens().getAsInt()) : null;
  }

  /**
   * Opens the socket and sends the turn.
   *
   * @throws CloudflareChallengeException for a challenge the browser could not pass
   * @throws ResponseStatusException when the upgrade is refused (and no relay could help)
   * @throws NetworkException when the socket cannot be opened
   */
  static AgentsAttempt open(PlaygroundRuntime runtime, ChatRequest request, AttemptContext context) {
    AgentsAttempt attempt = new AgentsAttempt(runtime, request, context);
    context.onClose(attempt::close);
    attempt.open();
    return attempt;
  }

  @Override
  public ResponseItem next() {
    if (closed) {
      return null;
    }
    while (true) {
      ResponseItem item = items.poll();
      if (item != null && cap != null && !cap.reached()) {
        item = capped(item);
      }
      if (item != null) {
        return item;
      }
      if (done || closed) {
        return null;
      }
      readFrame();
    }
  }

  /**
   * What of {@code item} fits under the request's {@code maxTokens}. When the limit is reached,
   * what the service sent after it is dropped, the turn is stopped, and finish reason
   * {@code length} follows what fitted; null when nothing is left to hand on now.
   */
  private ResponseItem capped(ResponseItem item) {
    ResponseItem kept = cap.admit(item);
    if (!cap.reached()) {
      return kept;
    }
    stopAtLimit();
    items = new ItemBuffer(); // the start was handed out before any output
    items.add(new FinishReason(OutputCap.LENGTH));
    return kept != null ? kept : items.poll();
  }

  /**
   * Ends the turn at the request's {@code maxTokens}: the socket worked, so the session is
   * remembered as after a complete turn; the agent is told to stop generating (the web app's
   * cancel), and the socket is closed. Nothing more is read.
   */
  private void stopAtLimit() {
    boolean underWay = !done;
    done = true;
    if (underWay) {
      socket.send(AgentsFrames.cancel(requestId));
      runtime.session.remember(args, Transport.AGENTS);
    }
    socket.close();
    events.abandon();
  }

  @Override
  public boolean ready() {
    if (closed) {
      return true;
    }
    while (items.isEmpty() && !done && events.frameWaiting()) {
      if (!readFrame()) {
        return true; // closed here: next() returns null at once
      }
    }
    return !items.isEmpty() || done;
  }

  /**
   * Waits for the next frame (at most the idle limit) and decodes it; false when this side closed
   * the socket meanwhile. A failure ends the turn and closes the socket.
   */
  private boolean readFrame() {
    try {
      AgentsFrames.Frame frame = events.nextFrame(
          runtime.timeouts.idle(), Phase.IDLE, deadline, () -> closed);
      if (frame == null) {
        return false;
      }
      frame(frame);
      return true;
    } catch (Flare4jException e) {
      done = true;
      socket.close();
      throw e;
    }
  }

  @Override
  public String endpoint() {
    return endpoint;
  }

  private void open() {
    String instance = "flare4j-" + UUID.randomUUID();
    String base = runtime.agentsUrl(instance);
    endpoint = "WebSocket " + base;
    decoder = new UiMessageChunkDecoder(endpoint);
    String url = base + "?_pk=" + UUID.randomUUID();
    AgentSocket opened;
    try {
      opened = runtime.session.withChallengeRetry(options, runtime, deadline, tried -> {
        args = tried;
        events = new SocketEvents(endpoint);
        return DirectAgentSocket.open(runtime.client, runtime.proxyFor(options), url, tried,
            runtime.timeouts, deadline, events, endpoint, runtime.challengeAdvice());
      });
    } catch (CloudflareChallengeException e) {
      throw e;
    } catch (ResponseStatusException refused) {
      opened = inBrowser(url, refused);
    }
    socket = opened;
    if (closed) {
      opened.close();
      return;
    }
    startTurn(opened);
  }

  /** The web app's steps before a request: resume probe, models, the whole state. */
  private void startTurn(AgentSocket opened) {
    String probeId = AgentsFrames.newId();
    opened.send(AgentsFrames.resumeRequest(probeId));
    String rpcId = runtime.catalog.cached().isPresent() ? null : AgentsFrames.newId();
    if (rpcId != null) {
      opened.send(AgentsFrames.rpc(rpcId, "getModels"));
    }
    AgentState state = null;
    boolean resumed = false;
    boolean answered = rpcId == null;
    while (!resumed || !answered) {
      // the first-byte limit bounds each silence (a frame or a ping ends one); the deadline, all
      AgentsFrames.Frame frame = events.nextFrame(
          runtime.timeouts.firstByte(), Phase.FIRST_BYTE, deadline, () -> closed);
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
          runtime.catalog.offer(frame.models());
        } else {
          LOG.log(Level.WARNING, "{0}: getModels failed ({1}); the model is not checked",
              endpoint, frame.errorText());
        }
      }
    }
    model = runtime.catalog.resolveCached(request.model(),
        state == null ? Optional.empty() : state.model());
    opened.send((state == null ? AgentState.INITIAL : state).frame(model,
        PlaygroundPayload.systemMessageIfAny(request.messages()),
        request.options().temperature()));
    items = ItemBuffer.forReply(model);
    opened.send(AgentsFrames.chatRequest(requestId, request.messages()));
    requestSent = true;
    info = opened.handshake();
  }

  /**
   * The socket in the browser, when the plain client was refused ({@code 403}) and a relay exists.
   * Any other refusal is thrown: a {@code 404} means there is no socket at all, and a browser
   * would find none either.
   */
  private AgentSocket inBrowser(String url, ResponseStatusException refused) {
    WebSocketRelay relay = runtime.relay;
    if (relay == null || refused.status() != REFUSES_PLAIN_CLIENTS) {
      throw refused;
    }
    LOG.log(Level.INFO, "{0} refused a plain client ({1}); relaying through the browser",
        endpoint, refused.status());
    events = SocketEvents.relayed(endpoint);
    options.listener().progress(CallProgress.browserStarting(runtime.browserName));
    try {
      return new RelayedAgentSocket(relay.open(runtime.url + "/", url,
          runtime.proxyFor(options), deadline.require(endpoint), events));
    } catch (Flare4jException relayFailed) {
      relayFailed.addSuppressed(refused);
      throw relayFailed;
    } finally {
      // the browser is done: the turn goes on through it, or the caller falls back or fails
      options.listener().progress(CallProgress.connecting(endpoint));
    }
  }

  private void frame(AgentsFrames.Frame frame) {
    if (!frame.isResponseTo(requestId)) {
      if (frame.is(AgentsFrames.STATE_ERROR, null)) {
        LOG.log(Level.WARNING, "{0} refused the settings sent for this turn ({1}): the reply"
            + " comes from the agent''s own model, system prompt and temperature", endpoint,
            ServerText.quote(frame.errorText()));
      } else if (frame.type() == null
          || !AgentsFrames.NOT_PART_OF_THE_REPLY.contains(frame.type())) {
        LOG.log(Level.DEBUG, "{0}: ignoring a frame of unknown type {1}", endpoint,
            ServerText.quote(frame.type(), 80));
      }
      return;
    }
    if (frame.error()) {
      throw StreamErrors.serviceError(endpoint, frame.body(), model,
          runtime.catalog.cached().orElse(List.of()));
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
      throw new StreamTruncatedException(
          endpoint + " ended the turn before its finish chunk");
    }
    runtime.session.remember(args, Transport.AGENTS);
    socket.close();
  }

  @Override
  public Optional<ResponseInfo> responseInfo() {
    return Optional.ofNullable(info);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    AgentSocket current = socket;
    if (current != null) {
      if (requestSent && !done) {
        current.send(AgentsFrames.cancel(requestId));
      }
      current.close();
    }
    SocketEvents waiting = events;
    if (waiting != null) {
      waiting.abandon();
      waiting.onClosed(1000, "closed by the client");
    }
  }
}
