package io.github.flare4j.emulator;

import java.util.List;

/**
 * Everything one inference response says, before it is written in a wire format.
 *
 * @param messageId    the id of the assistant message, {@code msg-...}
 * @param parts        the streamed parts, in order
 * @param finishReason why the reply ended
 * @param usage        the token counts
 */
record Reply(String messageId, List<ReplyPart> parts, FinishReason finishReason, Usage usage) {

    Reply {
        parts = List.copyOf(parts);
    }

    /** The text of all text parts, joined. */
    String text() {
        StringBuilder text = new StringBuilder();
        for (ReplyPart part : parts) {
            if (part instanceof ReplyPart.Text delta) {
                text.append(delta.delta());
            }
        }
        return text.toString();
    }
}
