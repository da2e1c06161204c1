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
            default -> throw new IllegalArgumentException(fault + " is not an error-status fault");
        }
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
