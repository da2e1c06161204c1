package io.github.flare4j.emulator;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.util.ajax.JSON;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One Agents chat WebSocket, speaking the Cloudflare Agents protocol as a real {@code AIChatAgent}
 * ({@code agents} 0.32.0, {@code @cloudflare/ai-chat} 0.12.2) does, frame for frame as in the
 * recorded transcripts:
 *
 * <ul>
 *   <li>on open: {@code cf_agent_identity} then {@code cf_agent_mcp_servers}; when the instance
 *       already has a state, the identity says {@code "stateFollows":true} and is followed by
 *       {@code {"type":"cf_agent_state","state":..}};
 *   <li>{@code cf_agent_state}: replaces the {@link AgentInstance instance's} state whole and is broadcast
 *       to its other sockets, not echoed. Each turn runs with the state's {@code model}, {@code system} and
 *       {@code temperature}, as the playground's agent does ({@code streamText({system: state.system,
 *       temperature: state.temperature, model: workersAi(state.model)})}); the chat request's body gives only
 *       the messages. A state without a model string makes the turn fail with no frame, as
 *       {@code workersAi(undefined)} would;
 *   <li>{@code rpc} {@code getModels}: {@code {"type":"rpc","id":..,"success":true,"result":[model
 *       objects],"done":true}}, the catalogue as {@code env.AI.models()} lists it (every task); any
 *       other method fails as the framework says it;
 *   <li>{@code cf_agent_stream_resume_request}: {@code cf_agent_stream_resume_none} with the probe id;
 *   <li>{@code cf_agent_use_chat_request}: the {@link ReplyScript scripted} reply as
 *       {@code cf_agent_use_chat_response} frames, each carrying one UI message chunk as a JSON
 *       string in {@code body} and a {@code seq}, then a frame with {@code done: true};
 *   <li>{@code cf_agent_chat_request_cancel}: the reply stops and ends with outcome {@code aborted}.
 * </ul>
 *
 * <p>Reply frames also go to the instance's other sockets, as the real agent broadcasts them (it also
 * sends those sockets {@code cf_agent_chat_messages}, which is not emulated).
 *
 * <p>Every text frame received is also put in the emulator's received-frames queue. Replies are
 * streamed on their own virtual thread; sends are serialised.
 *
 * <p>Public only because Jetty invokes a socket's listener methods through public lookups; it has no
 * public constructor and is not meant to be used outside the emulator.
 */
public final class AgentConnection extends Session.Listener.AbstractAutoDemanding {

    /** The error text of {@link AgentFault#ERROR_FRAME}, as the recorded mock model's. */
    static final String MODEL_FAILURE = "mock model failure";

    /** How many frames {@link AgentFault#FRAME_FLOOD} sends before the reply. */
    static final int FLOOD_FRAMES = 20_000;

    /** The error text of {@link AgentFault#RPC_ERROR}. */
    static final String MODELS_FAILURE = "AI binding: could not list the models";

    static final String RESPONSE = "cf_agent_use_chat_response";
    private static final String LOWER_ALPHANUMERIC = "0123456789abcdefghijklmnopqrstuvwxyz";

    private final String instance;
    private final AgentInstance shared;
    private final EmulatorSettings settings;
    private final BlockingQueue<String> received;
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final SecureRandom random = new SecureRandom();
    private volatile AgentFault fault;

    AgentConnection(String instance, AgentInstance shared, EmulatorSettings settings, AgentFault fault,
            BlockingQueue<String> received) {
        this.instance = instance;
        this.shared = shared;
        this.settings = settings;
        this.fault = fault;
        this.received = received;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        super.onWebSocketOpen(session);
        if (fault == AgentFault.PING_FLOOD) {
            fault = null;
            HostileSocket.pingFlood(session, settings.pingFloodSize()); // nothing is read until this returns
        }
        String stateJson = shared.stateJson();
        JsonObject identity = new JsonObject().string("type", "cf_agent_identity").string("name", instance)
                .string("agent", "playground");
        if (stateJson != null) {
            identity.bool("stateFollows", true);
        }
        send(identity.toString());
        if (stateJson != null) {
            send(new JsonObject().string("type", "cf_agent_state").raw("state", stateJson).toString());
        }
        shared.joined(this);
        send("{\"mcp\":{\"prompts\":[],\"resources\":[],\"servers\":{},\"tools\":[]},\"type\":\"cf_agent_mcp_servers\"}");
    }

