package io.github.flare4j.emulator;

import java.util.Locale;

/**
 * A failure the emulator can inject into one response.
 *
 * <p>Queue one with {@link Emulator#enqueueFault(Fault)} (the next {@code POST /api/inference}),
 * {@link Emulator#enqueueFault(Fault, String)} (the next request to a path), or send the request
 * header {@value Emulator#FAULT_HEADER} with the constant's name in lower case ({@code -} and
 * {@code _} both accepted, e.g. {@code x-emulator-fault: malformed-line}).
 *
 * <p>Those that {@link #isErrorStatus() answer with an error status} do so before any routing, as
 * Cloudflare's edge would (they apply to the Agents socket's upgrade too, queued for
 * {@value Emulator#AGENTS_PATH}); the others break a {@code 200} response in the middle of its body and apply to whichever
 * {@link StreamFormat} is active. On {@code GET /api/models} the body-breaking faults cut or spoil
 * the JSON document instead.
 */
public enum Fault {

    /** {@code 403} with Cloudflare's "Just a moment..." HTML page and {@code cf-mitigated: challenge}. */
    CHALLENGE,

    /** {@code 429} with {@code Retry-After: 7} and a short plain-text body. */
    RATE_LIMIT,

    /**
     * A {@code 200} whose stream starts, then reports Workers AI's per-minute rate limit before any
     * text, as the playground relays it: v4 {@code 3:"..."}, v5 {@code {"type":"error","errorText":..}}
     * and {@code [DONE]}; the text is a JSON object as a string, {@code {"message":..,"details":"3021: ..."}}.
     * Meant for {@code POST /api/inference}.
     */
    RATE_LIMIT_PART,

    /**
     * A {@code 200} whose v5 stream carries, after {@code start-step}, a withdrawn first try
     * ({@code reset-step}) and one chunk of every type AI SDK 6 and 7 added, then the whole reply
     * unchanged; the v4 stream is unchanged. Meant for {@code POST /api/inference}.
     */
    PROTOCOL_DRIFT,

    /** {@code 500} with a short JSON body. */
    SERVER_ERROR,

    /** {@code 401} with a short JSON body. */
    UNAUTHORIZED,

    /** {@code 403} with Cloudflare's {@code error code: 1020} (a firewall rule denied access): no challenge to pass. */
    FORBIDDEN,

    /** {@code 503} with a short JSON body, as when the origin is overloaded. */
    SERVICE_UNAVAILABLE,

    /** The TCP connection is reset as soon as the request has been read: no status line, not one byte of reply. */
    RESET_EARLY,

    /** A {@code 200} with an HTML page ({@code text/html}, a captive portal's) where a stream was expected. */
    HTML_PAGE,

    /**
     * A {@code 200} with one JSON document ({@code application/json}) where a stream was expected: on
     * Workers AI the API's non-streaming reply, on the playground {@code {"response":"..."}}.
     */
    JSON_BODY,

    /** A {@code 200} whose second part is one line of over 2 MiB (a text part), then the rest of the reply. */
    OVERSIZED_LINE,

    /** A {@code 200} whose second part's text holds a byte that is not UTF-8 ({@code 0xFF}), then the rest of the reply. */
    INVALID_UTF8,

    /** A {@code 200} whose body stops after a few lines, before the finish part; the chunked body still ends properly. */
    TRUNCATED,

    /** A {@code 200} whose head and first lines are flushed, after which the TCP connection is reset. */
    RESET,

    /** A {@code 200} with an unparsable line after the first token (v4 <code>0:{not json</code>), then the rest of the reply. */
    MALFORMED_LINE,

    /**
     * A {@code 200} whose head and first lines are flushed, after which nothing is written for a long
     * time (60 s by default) or until the emulator is closed. The connection stays open.
     */
    STALL,

    /** A {@code 200} with a few tokens then an error part: v4 {@code 3:"..."}, v5 {@code {"type":"error",...}} and {@code [DONE]}. */
    ERROR_PART,

    /**
     * A {@code 200} with the whole reply, its end marker included (v4 {@code d:}, {@code data: [DONE]}),
     * after which the body is neither ended nor closed for a long time (as {@link #STALL}): a client
     * that waits for the end of the body waits in vain. On a JSON reply, the whole document, then the same.
     */
    LEFT_OPEN,

