package io.github.flare4j.emulator;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Cloudflare's JavaScript challenge in front of every route, when it is on (the builder's
 * {@link Emulator.Builder#challenge(boolean)}, or a request's {@value Emulator#CHALLENGE_HEADER}
 * header), and the playground's page at {@code /}.
 *
 * <p>A request without a valid {@code cf_clearance} cookie, or whose user agent says
 * {@code HeadlessChrome} (Cloudflare flags those), gets the {@code 403} "Just a moment..." page. Its
 * script sets a fresh {@code cf_clearance} cookie after {@value #DELAY_MILLIS} ms and reloads, so
 * a browser gets through and a plain HTTP client does not. Challenged requests are recorded; the
 * others go on untouched to the next handler, which records them.
 *
 * <p>An unpassable challenge ({@link Emulator.Builder#unpassableChallenge(boolean)}) serves the same
 * page without that script, as Cloudflare does for a browser its Turnstile refuses: the page keeps
 * showing "Just a moment..." and no {@code cf_clearance} is ever issued.
 */
final class ChallengeHandler extends Handler.Wrapper {

    /** How long the challenge script waits before setting the cookie, like a real check would. */
    static final int DELAY_MILLIS = 300;

    static final String CLEARANCE_COOKIE = "cf_clearance";

    static final String PLAYGROUND_PAGE = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<title>Workers AI LLM Playground</title></head><body><div id=\"root\">flare4j emulator</div>"
            + "</body></html>";

    private final RequestLog log;
    private final RandomTokens tokens;
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final boolean unpassable;
    private volatile boolean on;

    ChallengeHandler(Handler next, RequestLog log, RandomTokens tokens, boolean on, boolean unpassable) {
        super(next);
        this.log = log;
        this.tokens = tokens;
        this.on = on;
        this.unpassable = unpassable;
    }

    void on(boolean on) {
        this.on = on;
    }

    boolean isOn() {
        return on;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        boolean challenged = on || "on".equalsIgnoreCase(request.getHeaders().get(Emulator.CHALLENGE_HEADER));
        if (challenged && !cleared(request)) {
            Exchange exchange = new Exchange(request, response, callback);
            try {
                log.record(exchange.record());
                challenge(exchange);
            } catch (IOException | RuntimeException e) {
                exchange.fail(e);
            }
            return true;
        }
        if ("/".equals(request.getHttpURI().getPath()) && "GET".equals(request.getMethod())) {
            Exchange exchange = new Exchange(request, response, callback);
            try {
                log.record(exchange.record());
                exchange.respond(200, List.of(WireHeaders.verbatim("content-type", "text/html; charset=UTF-8"),
                        WireHeaders.date()), PLAYGROUND_PAGE);
            } catch (IOException | RuntimeException e) {
                exchange.fail(e);
            }
            return true;
        }
        return super.handle(request, response, callback);
    }

    /** Whether the request carries a clearance this emulator issued, from a browser that is not flagged. */
    boolean cleared(Request request) {
        String userAgent = request.getHeaders().get(HttpHeader.USER_AGENT);
        if (userAgent != null && userAgent.contains("HeadlessChrome")) {
            return false;
        }
        String clearance = Cookies.value(request.getHeaders().getValuesList(HttpHeader.COOKIE), CLEARANCE_COOKIE);
        return clearance != null && issued.contains(clearance);
    }

    /**
     * The 403 challenge page, as in the capture, with a script that earns the cookie; when the challenge
     * is unpassable, the capture's page alone, which never sets it.
     */
    void challenge(Exchange exchange) throws IOException {
        String page = StatusFaults.CHALLENGE_PAGE;
        if (!unpassable) {
            String token = tokens.cookieValue();
            issued.add(token);
            String script = "<script>setTimeout(function(){document.cookie=\"" + CLEARANCE_COOKIE + "=" + token
                    + "; path=/; max-age=1800; SameSite=Lax\";location.reload();}," + DELAY_MILLIS + ");</script>";
            page = page.replace("</body>", script + "</body>");
        }
        exchange.begin(403, List.of(
                WireHeaders.verbatim("content-type", "text/html; charset=UTF-8"),
                WireHeaders.verbatim("cf-mitigated", "challenge"),
                WireHeaders.verbatim("server", "cloudflare"),
                WireHeaders.verbatim("cache-control", "private, max-age=0, no-store, no-cache, must-revalidate"),
                WireHeaders.date()));
        exchange.write(page);
        exchange.complete();
    }
}
