package io.github.flare4j.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketCreator;

/**
 * The upgrade of {@value Emulator#AGENTS_PATH}{@code /<instance>?_pk=<connection id>} to the Agents
 * chat WebSocket: records the upgrade request, applies the connection's {@link AgentFault}, refuses
 * clients that are not browsers when asked to, and hands the socket to an {@link AgentConnection}.
 *
 * <p>"Not a browser" stands in for what Cloudflare really checks (the TLS and HTTP fingerprint,
 * which a plain client cannot fake): a browser's handshake carries an {@code Origin} and
 * {@code Pragma: no-cache}; OkHttp's carries neither unless told to.
 */
final class AgentsRoute implements WebSocketCreator {

    /** Cloudflare's body for a refused browser signature. */
    static final String REFUSED_BODY = "error code: 1010";

    /** The body of {@link AgentFault#NO_SOCKET}'s {@code 404}. */
    static final String NO_SOCKET_BODY = "Not Found";

    private final EmulatorSettings settings;
    private final RandomTokens tokens;
    private final RequestLog log;
    private final Queue<AgentFault> faults;
    private final FaultQueue statusFaults;
    private final BlockingQueue<String> received;
    private final Map<String, AgentInstance> instances = new ConcurrentHashMap<>();
    private volatile boolean browsersOnly;

    AgentsRoute(EmulatorSettings settings, RandomTokens tokens, RequestLog log, Queue<AgentFault> faults,
            FaultQueue statusFaults, BlockingQueue<String> received, boolean browsersOnly) {
        this.statusFaults = statusFaults;
        this.settings = settings;
        this.tokens = tokens;
        this.log = log;
        this.faults = faults;
        this.received = received;
        this.browsersOnly = browsersOnly;
    }

    void browsersOnly(boolean browsersOnly) {
        this.browsersOnly = browsersOnly;
    }

    @Override
    public Object createWebSocket(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        List<RecordedRequest.Header> headers = new ArrayList<>();
        for (HttpField field : request.getHeaders()) {
            headers.add(new RecordedRequest.Header(field.getName(), field.getValue()));
        }
        String pathQuery = request.getHttpURI().getPathQuery();
        log.record(new RecordedRequest(request.getMethod(), pathQuery, headers, ""));

        Fault status = statusFaults.poll(Emulator.AGENTS_PATH).filter(Fault::isErrorStatus).orElse(null);
        if (status != null) {
            refuse(request, response, callback, status);
            return null;
        }
        AgentFault fault = faults.poll();
        boolean browser = request.getHeaders().get(HttpHeader.ORIGIN) != null
                && "no-cache".equalsIgnoreCase(request.getHeaders().get(HttpHeader.PRAGMA));
        if (fault == AgentFault.NO_SOCKET) {
            response.setStatus(404);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=UTF-8");
            Content.Sink.write(response, true, NO_SOCKET_BODY, callback);
            return null;
        }
        if (fault == AgentFault.REFUSE_NON_BROWSER || (browsersOnly && !browser)) {
            response.setStatus(403);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=UTF-8");
            response.getHeaders().put("server", "cloudflare");
            Content.Sink.write(response, true, REFUSED_BODY, callback);
            return null;
        }
        String path = request.getHttpURI().getPath();
        String instance = path.substring(path.lastIndexOf('/') + 1);
        return new AgentConnection(instance, instances.computeIfAbsent(instance, name -> new AgentInstance()),
                settings, fault, received);
    }

    /** Answers the upgrade with an error-status {@link Fault}, as Cloudflare's edge would. */
    private void refuse(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback, Fault fault) {
        if (fault == Fault.RESET_EARLY) {
            request.getConnectionMetaData().getConnection().getEndPoint().close();
            callback.failed(new java.io.IOException("connection reset by the emulator's RESET_EARLY fault"));
            return;
        }
        String body;
        String type = "application/json";
        switch (fault) {
            case CHALLENGE -> {
                response.setStatus(403);
                response.getHeaders().put("cf-mitigated", "challenge");
                type = "text/html; charset=UTF-8";
                body = StatusFaults.CHALLENGE_PAGE;
            }
            case RATE_LIMIT -> {
                response.setStatus(429);
                response.getHeaders().put(HttpHeader.RETRY_AFTER, Integer.toString(settings.retryAfterSeconds()));
                type = "text/plain; charset=UTF-8";
                body = StatusFaults.RATE_LIMIT_BODY;
            }
            case FORBIDDEN -> {
                response.setStatus(403);
                type = "text/plain; charset=UTF-8";
                body = StatusFaults.FORBIDDEN_BODY;
            }
            case UNAUTHORIZED -> {
                response.setStatus(401);
                body = "{\"error\":\"Unauthorized\"}";
            }
            case SERVICE_UNAVAILABLE -> {
                response.setStatus(503);
                body = "{\"error\":\"Service Unavailable\"}";
            }
            case REDIRECT, REDIRECT_LOOP -> {
                String location = fault == Fault.REDIRECT ? StatusFaults.MOVED_PATH : Emulator.REDIRECT_LOOP_PATH;
                response.setStatus(fault == Fault.REDIRECT ? 302 : 307);
                response.getHeaders().put(HttpHeader.LOCATION, location);
                type = "text/html; charset=utf-8";
                body = "<html><body>Moved to " + location + "</body></html>\n";
            }
            case CONTROL_CHARACTERS -> {
                response.setStatus(400);
                type = "text/plain; charset=utf-8";
                body = StatusFaults.CONTROL_TEXT;
            }
            default -> {
                response.setStatus(500);
                body = "{\"error\":\"Internal Server Error\"}";
            }
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put("server", "cloudflare");
        Content.Sink.write(response, true, body, callback);
    }
}