    /**
     * A {@code 200} whose {@code Content-Length} promises 16 MiB, far more than the whole reply it sends
     * (end marker included), after which the connection stays open and silent for a long time (as
     * {@link #STALL}). On a JSON reply, the whole document, then the same.
     */
    OVERSTATED_LENGTH,

    /**
     * A {@code 200} {@code application/json} body that is no reply of any API: {@code {"foo":1}}, whether a
     * stream or a document was asked for.
     */
    UNRECOGNISED_JSON,

    /**
     * {@code 302 Found} with {@code Location: /moved} (on the emulator, which answers it {@code 404}):
     * a client that follows it sends a {@code GET} without the prompt elsewhere.
     */
    REDIRECT,

    /**
     * {@code 307 Temporary Redirect} with {@code Location: }{@value Emulator#REDIRECT_LOOP_PATH}, which
     * answers every request with the same redirect to itself: a client that follows redirects loops.
     */
    REDIRECT_LOOP,

    /**
     * {@code 400} (not retried) whose error text holds terminal control characters: an escape sequence that retitles
     * the window ({@code ESC ] 0 ; ... BEL}), one that clears the screen ({@code ESC [ 2 J}) and a
     * {@code NUL}. Raw bytes in a plain-text body on the playground's paths; JSON-escaped in the
     * {@code message} of a v4 error envelope on Workers AI's, so that the decoded message holds them.
     */
    CONTROL_CHARACTERS,

    /**
     * A {@code 200} whose stream holds, after its first event, two events with empty data ({@code data:}
     * then an empty line, and {@code data: } then one), then the whole rest. The SSE standard says an
     * event whose data is empty is not dispatched. The v4 data stream has no events: a blank line there.
     */
    EMPTY_EVENT;

    /** What {@link #OVERSTATED_LENGTH} promises: 16 MiB. */
    public static final long OVERSTATED_CONTENT_LENGTH = 16L * 1024 * 1024;

    /**
     * Whether this fault sends the whole reply, then leaves the response open: {@link #LEFT_OPEN} and
     * {@link #OVERSTATED_LENGTH}.
     *
     * @return true for those two
     */
    public boolean leavesCompleteReplyOpen() {
        return this == LEFT_OPEN || this == OVERSTATED_LENGTH;
    }

    /**
     * Whether this fault replaces the whole response with an error status.
     *
     * @return true for {@link #CHALLENGE}, {@link #RATE_LIMIT}, {@link #SERVER_ERROR}, {@link #UNAUTHORIZED},
     *     {@link #FORBIDDEN}, {@link #SERVICE_UNAVAILABLE}, {@link #RESET_EARLY} (which answers with nothing),
     *     {@link #CONTROL_CHARACTERS}, and the redirects {@link #REDIRECT} and {@link #REDIRECT_LOOP} (not
     *     errors, but no {@code 200} either)
     */
    public boolean isErrorStatus() {
        return switch (this) {
            case CHALLENGE, RATE_LIMIT, SERVER_ERROR, UNAUTHORIZED, FORBIDDEN, SERVICE_UNAVAILABLE, RESET_EARLY,
                    REDIRECT, REDIRECT_LOOP, CONTROL_CHARACTERS -> true;
            case RATE_LIMIT_PART, PROTOCOL_DRIFT -> false;
            case TRUNCATED, RESET, MALFORMED_LINE, STALL, ERROR_PART, HTML_PAGE, JSON_BODY, OVERSIZED_LINE,
                    INVALID_UTF8, LEFT_OPEN, OVERSTATED_LENGTH, UNRECOGNISED_JSON, EMPTY_EVENT -> false;
        };
    }

    /**
     * Reads a fault name as written in the {@value Emulator#FAULT_HEADER} header: the constant's
     * name in any case, with {@code -} or {@code _} between words.
     *
     * @param name the name, e.g. {@code rate-limit}
     * @return the fault
     * @throws IllegalArgumentException if no fault has that name
     */
    public static Fault parse(String name) {
        String normalised = name == null ? "" : name.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (Fault fault : values()) {
            if (fault.name().equals(normalised)) {
                return fault;
            }
        }
        throw new IllegalArgumentException("unknown fault '" + name + "'");
    }
}
