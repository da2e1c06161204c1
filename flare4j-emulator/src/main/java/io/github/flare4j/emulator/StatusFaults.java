package io.github.flare4j.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
            case UNAUTHORIZED -> exchange.respondError(401, "Unauthorized");
            case FORBIDDEN -> exchange.respond(403, List.of(
                    WireHeaders.verbatim("content-type", "text/plain; charset=UTF-8"),
                    WireHeaders.verbatim("server", "cloudflare"),
                    WireHeaders.date()), FORBIDDEN_BODY);
            case SERVICE_UNAVAILABLE -> exchange.respondError(503, "Service Unavailable");
            case RESET_EARLY -> exchange.reset();
            default -> throw new IllegalArgumentException(fault + " is not an error-status fault");
        }
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
