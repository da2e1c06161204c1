package io.github.flare4j.emulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.util.ajax.JSON;

/**
 * One agent instance ({@code /agents/playground/<name>}), shared by every socket opened on that
 * name, as a real agent's Durable Object is: its state outlives a connection. A real agent that has
 * a state sends it right after {@code cf_agent_identity} (which then says {@code "stateFollows":true})
 * to every new connection, and a state a client sets replaces the whole state and is broadcast to
 * the instance's other connections, not back to the sender. So are the frames of a reply.
 */
final class AgentInstance {

    private final Set<AgentConnection> connections = ConcurrentHashMap.newKeySet();
    private volatile Map<?, ?> state = Map.of();
    private volatile String stateJson;

    void joined(AgentConnection connection) {
        connections.add(connection);
    }

    void left(AgentConnection connection) {
        connections.remove(connection);
    }

    /** The state set by a client, or an empty map. */
    Map<?, ?> state() {
        return state;
    }

    /** The state as JSON text (key order kept), or null when no client has set one. */
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
