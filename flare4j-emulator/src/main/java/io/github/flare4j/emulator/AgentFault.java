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
     * On open, before anything else, {@value HostileSocket#FLOOD_PINGS} pings of
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
