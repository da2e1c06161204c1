package io.github.flare4j.emulator;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * What a hostile server does to an Agents socket ({@link AgentFault#PING_FLOOD},
 * {@link AgentFault#HUGE_MESSAGE}), written so that the emulator itself stays bounded in memory:
 * at most {@value #PINGS_IN_FLIGHT} pings wait in Jetty's queue, and the huge message is sent one
 * fragment at a time, each written before the next is made.
 */
final class HostileSocket {

    /** How many pings {@link AgentFault#PING_FLOOD} sends unless told otherwise. */
    static final int FLOOD_PINGS = 500_000;

    /** The payload of each ping: the most a control frame carries. */
    static final int PING_PAYLOAD = 125;

    /** The size of the {@link AgentFault#HUGE_MESSAGE}, in bytes: 50 MB. */
    static final int HUGE_MESSAGE_BYTES = 50 * 1000 * 1000;

    /** The size of each of its fragments. */
    static final int FRAGMENT_BYTES = 64 * 1024;

    private static final int PINGS_IN_FLIGHT = 64;

    private HostileSocket() {}

    /**
     * Sends {@code pings} pings as fast as the socket takes them. Run while the connection
     * reads nothing (inside {@code onWebSocketOpen}, before Jetty's first demand), so the client's
     * pongs are not read until the flood is over. Stops early when the connection fails.
     */
    static void pingFlood(Session session, int pings) {
        Semaphore inFlight = new Semaphore(PINGS_IN_FLIGHT);
        CompletableFuture<Void> failed = new CompletableFuture<>();
        byte[] payload = new byte[PING_PAYLOAD];
        for (int i = 0; i < pings && !failed.isDone() && session.isOpen(); i++) {
            payload[0] = (byte) i;
            try {
                while (!inFlight.tryAcquire(1, TimeUnit.SECONDS)) {
                    if (!session.isOpen()) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            session.sendPing(ByteBuffer.wrap(payload.clone()),
                    Callback.from(inFlight::release, error -> {
                        inFlight.release();
                        failed.complete(null);
                    }));
        }
    }

    /**
     * Sends one text message of {@value #HUGE_MESSAGE_BYTES} bytes, a JSON string that never ends,
     * in fragments of {@value #FRAGMENT_BYTES}; stops when the client goes away.
     */
    static void hugeMessage(Session session) {
        String fragment = "x".repeat(FRAGMENT_BYTES);
        String start = "{\"type\":\"cf_agent_use_chat_response\",\"body\":\"";
        int sent = 0;
        boolean first = true;
        while (sent < HUGE_MESSAGE_BYTES) {
            String part = first ? start + fragment.substring(start.length()) : fragment;
            first = false;
            if (part.length() > HUGE_MESSAGE_BYTES - sent) {
                part = part.substring(0, HUGE_MESSAGE_BYTES - sent);
            }
            sent += part.length();
            if (!write(session, part, sent >= HUGE_MESSAGE_BYTES)) {
                return;
            }
        }
    }

    private static boolean write(Session session, String part, boolean last) {
        if (!session.isOpen()) {
            return false;
        }
        CompletableFuture<Void> written = new CompletableFuture<>();
        session.sendPartialText(part, last, Callback.from(() -> written.complete(null),
                written::completeExceptionally));
        try {
            written.get();
            return true;
        } catch (ExecutionException e) {
            return false; // the client gave up on the message: what it should do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
