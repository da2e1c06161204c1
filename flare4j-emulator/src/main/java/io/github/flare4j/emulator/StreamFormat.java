package io.github.flare4j.emulator;

import java.util.Locale;

/**
 * The body formats the playground's {@code POST /api/inference} has answered with.
 *
 * <p>Both are sent with {@code Content-Type: text/x-unknown} by default, as the real playground did,
 * so a client has to recognise the format from the body.
 */
public enum StreamFormat {

    /** Vercel AI SDK v4 data stream: one {@code CODE:JSON} line per part ({@code f:}, {@code 0:}, {@code e:}, {@code d:}). */
    V4,

    /** Vercel AI SDK v5 UI message stream: server-sent events {@code data: {"type":...}} ending with {@code data: [DONE]}. */
    V5;

    /**
     * Reads a format name as written in a header or on a command line: {@code v4} or {@code v5}, in any case.
     *
     * @param name the name
     * @return the format
     * @throws IllegalArgumentException if the name is neither
     */
    public static StreamFormat parse(String name) {
        String normalised = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        for (StreamFormat format : values()) {
            if (format.name().equals(normalised)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown stream format '" + name + "' (expected v4 or v5)");
    }
}
