package io.github.flare4j.emulator;

import java.io.IOException;
import java.util.List;

/**
 * Streams a {@link Reply} through a {@link StreamWriter}, bent by a body fault.
 *
 * <ul>
 *   <li>{@link Fault#TRUNCATED}, {@link Fault#RESET}, {@link Fault#STALL}: the start and the first
 *       {@value #PARTS_BEFORE_FAULT} parts, then nothing; how the connection ends is up to the caller.</li>
 *   <li>{@link Fault#ERROR_PART}: the same, then the error ({@value #ERROR_MESSAGE}).</li>
 *   <li>{@link Fault#MALFORMED_LINE}: an unparsable frame after the first part, then the whole rest.</li>
 * </ul>
 */
final class ReplyStreamer {

    static final int PARTS_BEFORE_FAULT = 2;
    static final String ERROR_MESSAGE = "Error during inference";

    private ReplyStreamer() {
    }

    /**
     * Writes the reply.
     *
     * @param fault a body fault, or null for none
     */
    static void stream(Reply reply, StreamWriter writer, Fault fault) throws IOException {
        writer.start(reply.messageId());
        List<ReplyPart> parts = reply.parts();
        for (int i = 0; i < parts.size(); i++) {
            if (i == PARTS_BEFORE_FAULT && stopsEarly(fault)) {
                break;
            }
            writer.part(parts.get(i));
            if (i == 0 && fault == Fault.MALFORMED_LINE) {
                writer.malformed();
            }
        }
        if (fault == Fault.ERROR_PART) {
            writer.error(ERROR_MESSAGE);
        } else if (!stopsEarly(fault)) {
            writer.finish(reply.finishReason(), reply.usage());
        }
    }

    private static boolean stopsEarly(Fault fault) {
        return fault == Fault.TRUNCATED || fault == Fault.RESET || fault == Fault.STALL || fault == Fault.ERROR_PART;
    }
}
