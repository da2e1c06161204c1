package io.github.flare4j.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import io.github.flare4j.emulator.workersai.WorkersAiRoutes;
import org.eclipse.jetty.http.HttpField;

/** The whole responses of the error-status faults, shaped like Cloudflare's. */
final class StatusFaults {

    /** Cloudflare's "Just a moment..." page, byte for byte as in the reference capture. */
    static final String CHALLENGE_PAGE = loadChallengePage();

    /** The body of a rate-limited answer: Cloudflare's error 1015. */
    static final String RATE_LIMIT_BODY = "error code: 1015";

    /** The body of a denied answer: Cloudflare's error 1020 (a firewall rule). */
    static final String FORBIDDEN_BODY = "error code: 1020";

    /** A captive portal's page, for {@link Fault#HTML_PAGE}. */
    static final String HTML_PAGE = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<title>Sign in to the network</title></head>\n<body><h1>Welcome</h1>"
            + "<p>Please accept the terms of use to continue.</p></body></html>\n";

    /** Where {@link Fault#REDIRECT} sends the client. */
    static final String MOVED_PATH = "/moved";

    /** The error text of {@link Fault#CONTROL_CHARACTERS}: retitles the window, clears the screen, a NUL. */
    static final String CONTROL_TEXT = "\u001b]0;pwned\u0007\u001b[2J\u0000the server says no";

    /** The body of {@link Fault#UNRECOGNISED_JSON}. */
    static final String UNRECOGNISED_JSON = "{\"foo\":1}";

    /** The cookie value a 401 sets: a secret that no error of the client may show. */
    static final String UNAUTHORIZED_COOKIE = "bm-secret-7f3a9c1e5d";

    private StatusFaults() {
    }

    /** Answers with {@code fault}; a rate limit asks to wait {@code retryAfterSeconds}. */
    static void respond(Exchange exchange, Fault fault, int retryAfterSeconds) throws IOException {
        switch (fault) {
            case CHALLENGE -> challenge(exchange);
            case RATE_LIMIT -> exchange.respond(429, List.of(
                    WireHeaders.verbatim("content-type", "text/plain; charset=UTF-8"),
                    WireHeaders.verbatim("Retry-After", Integer.toString(retryAfterSeconds)),
                    WireHeaders.date()), RATE_LIMIT_BODY);
            case SERVER_ERROR -> exchange.respondError(500, "Internal Server Error");
            case UNAUTHORIZED -> exchange.respond(401, List.of(WireHeaders.verbatim("content-type", "application/json"),
                    WireHeaders.verbatim("set-cookie", "__cf_bm=" + UNAUTHORIZED_COOKIE + "; path=/; HttpOnly"),
                    WireHeaders.date()), "{\"error\":\"Unauthorized\"}");
            case FORBIDDEN -> exchange.respond(403, List.of(
                    WireHeaders.verbatim("content-type", "text/plain; charset=UTF-8"),
                    WireHeaders.verbatim("server", "cloudflare"),
                    WireHeaders.date()), FORBIDDEN_BODY);
            case SERVICE_UNAVAILABLE -> exchange.respondError(503, "Service Unavailable");
            case RESET_EARLY -> exchange.reset();
            case REDIRECT -> redirect(exchange, 302, MOVED_PATH);
            case CONTROL_CHARACTERS -> controlCharacters(exchange);
            case REDIRECT_LOOP -> redirect(exchange, 307, Emulator.REDIRECT_LOOP_PATH);
            default -> throw new IllegalArgumentException(fault + " is not an error-status fault");
        }
    }

    /** Answers {@link Fault#CONTROL_CHARACTERS}: raw, or JSON-escaped in an envelope on Workers AI's paths. */
    private static void controlCharacters(Exchange exchange) throws IOException {
        if (WorkersAiRoutes.matches(exchange.path())) {
            exchange.respond(400, List.of(WireHeaders.verbatim("content-type", "application/json"), WireHeaders.date()),
                    "{\"result\":null,\"success\":false,\"errors\":[{\"code\":7001,\"message\":"
                            + JsonText.quote(CONTROL_TEXT) + "}],\"messages\":[]}");
        } else {
            exchange.respond(400, List.of(WireHeaders.verbatim("content-type", "text/plain; charset=utf-8"),
                    WireHeaders.date()), CONTROL_TEXT);
        }
    }

    /** A redirect to {@code location}, with a short HTML body as servers send one. */
    static void redirect(Exchange exchange, int status, String location) throws IOException {
        exchange.respond(status, List.of(
                WireHeaders.verbatim("content-type", "text/html; charset=utf-8"),
                WireHeaders.verbatim("Location", location),
                WireHeaders.date()), "<html><body>Moved to <a href=\"" + location + "\">" + location + "</a></body></html>\n");
    }

    /** Answers {@link Fault#UNRECOGNISED_JSON}: a {@code 200} JSON document of no API. */
    static void unrecognisedJson(Exchange exchange) throws IOException {
        exchange.respond(200, List.of(
                WireHeaders.verbatim("content-type", "application/json"),
                WireHeaders.date()), UNRECOGNISED_JSON);
    }

    /** Answers {@link Fault#HTML_PAGE}: a {@code 200} HTML page. */
    static void htmlPage(Exchange exchange) throws IOException {
        exchange.respond(200, List.of(
                WireHeaders.verbatim("content-type", "text/html; charset=utf-8"),
                WireHeaders.date()), HTML_PAGE);
    }

    /** The challenge, chunked like the capture, with its headers in the capture's order. */
    private static void challenge(Exchange exchange) throws IOException {
        exchange.begin(403, List.of(
                WireHeaders.verbatim("content-type", "text/html; charset=UTF-8"),
                WireHeaders.verbatim("cf-mitigated", "challenge"),
                WireHeaders.verbatim("server", "cloudflare"),
                WireHeaders.verbatim("cache-control", "private, max-age=0, no-store, no-cache, must-revalidate"),
                WireHeaders.date(),
                WireHeaders.verbatim("Connection", "keep-alive"),
                WireHeaders.verbatim("Keep-Alive", "timeout=30")));
        exchange.write(CHALLENGE_PAGE);
        exchange.complete();
    }

    private static String loadChallengePage() {
        try (InputStream in = StatusFaults.class.getResourceAsStream("challenge-403.html")) {
            if (in == null) {
                throw new IllegalStateException("challenge-403.html is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
