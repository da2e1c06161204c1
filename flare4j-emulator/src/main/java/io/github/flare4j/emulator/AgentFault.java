package io.github.flare4j.emulator;

/**
 * A failure the emulator can inject into one Agents WebSocket connection
 * ({@value Emulator#AGENTS_PATH}{@code /<instance>}). Queue one with
 * {@link Emulator#enqueueAgentFault(AgentFault)}; the next connection takes it.
 */
public enum AgentFault {

    /**
     * The upgrade is refused with {@code 403} and Cloudflare's {@code error code: 1010} (the
     * browser's signature was refused), as for a client that is not a browser. No challenge page:
     * a browser cookie does not help, only a real browser does.
     */
    REFUSE_NON_BROWSER,

    /** The reply starts (a few frames), then the connection is dropped without a close frame. */
    CLOSE_MID_STREAM,

    /**
     * The reply starts, then the model fails: an {@code error: true} frame with the body
     * {@value AgentConnection#MODEL_FAILURE}, then the {@code done} frame with outcome {@code error}.
     */
    ERROR_FRAME,

    /** The chat request gets no frame at all, as when the agent's handler throws; the socket stays open. */
    NO_FRAME,

    /**
     * The {@code getModels} RPC fails: {@code {"type":"rpc","id":..,"success":false,"error":..}} with
     * {@value AgentConnection#MODELS_FAILURE}, as when the AI binding cannot list the catalogue.
     */
    RPC_ERROR,

    /**
     * Before the reply, {@value AgentConnection#FLOOD_FRAMES} frames of about 1 KiB of a type the client does not
     * know ({@code cf_agent_emulator_noise}), as fast as the socket takes them; then the whole reply.
     */
    FRAME_FLOOD,

    /**
     * Workers AI's per-minute rate limit relayed by the agent before any text: after {@code start} and
     * {@code start-step}, an {@code error: true} frame whose body is the JSON text
     * {@code {"message":"Inference failed","details":"3021: rate limiting: inference request per min rate reached"}},
     * then the {@code done} frame with outcome {@code error}.
     */
    RATE_LIMIT_FRAME,

    /**
     * The same rate limit as plain text, in the middle of the reply: after the first text, an
     * {@code error: true} frame whose body is {@code 3021: rate limiting: inference request per min rate
     * reached}, then the
     * {@code done} frame with outcome {@code error}.
     */
    RATE_LIMIT_TEXT_FRAME,

    /**
     * A turn as {@code agents} 0.32 and AI SDK 7 may send it: the new frames (stream pending, chat
     * recovering, session, session and state errors, message updated, ...) around the reply, and
     * after {@code start-step} a withdrawn first try and one chunk of every new type
     * ({@link ProtocolDrift}); the reply's text is unchanged.
     */
    PROTOCOL_DRIFT,

    /**
     * On open, before anything else, {@value HostileSocket#FLOOD_PINGS} pings (or as many as
     * {@link Emulator#pingFloodSize(int)} says) of
     * {@value HostileSocket#PING_PAYLOAD} bytes as fast as the socket takes them, while the connection
     * reads nothing (so the client's pongs pile up on its side unless it answers only the latest);
     * then the connection goes on as usual and the reply comes. A client that queues a pong per ping
     * runs out of memory; one that answers the latest ping gets the reply.
     */
    PING_FLOOD,

    /**
     * The chat request is answered with one text message of {@value HostileSocket#HUGE_MESSAGE_BYTES}
     * bytes (50 MB; a JSON frame whose body string never ends), sent in fragments of
     * {@value HostileSocket#FRAGMENT_BYTES} bytes so that the emulator holds one at a time; it stops
     * when the client closes. A client must refuse it once it is over its limit, not hold it.
     */
    HUGE_MESSAGE,

    /**
     * The upgrade is answered {@code 404 Not Found} with a plain-text body, as by a server that has
     * no Agents socket at all: no browser can open one either.
     */
    NO_SOCKET
}
