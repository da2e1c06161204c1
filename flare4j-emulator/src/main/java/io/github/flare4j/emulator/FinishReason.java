package io.github.flare4j.emulator;

/** Why a reply ended, with the name the AI SDK puts on the wire. */
enum FinishReason {
    STOP("stop"),
    LENGTH("length"),
    TOOL_CALLS("tool-calls");

    private final String wireName;

    FinishReason(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }
}
