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
    FRAME_FLOOD
}
