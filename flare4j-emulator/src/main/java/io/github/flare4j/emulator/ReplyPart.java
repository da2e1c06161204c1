package io.github.flare4j.emulator;

/**
 * One streamed piece of a reply, independent of the wire format. Each maps to one frame in the v4
 * data stream and to one or more events in the v5 UI message stream.
 */
sealed interface ReplyPart {

    /** Whether this part carries generated output, and so counts as one completion token. */
    boolean isDelta();

    /** A piece of the model's reasoning. */
    record Reasoning(String delta) implements ReplyPart {
        @Override
        public boolean isDelta() {
            return true;
        }
    }

    /** A piece of the answer text. */
    record Text(String delta) implements ReplyPart {
        @Override
        public boolean isDelta() {
            return true;
        }
    }

    /** The start of a streamed tool call. */
    record ToolInputStart(String toolCallId, String toolName) implements ReplyPart {
        @Override
        public boolean isDelta() {
            return false;
        }
    }

    /** A piece of a tool call's arguments, as JSON text. */
    record ToolInputDelta(String toolCallId, String inputTextDelta) implements ReplyPart {
        @Override
        public boolean isDelta() {
            return true;
        }
    }

    /** A complete tool call; {@code inputJson} is the arguments object as JSON text. */
    record ToolCall(String toolCallId, String toolName, String inputJson) implements ReplyPart {
        @Override
        public boolean isDelta() {
            return false;
        }
    }
}
