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

    private static final FaultEffect NONE = new FaultEffect(null, false, -1, Ending.COMPLETE, Duration.ZERO, true);

    private final String replacement;
    private final boolean firstHalf;
    private final long declaredLength;
    private final Ending ending;
    private final Duration stallDuration;
    private final boolean whole;

    private FaultEffect(String replacement, boolean firstHalf, long declaredLength, Ending ending,
            Duration stallDuration, boolean whole) {
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