    /**
     * A client that goes away, even in the middle of the closing handshake, is how every chat ends
     * for some clients: nothing to report. Without this, Jetty logs each as an unhandled error.
     */
    @Override
    public void onWebSocketError(Throwable cause) {
        // the connection is gone; the streaming thread stops at its next failed send
        shared.left(this);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        shared.left(this);
    }

    /** A frame caused by another socket of the instance: its state or its reply. */
    void broadcast(String frame) {
        send(frame);
    }

    @Override
    public void onWebSocketText(String text) {
        received.add(text);
        Map<?, ?> frame;
        try {
            frame = new JSON().fromJSON(text) instanceof Map<?, ?> map ? map : Map.of();
        } catch (RuntimeException e) {
            return; // the real agent logs and ignores what it cannot parse
        }
        switch (String.valueOf(frame.get("type"))) {
            case "cf_agent_state" -> shared.setState(text, this);
            case "cf_agent_stream_resume_request" -> send(new JsonObject()
                    .string("type", "cf_agent_stream_resume_none").string("reason", "idle")
                    .string("probeId", String.valueOf(frame.get("probeId"))).toString());
            case "cf_agent_chat_request_cancel" -> cancelled.add(String.valueOf(frame.get("id")));
            case "cf_agent_use_chat_request" -> chatRequest(frame);
            case "rpc" -> rpc(frame);
            default -> { } // state errors, tool results, MCP: not emulated
        }
    }

    private void chatRequest(Map<?, ?> frame) {
        String id = String.valueOf(frame.get("id"));
        Object body = frame.get("init") instanceof Map<?, ?> init ? init.get("body") : null;
        AgentFault now = fault;
        fault = null;
        if (now == AgentFault.NO_FRAME || !(body instanceof String bodyText)) {
            return; // the agent's handler failed: no frame at all
        }
        InferenceRequest request;
        try {
            request = withState(InferenceRequest.parse(bodyText));
        } catch (BadRequestException e) {
            return; // so does a body the agent cannot read
        }
        if (request.model() == null) {
            return; // and a state without a model: workersAi(undefined) throws
        }
        String userMessageId = lastUserMessageId(bodyText);
        Thread.ofVirtual().name("flare4j-emulator-agent-" + id).start(() -> stream(id, request, userMessageId, now));
    }

    /** The body's messages with the agent's state: its model and system prompt; there is no max tokens. */
    private InferenceRequest withState(InferenceRequest request) {
        Map<?, ?> current = shared.state();
        String model = current.get("model") instanceof String name && !name.isBlank() ? name : null;
        String system = current.get("system") instanceof String text ? text : null;
        return new InferenceRequest(model, request.messages(), system, OptionalInt.empty(), List.of());
    }

    private void rpc(Map<?, ?> frame) {
        String id = String.valueOf(frame.get("id"));
        String method = String.valueOf(frame.get("method"));
        JsonObject answer = new JsonObject().string("type", "rpc").string("id", id);
        if (fault == AgentFault.RPC_ERROR) {
            fault = null;
            send(answer.bool("success", false).string("error", MODELS_FAILURE).toString());
        } else if (method.equals("getModels")) {
            send(answer.bool("success", true).array("result", ModelsRoute.catalogue(settings.models()))
                    .bool("done", true).toString());
        } else {
            send(answer.bool("success", false).string("error", "Method " + method + " does not exist").toString());
        }
    }

    private static String lastUserMessageId(String body) {
        String id = "";
        if (new JSON().fromJSON(body) instanceof Map<?, ?> root && root.get("messages") instanceof Object[] messages) {
            for (Object message : messages) {
                if (message instanceof Map<?, ?> map && "user".equals(map.get("role")) && map.get("id") instanceof String value) {
                    id = value;
                }
            }
        }
        return id;
    }

