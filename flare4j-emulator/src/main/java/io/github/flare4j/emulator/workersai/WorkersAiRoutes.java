package io.github.flare4j.emulator.workersai;

import io.github.flare4j.emulator.Fault;
import io.github.flare4j.emulator.FaultEffect;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Workers AI's routes, answered as Cloudflare does:
 *
 * <ul>
 *   <li>{@code POST /client/v4/accounts/{account}/ai/run/{model}} (the model's slashes kept): the REST
 *       API, streamed ({@code "stream":true}) or one v4 envelope;</li>
 *   <li>{@code POST /client/v4/accounts/{account}/ai/v1/chat/completions}: the OpenAI-compatible API;</li>
 *   <li>{@code POST .../ai/run/{embedding model}} ({@code {"text":[..]}}) and {@code POST .../ai/v1/embeddings}
 *       ({@code {"model":..,"input":[..]}}): text embeddings (bge-m3, bge-base/small/large-en-v1.5, embeddinggemma-300m), the vectors
 *       derived from a hash of the input;</li>
 *   <li>{@code GET /client/v4/accounts/{account}/ai/models/search?page=&per_page=}: the model catalogue,
 *       paginated. It ignores {@code task} and lists two models of other tasks, as the real filter has
 *       been unreliable;</li>
 *   <li>{@code POST /v1/{account}/{gateway}/workers-ai/{model}} and
 *       {@code .../workers-ai/v1/chat/completions}: the same through AI Gateway, answered with
 *       {@value #CACHE_STATUS_HEADER} ({@code MISS}, then {@code HIT} for a request seen before unless
 *       {@code cf-aig-skip-cache: true}) and {@value #LOG_ID_HEADER}. The request's {@code cf-aig-*}
 *       headers are recorded with it.</li>
 * </ul>
 *
 * <p>Every route wants {@code Authorization: Bearer <token>} for the configured {@link WorkersAiAccount}:
 * without it {@code 401}, with another token or account {@code 403}, both with error 10000. An unknown
 * model is {@code 400} with error 5007, a body that fails the schema {@code 400} with error 5006, a
 * {@link #PAID_ONLY} model on a Free-plan account {@code 403} with error 5035, and a request with
 * {@code "options":{"rejectIfBusy":true}} while the models are busy {@code 429} with error 3040; any other
 * code can be asked for with the {@value #ERROR_HEADER} request header. Body
 * faults ({@link Fault#TRUNCATED}, {@link Fault#RESET}, {@link Fault#STALL}, {@link Fault#MALFORMED_LINE},
 * {@link Fault#ERROR_PART}) bend streams and JSON replies alike; the error-status faults are answered
 * before routing, by the emulator.
 *
 * <p>Thread-safe: one instance serves every request.
 */
public final class WorkersAiRoutes {

    /** The path prefix of the REST and OpenAI-compatible APIs. */
    public static final String API_PREFIX = "/client/v4/accounts/";

    /** The path prefix of AI Gateway. */
    public static final String GATEWAY_PREFIX = "/v1/";

    /** The gateway's response header: {@code HIT} or {@code MISS}. */
    public static final String CACHE_STATUS_HEADER = "cf-aig-cache-status";

    /** The gateway's response header: the id of its log entry. */
    public static final String LOG_ID_HEADER = "cf-aig-log-id";

    /**
     * Request header naming a Cloudflare error code to answer with instead of a reply, e.g.
     * {@code x-emulator-error: 3040}; the status is the one Cloudflare sends with that code (see
     * {@link #statusOf(int)}). Checked after the bearer token.
     */
    public static final String ERROR_HEADER = "x-emulator-error";

    /** The models a Free-plan account may not use since 2026-07-28: error 5035. */
    public static final Set<String> PAID_ONLY = Set.of(
            "@cf/moonshotai/kimi-k2.6", "@cf/moonshotai/kimi-k2.7-code", "@cf/zai-org/glm-5.2");

    /** What {@link Fault#HTML_PAGE} answers: a captive portal's page. */
    static final String HTML_PAGE = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<title>Sign in to the network</title></head>\n<body><p>Please accept the terms of use.</p></body></html>\n";

    /** The message of an {@link Fault#ERROR_PART}. */
    static final String ERROR_MESSAGE = "Error during inference";

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final String ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static final SecureRandom RANDOM = new SecureRandom();
    /** The prefix of the REST route, after the account: {@code ai/run/{model}}. */
    private static final String RUN_PREFIX = "ai/run/";

    private final WorkersAiAccount account;
    private final IntSupplier retryAfterSeconds;
    private final Set<String> gatewayCache = ConcurrentHashMap.newKeySet();
    /** The routes under {@code /client/v4/accounts/{account}/}, by the rest of the path; then {@link #run}. */
    private final Map<String, WorkersAiRoute> apiRoutes;
    /** The routes under AI Gateway's {@code .../workers-ai/}, by the rest of the path; then {@link #run}. */
    private final Map<String, WorkersAiRoute> gatewayRoutes;
    /** {@code ai/run/{model}}, and AI Gateway's {@code workers-ai/{model}}. */
    private final WorkersAiRoute run;

    /**
     * Routes for one account.
     *
     * @param account       the accepted account and token
     * @param models        the text generation model ids, read on every request
     * @param tokenDelay    the pause before each streamed event, read on every request
     * @param stallDuration how long a {@link Fault#STALL} stays silent
     * @param retryAfterSeconds the {@code Retry-After} of a rate-limited answer
     */
    public WorkersAiRoutes(WorkersAiAccount account, Supplier<List<String>> models, Supplier<Duration> tokenDelay,
            Duration stallDuration, IntSupplier retryAfterSeconds) {
        this(account, models, tokenDelay, stallDuration, retryAfterSeconds, () -> 0);
    }

    /**
     * Routes for one account whose text replies may be made long.
     *
     * @param account       the accepted account and token
     * @param models        the text generation model ids, read on every request
     * @param tokenDelay    the pause before each streamed event, read on every request
     * @param stallDuration how long a {@link Fault#STALL} stays silent
     * @param retryAfterSeconds the {@code Retry-After} of a rate-limited answer
     * @param replyTokens   how many filler tokens every text reply has, 0 for the scripted answer; read on every request
     */
    public WorkersAiRoutes(WorkersAiAccount account, Supplier<List<String>> models, Supplier<Duration> tokenDelay,
            Duration stallDuration, IntSupplier retryAfterSeconds, IntSupplier replyTokens) {
        this(account, models, tokenDelay, stallDuration, retryAfterSeconds, replyTokens, () -> false, () -> false);
    }

    /**
     * Routes for one account on a plan, whose models may be busy.
     *
     * @param account       the accepted account and token
     * @param models        the text generation model ids, read on every request
     * @param tokenDelay    the pause before each streamed event, read on every request
     * @param stallDuration how long a {@link Fault#STALL} stays silent
     * @param retryAfterSeconds the {@code Retry-After} of a rate-limited answer
     * @param replyTokens   how many filler tokens every text reply has, 0 for the scripted answer; read on every request
     * @param workersPaid   whether the account is on Workers Paid; on Free, {@link #PAID_ONLY} models answer
     *                      403 with error 5035; read on every request
     * @param busy          whether the models are at capacity: a request with {@code rejectIfBusy} is then
     *                      refused with 429 and error 3040; read on every request
     */
    public WorkersAiRoutes(WorkersAiAccount account, Supplier<List<String>> models, Supplier<Duration> tokenDelay,
            Duration stallDuration, IntSupplier retryAfterSeconds, IntSupplier replyTokens, BooleanSupplier workersPaid,
            BooleanSupplier busy) {
        this.retryAfterSeconds = retryAfterSeconds;
        this.account = account;
        WorkersAiRoute chat = new ChatRoute(models, tokenDelay, stallDuration, retryAfterSeconds, replyTokens,
                workersPaid, busy);
        WorkersAiRoute embeddings = new EmbeddingRoute(stallDuration);
        WorkersAiRoute search = (exchange, model, body, fault, extra) -> {
            if (requireMethod(exchange, "GET", extra)) {
                ModelSearch.respond(exchange, models.get(), exchange.query(), fault, stallDuration, jsonHeaders(extra));
            }
        };
        this.run = new RunRoute(models, chat, embeddings);
        this.apiRoutes = Map.of(
                "ai/models/search", search,
                "ai/v1/chat/completions", chat,
                "ai/v1/embeddings", embeddings);
        this.gatewayRoutes = Map.of(
                "v1/chat/completions", chat,
                "v1/embeddings", embeddings);
    }

    /**
     * Whether a path is one of these routes.
     *
     * @param path the path without query
     * @return true under {@value #API_PREFIX}, or under {@value #GATEWAY_PREFIX} with a {@code workers-ai} segment
     */
    public static boolean matches(String path) {
        return path.startsWith(API_PREFIX) || (path.startsWith(GATEWAY_PREFIX) && path.contains("/workers-ai/"));
    }

    /**
     * Answers a request whose path {@link #matches}.
     *
     * @param exchange the request and its response
     * @param body     the request body
     * @param fault    a body fault, or null
     * @throws IOException when writing fails
     */
    public void handle(RouteExchange exchange, String body, Fault fault) throws IOException {
        String path = exchange.path();
        if (path.startsWith(GATEWAY_PREFIX)) {
            gateway(exchange, path.substring(GATEWAY_PREFIX.length()), body, fault);
            return;
        }
        String rest = path.substring(API_PREFIX.length());
        int slash = rest.indexOf('/');
        String accountId = slash < 0 ? rest : rest.substring(0, slash);
        String route = slash < 0 ? "" : rest.substring(slash + 1);
        if (!authorized(exchange, accountId, List.of()) || injectedError(exchange, List.of())) {
            return;
        }
        WorkersAiRoute named = apiRoutes.get(route);
        if (named != null) {
            named.answer(exchange, null, body, fault, List.of());
        } else if (route.startsWith(RUN_PREFIX) && route.length() > RUN_PREFIX.length()) {
            run.answer(exchange, route.substring(RUN_PREFIX.length()), body, fault, List.of());
        } else {
            exchange.respond(404, jsonHeaders(List.of()), ReplyWire.failure(7000, "No route for that URI"));
        }
    }

    /** {@code {account}/{gateway}/workers-ai/{model | v1/chat/completions}}. */
    private void gateway(RouteExchange exchange, String rest, String body, Fault fault) throws IOException {
        String[] parts = rest.split("/", 4);
        List<HttpField> extra = List.of(
                verbatim(CACHE_STATUS_HEADER, cacheStatus(exchange, body)),
                verbatim(LOG_ID_HEADER, logId()));
        if (parts.length < 4 || !parts[2].equals("workers-ai") || parts[1].isEmpty()) {
            exchange.respond(404, jsonHeaders(extra), ReplyWire.failure(7000, "No route for that URI"));
            return;
        }
        if (!authorized(exchange, parts[0], extra) || injectedError(exchange, extra)) {
            return;
        }
        String target = parts[3];
        WorkersAiRoute named = gatewayRoutes.get(target);
        if (named != null) {
            named.answer(exchange, null, body, fault, extra);
        } else {
            run.answer(exchange, target, body, fault, extra);
        }
    }

    /**
     * The status Cloudflare sends with an error code.
     *
     * @param code the code
     * @return 403 for 10000 and 5035, 400 for 5006, 5007 and 3042, 429 for 3036 and 3040, 413 for 3006, 408 for 3007,
     *         504 for 3008, 500 for any other
     */
    public static int statusOf(int code) {
        return switch (code) {
            case 10000, 5035 -> 403;
            case 5006, 5007, 3042 -> 400;
            case 3036, 3040 -> 429;
            case 3006 -> 413;
            case 3007 -> 408;
            case 3008 -> 504;
            default -> 500;
        };
    }

    static String messageOf(int code) {
        return switch (code) {
            case 10000 -> "Authentication error";
            case 5007 -> "No such model or task";
            case 3042 -> "Invalid model ID";
            case 3036 -> "Account limited: you have used up your daily free allocation of 10,000 neurons";
            case 3040 -> "Capacity temporarily exceeded, please try again.";
            case 5035 -> "This model requires the Workers Paid plan.";
            case 3006 -> "Request is too large";
            case 3007 -> "Request timeout";
            case 3008 -> "Request timeout";
            default -> "Internal server error";
        };
    }

    /** Answers with the error the {@value #ERROR_HEADER} header names; false when there is none. */
    private boolean injectedError(RouteExchange exchange, List<HttpField> extra) throws IOException {
        String value = exchange.header(ERROR_HEADER);
        if (value == null) {
            return false;
        }
        int code;
        try {
            code = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            exchange.respond(400, jsonHeaders(extra), ReplyWire.failure(5006, "bad " + ERROR_HEADER + " header"));
            return true;
        }
        List<HttpField> headers = new ArrayList<>(jsonHeaders(extra));
        if (statusOf(code) == 429) {
            headers.add(verbatim("Retry-After", Integer.toString(retryAfterSeconds.getAsInt())));
        }
        exchange.respond(statusOf(code), headers, ReplyWire.failure(code, messageOf(code)));
        return true;
    }

    /** Checks the account and bearer token; answers 401 or 403 with error 10000 when they do not match. */
    private boolean authorized(RouteExchange exchange, String accountId, List<HttpField> extra) throws IOException {
        String authorization = exchange.header("Authorization");
        if (authorization == null || authorization.isBlank()) {
            exchange.respond(401, jsonHeaders(extra), ReplyWire.failure(10000, "Authentication error"));
            return false;
        }
        boolean tokenMatches = authorization.equals("Bearer " + account.apiToken());
        if (!tokenMatches || !account.accountId().equals(accountId)) {
            exchange.respond(403, jsonHeaders(extra), ReplyWire.failure(10000, "Authentication error"));
            return false;
        }
        return true;
    }

    /** Sends a JSON document as {@code fault} bends it (see {@link FaultEffect#onDocument}). */
    static void whole(RouteExchange exchange, String json, Fault fault, List<HttpField> extra, Duration stallDuration)
            throws IOException {
        exchange.send(200, jsonHeaders(extra), json, FaultEffect.onDocument(fault, "{\"result\":{not json",
                ReplyWire.failure(3010, ERROR_MESSAGE), stallDuration));
    }

    static boolean requireMethod(RouteExchange exchange, String method, List<HttpField> extra)
            throws IOException {
        if (exchange.method().equals(method)) {
            return true;
        }
        List<HttpField> headers = new ArrayList<>(jsonHeaders(extra));
        headers.add(new HttpField(HttpHeader.ALLOW, method));
        exchange.respond(405, headers, ReplyWire.failure(10405, "Method not allowed"));
        return false;
    }

    /**
     * {@code HIT} for a request seen before, else {@code MISS}; the request is remembered before it is
     * answered, so that a client that sends it again as soon as the reply ends gets a hit.
     */
    private String cacheStatus(RouteExchange exchange, String body) {
        if ("true".equalsIgnoreCase(exchange.header("cf-aig-skip-cache"))) {
            return "MISS";
        }
        return gatewayCache.add(exchange.path() + "\n" + body) ? "MISS" : "HIT";
    }

    /** A log id shaped like the gateway's: 26 upper-case letters and digits (a ULID). */
    private String logId() {
        return randomId(26).toUpperCase(Locale.ROOT);
    }

    static String randomId(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return id.toString();
    }

    /** The headers of a JSON answer, in the order of the reference captures, then {@code extra}. */
    static List<HttpField> jsonHeaders(List<HttpField> extra) {
        List<HttpField> headers = new ArrayList<>(List.of(
                verbatim("content-type", "application/json"),
                date(),
                verbatim("Connection", "keep-alive"),
                verbatim("Keep-Alive", "timeout=30")));
        headers.addAll(extra);
        return headers;
    }

    static HttpField verbatim(String name, String value) {
        return new HttpField((HttpHeader) null, name, value);
    }

    static HttpField date() {
        return new HttpField(HttpHeader.DATE, HTTP_DATE.format(Instant.now()));
    }

    /** The query's parameters, decoded; a later duplicate wins. */
    static Map<String, String> parameters(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            parameters.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }

    static void pause(Duration delay) throws InterruptedIOException {
        if (delay.isPositive()) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted between events");
            }
        }
    }
}
