package io.github.flare4j.emulator;

import io.github.flare4j.emulator.workersai.WorkersAiAccount;
import io.github.flare4j.emulator.workersai.WorkersAiRoutes;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A local HTTP server that answers like Cloudflare's AI playground, byte for byte, and fails on
 * demand.
 *
 * <pre>{@code
 * try (Emulator emulator = Emulator.start()) {
 *     emulator.enqueueFault(Fault.RATE_LIMIT);      // the next POST /api/inference gets 429
 *     // ... point the client at emulator.baseUrl() ...
 *     RecordedRequest request = emulator.takeRequest();
 * }
 * }</pre>
 *
 * <p>Routes: {@code GET /api/models} lists the {@link #models(List) models};
 * {@code POST /api/inference} streams a deterministic reply in the current {@link StreamFormat}.
 * Workers AI's REST, OpenAI-compatible and AI Gateway routes ({@link WorkersAiRoutes}) accept the
 * {@link #accountId()} and {@link #apiToken()} set on the builder.
 * {@value #AGENTS_PATH}{@code /<instance>} is the Cloudflare Agents chat WebSocket (see
 * {@link AgentFault} for its faults), and {@code /} a small playground page. With
 * {@link Builder#challenge(boolean)} every route sits behind Cloudflare's JavaScript challenge, which
 * only a browser passes; with {@link Builder#unpassableChallenge(boolean)} behind one that no browser
 * passes.
 * Every request is recorded before it is answered. Without the Java API, a request can choose its
 * fault with the {@value #FAULT_HEADER} header and its format with the {@value #FORMAT_HEADER}
 * header.
 *
 * <p>All methods are safe to call from any thread while the emulator serves.
 */
public final class Emulator implements AutoCloseable {

    /** Request header naming a {@link Fault} for this request, e.g. {@code x-emulator-fault: rate-limit}. */
    public static final String FAULT_HEADER = "x-emulator-fault";

    /** Request header choosing the {@link StreamFormat} of this request's reply: {@code v4} or {@code v5}. */
    public static final String FORMAT_HEADER = "x-emulator-format";

    /**
     * Request header turning Cloudflare's JavaScript challenge on for this request ({@code on}), even when
     * the emulator was started without it.
     */
    public static final String CHALLENGE_HEADER = "x-emulator-challenge";

    /** The path prefix of the Agents chat WebSocket: {@code /agents/playground/<instance>}. */
    public static final String AGENTS_PATH = "/agents/playground";

    /** The path of the model list. */
    public static final String MODELS_PATH = "/api/models";

    /** The path of the streamed chat reply. */
    public static final String INFERENCE_PATH = "/api/inference";

    /** The path that {@link Fault#REDIRECT_LOOP} sends a client to, and that redirects every request to itself. */
    public static final String REDIRECT_LOOP_PATH = "/redirect-loop";

    /** The port {@link EmulatorMain} listens on unless told otherwise. */
    public static final int DEFAULT_PORT = 8787;

    /** How long {@link #takeRequest()} waits. */
    public static final Duration TAKE_TIMEOUT = Duration.ofSeconds(10);

    /** The listen backlog with {@link Builder#virtualThreads(boolean)}, for thousands of clients connecting at once. */
    private static final int VIRTUAL_THREADS_ACCEPT_QUEUE = 4096;

    private final Server server;
    private final String host;
    private final int port;
    private final EmulatorSettings settings;
    private final FaultQueue faults = new FaultQueue();
    private final RequestLog log = new RequestLog();
    private final Queue<AgentFault> agentFaults = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<String> agentFrames = new LinkedBlockingQueue<>();
    private final ChallengeHandler challenge;
    private final AgentsRoute agents;
    private final WorkersAiAccount workersAi;

    private Emulator(Builder builder) {
        this.settings = new EmulatorSettings(builder.format, builder.models, builder.tokenDelay,
                builder.stallDuration, builder.sdkContentTypes);
        settings.replyTokens(builder.replyTokens);
        settings.coalesceWrites(builder.coalesceWrites);
        settings.workersPaid(builder.workersPaid);
        this.host = builder.host;
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("flare4j-emulator");
        threads.setDaemon(true);
        if (builder.virtualThreads) {
            threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        }
        this.server = new Server(threads, new ScheduledExecutorScheduler("flare4j-emulator-scheduler", true), null);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setSendDateHeader(false); // each response places its own Date header where Node.js does
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(builder.host);
        connector.setPort(builder.port);
        connector.setIdleTimeout(Duration.ofSeconds(30).toMillis());
        if (builder.virtualThreads) {
            connector.setAcceptQueueSize(VIRTUAL_THREADS_ACCEPT_QUEUE);
        }
        connector.addEventListener(settings.signals());
        server.addConnector(connector);
        RandomTokens tokens = new RandomTokens();
        this.agents = new AgentsRoute(settings, tokens, log, agentFaults, faults, agentFrames, builder.browsersOnlySockets);
        WebSocketUpgradeHandler sockets = WebSocketUpgradeHandler.from(server,
                container -> container.addMapping(AGENTS_PATH + "/*", agents));
        this.workersAi = new WorkersAiAccount(builder.accountId, builder.apiToken);
        sockets.setHandler(new EmulatorHandler(settings, faults, log, workersAi));
        this.challenge = new ChallengeHandler(sockets, log, tokens,
                builder.challenge || builder.unpassableChallenge, builder.unpassableChallenge);
        server.setHandler(challenge);
        server.setStopTimeout(0);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly();
            throw new IllegalStateException("the emulator could not listen on " + builder.host + ":" + builder.port, e);
        }
        this.port = connector.getLocalPort();
    }

    /**
     * Starts an emulator on {@code 127.0.0.1} and a free port, with the default settings.
     *
     * @return the running emulator
     * @throws IllegalStateException if it could not listen
     */
    public static Emulator start() {
        return builder().start();
    }

    /**
     * Settings for an emulator; {@link Builder#start()} runs it.
     *
     * @return a builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The port listened on.
     *
     * @return the port, never 0
     */
    public int port() {
        return port;
    }

    /**
     * The address listened on, as given to the builder.
     *
     * @return the host, e.g. {@code 127.0.0.1}
     */
    public String host() {
        return host;
    }

    /**
     * The root URL to point a client at.
     *
     * @return e.g. {@code http://127.0.0.1:41234}, without a trailing slash
     */
    public String baseUrl() {
        String authority = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + authority + ":" + port;
    }

    /**
     * The format replies are streamed in when the request does not choose one.
     *
     * @return the current default format
     */
    public StreamFormat format() {
        return settings.format();
    }

    /**
     * Changes the format of the following replies.
     *
     * @param format the new default format
     */
    public void format(StreamFormat format) {
        settings.format(format);
    }

    /**
     * Queues a fault for the next request to {@value #INFERENCE_PATH} (normally a {@code POST}).
     * Faults are used first in first out, one per request; a request carrying the
     * {@value #FAULT_HEADER} header uses that one instead and leaves the queue alone.
     *
     * @param fault the fault
     */
    public void enqueueFault(Fault fault) {
        enqueueFault(fault, INFERENCE_PATH);
    }

    /**
     * Queues a fault for the next request to a path, whatever its method.
     *
     * @param fault the fault
     * @param path  the path without query string, e.g. {@value #MODELS_PATH}
     */
    public void enqueueFault(Fault fault, String path) {
        faults.add(Objects.requireNonNull(path, "path"), Objects.requireNonNull(fault, "fault"));
    }

    /**
     * Queues a fault for the next Agents WebSocket connection.
     *
     * @param fault the fault
     */
    public void enqueueAgentFault(AgentFault fault) {
        agentFaults.add(Objects.requireNonNull(fault, "fault"));
    }

    /**
     * Turns Cloudflare's JavaScript challenge in front of every route on or off.
     *
     * @param on whether requests need a {@code cf_clearance} cookie earned by the challenge's script
     */
    public void challenge(boolean on) {
        challenge.on(on);
    }

    /**
     * Whether Agents WebSocket upgrades from clients that are not browsers are refused
     * ({@link AgentFault#REFUSE_NON_BROWSER}, for every connection).
     *
     * @param on true to refuse them
     */
    public void browsersOnlySockets(boolean on) {
        agents.browsersOnly(on);
    }

    /**
     * Takes the oldest text frame a client sent on an Agents socket, not taken yet.
     *
     * @param timeout how long to wait for one
     * @return the frame's text
     * @throws IllegalStateException if none arrives in time
     */
    public String takeAgentFrame(Duration timeout) {
        try {
            String frame = agentFrames.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (frame == null) {
                throw new IllegalStateException("no Agents frame reached the emulator within " + timeout);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an Agents frame", e);
        }
    }

    /**
     * The model ids {@code GET /api/models} lists.
     *
     * @return the ids in listing order
     */
    public List<String> models() {
        return settings.models();
    }

    /**
     * Replaces the model ids {@code GET /api/models} lists.
     *
     * @param ids the new ids, in listing order
     */
    public void models(List<String> ids) {
        settings.models(ids);
    }

    /**
     * Changes the {@code Retry-After} of {@link Fault#RATE_LIMIT} and of Workers AI's 429 errors
     * (7 s by default), so that clients that honour it wait less.
     *
     * @param seconds the wait to ask for
     */
    public void rateLimitRetryAfter(int seconds) {
        settings.retryAfterSeconds(seconds);
    }

    /**
     * Changes the pause before each streamed frame.
     *
     * @param delay the pause; zero for none
     */
    public void tokenDelay(Duration delay) {
        settings.tokenDelay(delay);
    }

    /**
     * Changes how long every text reply is.
     *
     * @param tokens that many filler tokens ({@code "The quick brown fox ..."}, one word each) in place of
     *               the scripted answer, still cut at the request's {@code max_tokens}; 0 for the scripted answer
     */
    public void replyTokens(int tokens) {
        settings.replyTokens(tokens);
    }

    /**
     * Puts the Workers AI account on the Workers Paid plan, or back on the Free plan (the default), where
     * the paid-only models ({@code kimi-k2.6}, {@code kimi-k2.7-code}, {@code glm-5.2}) answer HTTP 403
     * with error 5035 on the REST and OpenAI-compatible routes.
     *
     * @param paid true for Workers Paid
     */
    public void workersPaid(boolean paid) {
        settings.workersPaid(paid);
    }

    /**
     * Makes Workers AI's models busy (at capacity) or not: while busy, a request whose body has
     * {@code "options":{"rejectIfBusy":true}} is refused at once with HTTP 429 and error 3040, and any other
     * is answered as usual (as after a wait in the capacity queue).
     *
     * @param busy true for at capacity
     */
    public void busy(boolean busy) {
        settings.busy(busy);
    }

    /**
     * Sets how many pings {@link AgentFault#PING_FLOOD} sends ({@value HostileSocket#FLOOD_PINGS} by
     * default, enough to exhaust a 64 MiB heap that queues a pong per ping).
     *
     * @param pings how many, at least 1
     * @throws IllegalArgumentException if {@code pings} is below 1
     */
    public void pingFloodSize(int pings) {
        if (pings < 1) {
            throw new IllegalArgumentException("pings must be at least 1, was " + pings);
        }
        settings.pingFloodSize(pings);
    }

    /**
     * Holds the next streamed reply on a path (HTTP, or an Agents socket's turn) after its first
     * {@code frames} frames, until {@link ReplyHold#release()}: a test can then act while the reply
     * is known to be under way and incomplete. Replaces any earlier hold; only one reply is held.
     *
     * @param pathPrefix the reply's path starts with it, e.g. {@link #INFERENCE_PATH} or {@link #AGENTS_PATH}
     * @param frames     how many frames go out before the hold (each one a flushed chunk or a WebSocket frame)
     * @return the hold, to await and release
     */
    public ReplyHold holdReply(String pathPrefix, int frames) {
        return settings.signals().hold(Objects.requireNonNull(pathPrefix, "pathPrefix"), frames);
    }

    /**
     * Waits until a streamed reply on a path has been written to its end (every frame handed to the
     * socket; a faulty reply as far as its fault lets it), counting each reply once.
     *
     * @param pathPrefix the reply's path starts with it
     * @param timeout    how long to wait
     * @throws IllegalStateException if none is written in time
     */
    public void awaitReplyWritten(String pathPrefix, Duration timeout) {
        settings.signals().awaitWritten(pathPrefix, timeout);
    }

    /**
     * Waits until {@code count} more client connections have closed, by either side, counting each
     * once (a WebSocket upgrade may count as the close of its HTTP connection): how a test sees that a
     * client let a connection go instead of keeping it for reuse.
     *
     * @param count   how many closes to wait for
     * @param timeout how long to wait
     * @throws IllegalStateException if fewer close in time
     */
    public void awaitConnectionsClosed(int count, Duration timeout) {
        settings.signals().awaitClosed(count, timeout);
    }

    /**
     * Takes the oldest request not taken yet, waiting up to {@link #TAKE_TIMEOUT} for one.
     *
     * @return the request
     * @throws IllegalStateException if none arrives in time
     */
    public RecordedRequest takeRequest() {
        return takeRequest(TAKE_TIMEOUT);
    }

    /**
     * Takes the oldest request not taken yet, waiting for one.
     *
     * @param timeout how long to wait
     * @return the request
     * @throws IllegalStateException if none arrives in time
     */
    public RecordedRequest takeRequest(Duration timeout) {
        return log.take(timeout);
    }

    /**
     * Takes, without waiting, every request not taken yet (by {@link #takeRequest()} or this method),
     * oldest first: what a test has not looked at. {@link #requests()} still lists them.
     *
     * @return the requests, possibly none
     */
    public List<RecordedRequest> takeRemainingRequests() {
        return log.drainUntaken();
    }

    /**
     * Checks that every request that reached the emulator was taken by the test
     * ({@link #takeRequest()}): call it at the end of a test, after its client has finished, to catch a
     * retry, a duplicate or a stray request the test did not expect. The requests it finds are taken,
     * so a second call passes. Requests are recorded before they are answered, so any request whose
     * answer the client saw is counted.
     *
     * @throws AssertionError naming the method and path (without query, headers or body, which may
     *                        hold secrets) of each request not taken
     */
    public void assertNoUnexpectedRequests() {
        List<RecordedRequest> remaining = takeRemainingRequests();
        if (!remaining.isEmpty()) {
            StringBuilder message = new StringBuilder().append(remaining.size())
                    .append(remaining.size() == 1 ? " request" : " requests")
                    .append(" reached the emulator that the test did not take:");
            for (RecordedRequest request : remaining) {
                String path = request.path();
                int query = path.indexOf('?');
                message.append(' ').append(request.method()).append(' ')
                        .append(query < 0 ? path : path.substring(0, query)).append(';');
            }
            message.setLength(message.length() - 1);
            throw new AssertionError(message.append(". Take them with takeRequest(), or fix what sent them.")
                    .toString());
        }
    }

    /**
     * Waits until a client leaves a response before it ended: a write of the reply failed because the
     * client had closed the connection, or the client closed the connection of a response held open
     * ({@link Fault#STALL}, {@link Fault#LEFT_OPEN}, {@link Fault#OVERSTATED_LENGTH}). Each such response
     * is reported once, oldest first.
     *
     * @param timeout how long to wait
     * @return the path of that response's request, or null if no client left one in time
     */
    public String takeAbandoned(Duration timeout) {
        return log.takeAbandoned(timeout);
    }

    /**
     * Every request received so far, taken or not.
     *
     * @return a snapshot, oldest first
     */
    public List<RecordedRequest> requests() {
        return log.snapshot();
    }

    /**
     * How many requests were received so far.
     *
     * @return the count
     */
    public int requestCount() {
        return log.count();
    }

    /**
     * The Workers AI account id the {@code /client/v4/accounts/{account}/ai/...} and AI Gateway routes
     * accept (see {@link WorkersAiRoutes}).
     *
     * @return {@value WorkersAiAccount#DEFAULT_ACCOUNT_ID} unless the builder set another
     */
    public String accountId() {
        return workersAi.accountId();
    }

    /**
     * The Workers AI API token the emulator accepts as {@code Authorization: Bearer <token>}.
     *
     * @return {@value WorkersAiAccount#DEFAULT_API_TOKEN} unless the builder set another
     */
    public String apiToken() {
        return workersAi.apiToken();
    }

    /**
     * Blocks until the emulator is closed, e.g. by a shutdown hook.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void awaitTermination() throws InterruptedException {
        server.join();
    }

    /** Stops serving and closes every connection, stalled ones included. Never throws. */
    @Override
    public void close() {
        stopQuietly();
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception e) {
            // Closing is best effort: the connector and threads are released as far as Jetty can.
        }
    }

    /** Settings for an {@link Emulator}. Not thread-safe; {@link #start()} may be called more than once. */
    public static final class Builder {

        private String host = "127.0.0.1";
        private int port;
        private StreamFormat format = StreamFormat.V4;
        private List<String> models = ModelCatalog.defaultIds();
        private Duration tokenDelay = Duration.ZERO;
        private Duration stallDuration = Duration.ofSeconds(60);
        private boolean sdkContentTypes;
        private boolean challenge;
        private boolean unpassableChallenge;
        private boolean browsersOnlySockets;
        private boolean virtualThreads;
        private int replyTokens;
        private boolean coalesceWrites;
        private boolean workersPaid;
        private String accountId = WorkersAiAccount.DEFAULT_ACCOUNT_ID;
        private String apiToken = WorkersAiAccount.DEFAULT_API_TOKEN;

        private Builder() {
        }

        /**
         * Puts every route behind Cloudflare's JavaScript challenge: a request without a
         * {@code cf_clearance} cookie earned by the challenge page's script (or from a user agent
         * that says {@code HeadlessChrome}) gets the {@code 403} "Just a moment..." page.
         *
         * @param challenge false by default
         * @return this builder
         */
        public Builder challenge(boolean challenge) {
            this.challenge = challenge;
            return this;
        }

        /**
         * Puts every route behind a Cloudflare challenge that no browser passes, as Cloudflare does when
         * its Turnstile refuses a browser: every request gets the {@code 403} "Just a moment..." page,
         * whose script never sets {@code cf_clearance}. Turns {@link #challenge(boolean)} on;
         * {@link Emulator#challenge(boolean)} still turns it off and on while the emulator runs.
         *
         * @param unpassableChallenge false by default
         * @return this builder
         */
        public Builder unpassableChallenge(boolean unpassableChallenge) {
            this.unpassableChallenge = unpassableChallenge;
            return this;
        }

        /**
         * Refuses Agents WebSocket upgrades from clients that are not browsers, with {@code 403}
         * {@code error code: 1010}, as Cloudflare does for a signature it does not trust.
         *
         * @param browsersOnlySockets false by default
         * @return this builder
         */
        public Builder browsersOnlySockets(boolean browsersOnlySockets) {
            this.browsersOnlySockets = browsersOnlySockets;
            return this;
        }

        /**
         * The port to listen on.
         *
         * @param port 0 (the default) for a free one
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The address to listen on.
         *
         * @param host an address or name; {@code 127.0.0.1} by default
         * @return this builder
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * The format replies are streamed in unless a request chooses.
         *
         * @param format {@link StreamFormat#V4} by default
         * @return this builder
         */
        public Builder format(StreamFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /**
         * The model ids {@code GET /api/models} lists.
         *
         * @param ids a list of 15 realistic {@code @cf/...} and {@code @hf/...} ids by default
         * @return this builder
         */
        public Builder models(List<String> ids) {
            this.models = List.copyOf(ids);
            return this;
        }

        /**
         * A pause before each streamed frame, to make streaming visible.
         *
         * @param delay zero by default
         * @return this builder
         */
        public Builder tokenDelay(Duration delay) {
            this.tokenDelay = requireNotNegative(delay, "tokenDelay");
            return this;
        }

        /**
         * Makes every text reply (playground, Agents socket, Workers AI REST and OpenAI-compatible) that
         * many filler tokens long ({@code "The quick brown fox ..."}, one word per token) instead of the
         * scripted answer, still cut at the request's {@code max_tokens}; for long or many replies in
         * benchmarks. Tool calls and JSON mode are unchanged.
         *
         * @param tokens 0 (the default) for the scripted answer
         * @return this builder
         */
        public Builder replyTokens(int tokens) {
            this.replyTokens = ReplyScript.requireReplyTokens(tokens);
            return this;
        }

        /**
         * Sends the frames of a streamed HTTP reply (playground, Workers AI REST and OpenAI-compatible) in
         * chunks of about 32 KiB instead of one flushed chunk per frame: the same bytes in far fewer writes,
         * so that a benchmark measures the client's decoding rather than the emulator's writes. Agents socket
         * frames are still one message each. Meant for a zero {@link #tokenDelay(Duration) token delay}.
         *
         * @param coalesceWrites false by default
         * @return this builder
         */
        public Builder coalesceWrites(boolean coalesceWrites) {
            this.coalesceWrites = coalesceWrites;
            return this;
        }

        /**
         * Serves each request on its own virtual thread, with a listen backlog of
         * 4096, so that thousands of streams can be answered at once
         * (the default pool has at most 200 threads, and further requests wait for one).
         *
         * @param virtualThreads false by default
         * @return this builder
         */
        public Builder virtualThreads(boolean virtualThreads) {
            this.virtualThreads = virtualThreads;
            return this;
        }

        /**
         * How long a {@link Fault#STALL}ed response stays silent before it ends.
         *
         * @param duration 60 seconds by default
         * @return this builder
         */
        public Builder stallDuration(Duration duration) {
            this.stallDuration = requireNotNegative(duration, "stallDuration");
            return this;
        }

        /**
         * Whether to send the AI SDK's own content types ({@code text/plain; charset=utf-8} for v4,
         * {@code text/event-stream} for v5) instead of the {@code text/x-unknown} the playground sent.
         *
         * @param sdkContentTypes false by default
         * @return this builder
         */
        public Builder sdkContentTypes(boolean sdkContentTypes) {
            this.sdkContentTypes = sdkContentTypes;
            return this;
        }

        /**
         * Puts the Workers AI account on the Workers Paid plan; by default it is on the Free plan, where
         * the paid-only models answer HTTP 403 with error 5035 (see {@link Emulator#workersPaid(boolean)}).
         *
         * @param paid true for Workers Paid
         * @return this builder
         */
        public Builder workersPaid(boolean paid) {
            this.workersPaid = paid;
            return this;
        }

        /**
         * The account id the Workers AI routes accept.
         *
         * @param accountId {@value WorkersAiAccount#DEFAULT_ACCOUNT_ID} by default
         * @return this builder
         */
        public Builder accountId(String accountId) {
            this.accountId = Objects.requireNonNull(accountId, "accountId");
            return this;
        }

        /**
         * The API token the Workers AI routes accept as {@code Authorization: Bearer <token>}; anything
         * else is refused with Cloudflare's error 10000.
         *
         * @param apiToken {@value WorkersAiAccount#DEFAULT_API_TOKEN} by default
         * @return this builder
         */
        public Builder apiToken(String apiToken) {
            this.apiToken = Objects.requireNonNull(apiToken, "apiToken");
            return this;
        }

        /**
         * Starts an emulator with these settings.
         *
         * @return the running emulator
         * @throws IllegalStateException if it could not listen
         */
        public Emulator start() {
            return new Emulator(this);
        }

        private static Duration requireNotNegative(Duration duration, String name) {
            if (Objects.requireNonNull(duration, name).isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
            return duration;
        }
    }
}
