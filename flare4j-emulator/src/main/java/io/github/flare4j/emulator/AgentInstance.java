package io.github.flare4j.emulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.util.ajax.JSON;

/**
 * One agent instance ({@code /agents/playground/<name>}), shared by every socket opened on that
 * name, as a real agent's Durable Object is: its state outlives a connection. The playground's agent
 * starts with its {@link #INITIAL_STATE initial state} and sends its state right after
 * {@code cf_agent_identity} (which then says {@code "stateFollows":true}) to every new connection; a
 * state a client sets replaces the whole state (no merge: fields it leaves out are gone) and is
 * broadcast to the instance's other connections, not back to the sender. So are the frames of a reply.
 */
final class AgentInstance {

    /** The playground agent's {@code initialState}. */
    static final String INITIAL_STATE = "{\"model\":\"@cf/moonshotai/kimi-k2.6\",\"temperature\":1,\"stream\":true,"
            + "\"system\":\"You are a helpful assistant that can do various tasks using MCP tools.\","
            + "\"useExternalProvider\":false,\"externalProvider\":\"openai\",\"authMethod\":\"provider-key\"}";

    private final Set<AgentConnection> connections = ConcurrentHashMap.newKeySet();
    private volatile Map<?, ?> state = (Map<?, ?>) orderedJson().fromJSON(INITIAL_STATE);
    private volatile String stateJson = INITIAL_STATE;

    void joined(AgentConnection connection) {
        connections.add(connection);
    }

    void left(AgentConnection connection) {
        connections.remove(connection);
    }

    /** The state: the initial one until a client sets one. */
    Map<?, ?> state() {
        return state;
    }

    /** The state as JSON text (key order kept). */
    String stateJson() {
        return stateJson;
    }

    /** Replaces the state and sends {@code {"state":..,"type":"cf_agent_state"}} to the other sockets. */
    void setState(String frameText, AgentConnection from) {
        if (!(orderedJson().fromJSON(frameText) instanceof Map<?, ?> frame)
                || !(frame.get("state") instanceof Map<?, ?> newState)) {
            return;
        }
        String json = orderedJson().toJSON(newState);
        synchronized (this) {
            state = newState;
            stateJson = json;
        }
        broadcast(new JsonObject().raw("state", json).string("type", "cf_agent_state").toString(), from);
    }

    /** Sends a frame to every socket of the instance but {@code from}. */
    void broadcast(String frame, AgentConnection from) {
        for (AgentConnection other : connections) {
            if (other != from) {
                other.broadcast(frame);
            }
        }
    }

    /** Jetty's JSON with objects read into insertion-ordered maps, so the state is sent back as it came. */
    private static JSON orderedJson() {
        return new JSON() {
            @Override
            protected Map<String, Object> newMap() {
                return new LinkedHashMap<>();
            }
        };
    }
}