    private void stream(String id, InferenceRequest request, String userMessageId, AgentFault now) {
        Reply reply = ReplyScript.reply(request, assistantMessageId(), settings.replyTokens());
        AgentChunks chunks = new AgentChunks();
        List<AgentChunks.Chunk> all = chunks.reply(reply);
        int faultAfter = (int) Math.min(ReplyStreamer.PARTS_BEFORE_FAULT,
                all.stream().filter(AgentChunks.Chunk::delta).count());
        int seq = 0;
        int deltas = 0;
        if (now == AgentFault.HUGE_MESSAGE) {
            HostileSocket.hugeMessage(session());
            return;
        }
        if (now == AgentFault.PROTOCOL_DRIFT) {
            ProtocolDrift.framesBefore(id).forEach(this::reply);
            List<AgentChunks.Chunk> drifted = new java.util.ArrayList<>(all);
            drifted.addAll(2, ProtocolDrift.chunks().stream().map(json -> new AgentChunks.Chunk(json, false)).toList());
            all = drifted;
        }
        ReplyHold hold = settings.signals().holdFor(Emulator.AGENTS_PATH);
        if (now == AgentFault.FRAME_FLOOD) {
            String noise = "n".repeat(1000);
            for (int i = 0; i < FLOOD_FRAMES; i++) {
                send(new JsonObject().string("type", "cf_agent_emulator_noise").number("seq", i)
                        .string("noise", noise).toString());
            }
        }
        for (AgentChunks.Chunk chunk : all) {
            if (cancelled.contains(id)) {
                reply(done(id, "aborted", userMessageId));
                return;
            }
            if (chunk.delta() && deltas == 0 && now == AgentFault.RATE_LIMIT_FRAME) {
                reply(errorFrame(id, ReplyStreamer.RATE_LIMIT_JSON, userMessageId));
                reply(done(id, "error", userMessageId));
                return;
            }
            pause(settings.tokenDelay());
            if (!passHold(hold, seq)) {
                return;
            }
            reply(new JsonObject().string("body", chunk.json()).bool("done", false).string("id", id)
                    .string("type", RESPONSE).number("seq", seq++).toString());
            if (chunk.delta() && ++deltas == faultAfter && failed(now, id, userMessageId)) {
                return;
            }
        }
        if (now == AgentFault.PROTOCOL_DRIFT) {
            ProtocolDrift.framesAfter(id).forEach(this::reply);
        }
        reply(done(id, null, userMessageId));
        settings.signals().written(Emulator.AGENTS_PATH);
    }

    /** Waits at {@code hold} before frame {@code index} of a turn; false when interrupted there. */
    private static boolean passHold(ReplyHold hold, int index) {
        try {
            ReplySignals.beforeFrame(hold, index);
            return true;
        } catch (java.io.InterruptedIOException e) {
            return false;
        }
    }

    /** Breaks the reply as the fault says; false when there is no fault that breaks it. */
    private boolean failed(AgentFault now, String id, String userMessageId) {
        if (now == AgentFault.CLOSE_MID_STREAM) {
            session().disconnect();
            return true;
        }
        if (now == AgentFault.ERROR_FRAME || now == AgentFault.RATE_LIMIT_TEXT_FRAME) {
            reply(errorFrame(id, now == AgentFault.ERROR_FRAME ? MODEL_FAILURE : ReplyStreamer.RATE_LIMIT_DETAILS,
                    userMessageId));
            reply(done(id, "error", userMessageId));
            return true;
        }
        return false;
    }

    /** The frame {@code @cloudflare/ai-chat} makes of a UI {@code error} chunk: its text in {@code body}. */
    private static String errorFrame(String id, String text, String userMessageId) {
        return new JsonObject().bool("error", true).string("body", text).bool("done", false)
                .string("id", id).string("type", RESPONSE).raw("messageIds", ids(userMessageId)).toString();
    }

    private static String done(String id, String outcome, String userMessageId) {
        JsonObject done = new JsonObject().string("body", "").bool("done", true).string("id", id).string("type", RESPONSE);
        if (outcome != null) {
            done.string("outcome", outcome);
        }
        return done.raw("messageIds", ids(userMessageId)).toString();
    }

    private static String ids(String userMessageId) {
        return "[" + JsonText.quote(userMessageId) + "]";
    }

    /** An id shaped like the agent's: {@code assistant_<millis>_<9 lower-case alphanumerics>}. */
    private String assistantMessageId() {
        StringBuilder id = new StringBuilder("assistant_").append(System.currentTimeMillis()).append('_');
        for (int i = 0; i < 9; i++) {
            id.append(LOWER_ALPHANUMERIC.charAt(random.nextInt(LOWER_ALPHANUMERIC.length())));
        }
        return id.toString();
    }

    /** A reply frame goes to every socket of the instance, as the real agent broadcasts it. */
    private void reply(String frame) {
        send(frame);
        shared.broadcast(frame, this);
    }

    /** Sends one text frame and waits until it is written; a closed socket is ignored. */
    private synchronized void send(String text) {
        Session session = session();
        if (session == null || !session.isOpen()) {
            return;
        }
        CompletableFuture<Void> written = new CompletableFuture<>();
        session.sendText(text, Callback.from(() -> written.complete(null), written::completeExceptionally));
        try {
            written.get();
        } catch (ExecutionException e) {
            // the peer went away; the reply is abandoned like the real agent's broadcast
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Session session() {
        return getSession();
    }

    private static void pause(Duration delay) {
        if (delay.isPositive()) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
