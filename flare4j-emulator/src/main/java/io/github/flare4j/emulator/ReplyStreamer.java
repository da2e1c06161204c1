package io.github.flare4j.emulator;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Streams a {@link Reply} through a {@link StreamWriter}, bent by a body fault.
 *
 * <ul>
 *   <li>{@link Fault#TRUNCATED}, {@link Fault#RESET}, {@link Fault#STALL}: the start and the first
 *       {@value #PARTS_BEFORE_FAULT} parts, then nothing; how the connection ends is up to the caller.</li>
 *   <li>{@link Fault#ERROR_PART}: the same, then the error ({@value #ERROR_MESSAGE}).</li>
 *   <li>{@link Fault#RATE_LIMIT_PART}: the start, then the error {@value #RATE_LIMIT_JSON}.</li>
 *   <li>{@link Fault#PROTOCOL_DRIFT}: the start, then {@link StreamWriter#drift()}, then the whole reply.</li>
 *   <li>{@link Fault#MALFORMED_LINE}: an unparsable frame after the first part, then the whole rest.</li>
 *   <li>{@link Fault#OVERSIZED_LINE}: a text part of {@value #OVERSIZED_LENGTH} characters after the first
 *       part, then the whole rest.</li>
 *   <li>{@link Fault#INVALID_UTF8}: a text part holding the byte {@code 0xFF} after the first part, then the
 *       whole rest.</li>
 *   <li>{@link Fault#EMPTY_EVENT}: events with empty data after the first part, then the whole rest.</li>
 * </ul>
 */
final class ReplyStreamer {

    static final int PARTS_BEFORE_FAULT = FaultEffect.EVENTS_BEFORE_CUT;
    static final String ERROR_MESSAGE = "Error during inference";
    /** Workers AI's per-minute rate limit, as its error names it. */
    static final String RATE_LIMIT_DETAILS = "3021: rate limiting: inference request per min rate reached";
    /** The rate limit as the agent relayed it live (2026-08): a JSON object as text. */
    static final String RATE_LIMIT_JSON = "{\"message\":\"Inference failed\",\"details\":\""
            + RATE_LIMIT_DETAILS + "\"}";
    /** The length of {@link Fault#OVERSIZED_LINE}'s text part: over 2 MiB. */
    static final int OVERSIZED_LENGTH = FaultEffect.OVERSIZED_LENGTH;
    /** The text of {@link Fault#INVALID_UTF8}'s part; {@link Exchange#write} turns the mark into {@code 0xFF}. */
    static final String INVALID_UTF8_TEXT = FaultEffect.INVALID_UTF8_TEXT;

    private ReplyStreamer() {
    }

    /**
     * Writes the reply.
     *
     * @param fault a body fault, or null for none
     */
    static void stream(Reply reply, StreamWriter writer, Fault fault) throws IOException {
        writer.start(reply.messageId());
        if (fault == Fault.RATE_LIMIT_PART) {
            writer.error(RATE_LIMIT_JSON);
            return;
        }
        if (fault == Fault.PROTOCOL_DRIFT) {
            writer.drift();
        }
        FaultEffect effect = FaultEffect.onStream(fault, Duration.ZERO);
        List<ReplyPart> parts = reply.parts();
        for (int i = 0; i < parts.size() && i < effect.cutAfter(); i++) {
            writer.part(parts.get(i));
            if (i == 0) {
                switch (effect.injection()) {
                    case MALFORMED -> writer.malformed();
                    case OVERSIZED_TEXT -> writer.part(new ReplyPart.Text("x".repeat(OVERSIZED_LENGTH)));
                    case INVALID_UTF8_TEXT -> writer.part(new ReplyPart.Text(INVALID_UTF8_TEXT));
                    case EMPTY_EVENT -> writer.emptyEvent();
                    case NONE -> {
                    }
                }
            }
        }
        if (effect.errorAtEnd()) {
            writer.error(ERROR_MESSAGE);
        } else if (!effect.cuts()) {
            writer.finish(reply.finishReason(), reply.usage());
        }
    }
}
