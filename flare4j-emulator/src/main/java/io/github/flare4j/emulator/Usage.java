package io.github.flare4j.emulator;

/**
 * Token counts reported at the end of a reply.
 *
 * @param promptTokens     words in the request's system message and message texts
 * @param completionTokens delta parts streamed (reasoning, text and tool-argument pieces)
 */
record Usage(int promptTokens, int completionTokens) {

    int totalTokens() {
        return promptTokens + completionTokens;
    }
}
