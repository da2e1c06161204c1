package io.github.flare4j.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * What a body {@link Fault} does to one JSON document reply, as data that the emulator's exchange
 * applies: the body replaced, or cut to its first half; a {@code Content-Length} that promises more
 * than is sent; and how the response ends ({@link Ending}). A route builds the effect with
 * {@link #onDocument} and hands it to the exchange with the document, instead of branching on the
 * fault itself.
 *
 * <p>For {@link #onDocument}: no fault and {@link Fault#EMPTY_EVENT} (a document has no events) send the
 * document whole; {@link Fault#MALFORMED_LINE} and {@link Fault#ERROR_PART} send the route's broken and
 * error bodies instead, whole; {@link Fault#LEFT_OPEN} and {@link Fault#OVERSTATED_LENGTH} send the
 * document, then leave the response open (the latter after promising {@link Fault#OVERSTATED_CONTENT_LENGTH}
 * bytes); any other fault sends the first half of the document, then ends as {@link Ending#of} says.
 *
 * <p>Immutable.
 */
public final class FaultEffect {

    /** How a response ends once its body has been written. */
    public enum Ending {
        /** Cleanly: the last chunk, or all the promised bytes. */
        COMPLETE,
        /** By a TCP reset. */
        RESET,
        /** Silent and open for a while, then cleanly. */
        STALL;

        /**
         * How {@code fault} ends a response.
         *
         * @param fault a body fault, or null
         * @return {@link #RESET} for {@link Fault#RESET}; {@link #STALL} for {@link Fault#STALL},
         *         {@link Fault#LEFT_OPEN} and {@link Fault#OVERSTATED_LENGTH}; else {@link #COMPLETE}
         */
        public static Ending of(Fault fault) {
            if (fault == Fault.RESET) {
                return RESET;
            }
            if (fault == Fault.STALL || fault == Fault.LEFT_OPEN || fault == Fault.OVERSTATED_LENGTH) {
                return STALL;
            }
            return COMPLETE;
        }
    }

    /** What a stream fault puts after the first event (or part) of a stream. */
    public enum Injection {
        /** Nothing. */
        NONE,
        /** An event that is not valid JSON ({@link Fault#MALFORMED_LINE}). */
        MALFORMED,
        /** A text event of {@value #OVERSIZED_LENGTH} characters ({@link Fault#OVERSIZED_LINE}). */
        OVERSIZED_TEXT,
        /** A text event holding the byte {@code 0xFF} ({@link Fault#INVALID_UTF8}); see {@link #INVALID_UTF8_TEXT}. */
        INVALID_UTF8_TEXT,
        /** Events with empty data ({@link Fault#EMPTY_EVENT}). */
        EMPTY_EVENT
    }

    /** How many events or parts a cutting stream fault lets through. */
    public static final int EVENTS_BEFORE_CUT = 2;

    /** The length of {@link Injection#OVERSIZED_TEXT}'s text: over 2 MiB. */
    public static final int OVERSIZED_LENGTH = 2 * 1024 * 1024 + 1;

    /**
     * The text of {@link Injection#INVALID_UTF8_TEXT}: the exchange sends its private-use character
     * {@code U+E000} as the byte {@code 0xFF}, which is never valid in UTF-8.
     */
    public static final String INVALID_UTF8_TEXT = " caf\uE000e";

    private static final FaultEffect NONE = new FaultEffect(null, false, -1, Ending.COMPLETE, Duration.ZERO, true);

    private final String replacement;
    private final boolean firstHalf;
    private final long declaredLength;
    private final Ending ending;
    private final Duration stallDuration;
    private final boolean whole;
    private final int cutAfter;
    private final Injection injection;
    private final boolean errorAtEnd;

    private FaultEffect(String replacement, boolean firstHalf, long declaredLength, Ending ending,
            Duration stallDuration, boolean whole) {
        this(replacement, firstHalf, declaredLength, ending, stallDuration, whole, Integer.MAX_VALUE, Injection.NONE,
                false);
    }

    private FaultEffect(String replacement, boolean firstHalf, long declaredLength, Ending ending,
            Duration stallDuration, boolean whole, int cutAfter, Injection injection, boolean errorAtEnd) {
        this.cutAfter = cutAfter;
        this.injection = injection;
        this.errorAtEnd = errorAtEnd;
        this.replacement = replacement;
        this.firstHalf = firstHalf;
        this.declaredLength = declaredLength;
        this.ending = ending;
        this.stallDuration = stallDuration;
        this.whole = whole;
    }

    /**
     * The effect of no fault: the document, whole.
     *
     * @return that effect
     */
    public static FaultEffect none() {
        return NONE;
    }

    /**
     * What {@code fault} does to a JSON document reply (see the class comment).
     *
     * @param fault         a body fault, or null
     * @param malformed     what {@link Fault#MALFORMED_LINE} sends instead of the document
     * @param errorBody     what {@link Fault#ERROR_PART} sends instead of the document
     * @param stallDuration how long a stalled response stays silent
     * @return the effect
     */
    public static FaultEffect onDocument(Fault fault, String malformed, String errorBody, Duration stallDuration) {
        Objects.requireNonNull(stallDuration, "stallDuration");
        if (fault == null || fault == Fault.EMPTY_EVENT) {
            return NONE;
        }
        return switch (fault) {
            case MALFORMED_LINE -> new FaultEffect(malformed, false, -1, Ending.COMPLETE, stallDuration, true);
            case ERROR_PART -> new FaultEffect(errorBody, false, -1, Ending.COMPLETE, stallDuration, true);
            default -> new FaultEffect(null, !fault.leavesCompleteReplyOpen(),
                    fault == Fault.OVERSTATED_LENGTH ? Fault.OVERSTATED_CONTENT_LENGTH : -1, Ending.of(fault),
                    stallDuration, false);
        };
    }

    /**
     * What {@code fault} does to a streamed reply: {@link Fault#TRUNCATED}, {@link Fault#RESET},
     * {@link Fault#STALL} and {@link Fault#ERROR_PART} cut it after {@value #EVENTS_BEFORE_CUT} events
     * (the last adding an error event); {@link Fault#MALFORMED_LINE}, {@link Fault#OVERSIZED_LINE},
     * {@link Fault#INVALID_UTF8} and {@link Fault#EMPTY_EVENT} put their {@link Injection} after the first
     * event; {@link Fault#OVERSTATED_LENGTH} promises {@link Fault#OVERSTATED_CONTENT_LENGTH} bytes; the
     * response ends as {@link Ending#of} says. The route renders the events in its own format.
     *
     * @param fault         a body fault, or null
     * @param stallDuration how long a stalled response stays silent
     * @return the effect
     */
    public static FaultEffect onStream(Fault fault, Duration stallDuration) {
        Objects.requireNonNull(stallDuration, "stallDuration");
        boolean cuts = fault == Fault.TRUNCATED || fault == Fault.RESET || fault == Fault.STALL
                || fault == Fault.ERROR_PART;
        Injection injection = fault == null ? Injection.NONE : switch (fault) {
            case MALFORMED_LINE -> Injection.MALFORMED;
            case OVERSIZED_LINE -> Injection.OVERSIZED_TEXT;
            case INVALID_UTF8 -> Injection.INVALID_UTF8_TEXT;
            case EMPTY_EVENT -> Injection.EMPTY_EVENT;
            default -> Injection.NONE;
        };
        return new FaultEffect(null, false, fault == Fault.OVERSTATED_LENGTH ? Fault.OVERSTATED_CONTENT_LENGTH : -1,
                Ending.of(fault), stallDuration, false, cuts ? EVENTS_BEFORE_CUT : Integer.MAX_VALUE, injection,
                fault == Fault.ERROR_PART);
    }

    /**
     * How many events (or parts) of a stream are sent before it is cut.
     *
     * @return {@value #EVENTS_BEFORE_CUT} for a cutting fault, else {@link Integer#MAX_VALUE}
     */
    public int cutAfter() {
        return cutAfter;
    }

    /**
     * Whether the stream is cut before its end (and its finish event left out).
     *
     * @return true when {@link #cutAfter()} is finite
     */
    public boolean cuts() {
        return cutAfter != Integer.MAX_VALUE;
    }

    /**
     * What is put after a stream's first event.
     *
     * @return the injection, {@link Injection#NONE} for none
     */
    public Injection injection() {
        return injection;
    }

    /**
     * Whether an error event ends the (cut) stream: {@link Fault#ERROR_PART}.
     *
     * @return true for that fault
     */
    public boolean errorAtEnd() {
        return errorAtEnd;
    }

    /**
     * The body sent for {@code document}.
     *
     * @param document the route's document
     * @return the replacement, the document's first half (in characters), or the document
     */
    public String body(String document) {
        if (replacement != null) {
            return replacement;
        }
        return firstHalf ? document.substring(0, document.length() / 2) : document;
    }

    /**
     * Whether the body is sent whole, with its own {@code Content-Length}, and the response ended
     * cleanly; otherwise it is written as one chunk, under {@link #declaredLength()} if any, and the
     * response ends as {@link #ending()} says.
     *
     * @return true when the fault leaves the response's framing alone
     */
    public boolean whole() {
        return whole;
    }

    /**
     * The {@code Content-Length} promised whatever is sent.
     *
     * @return the length, or -1 for none
     */
    public long declaredLength() {
        return declaredLength;
    }

    /**
     * How the response ends.
     *
     * @return the ending
     */
    public Ending ending() {
        return ending;
    }

    /**
     * How long a {@link Ending#STALL} stays silent.
     *
     * @return the duration
     */
    public Duration stallDuration() {
        return stallDuration;
    }
}
