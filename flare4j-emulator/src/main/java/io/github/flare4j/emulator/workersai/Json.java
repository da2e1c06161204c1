package io.github.flare4j.emulator.workersai;

import java.util.List;

/**
 * Compact JSON as Cloudflare's servers write it: members in the order added, no spaces, strings
 * escaped as JavaScript's {@code JSON.stringify} does.
 */
final class Json {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder text = new StringBuilder("{");

    Json string(String name, String value) {
        return raw(name, value == null ? "null" : quote(value));
    }

    Json number(String name, long value) {
        return raw(name, Long.toString(value));
    }

    Json bool(String name, boolean value) {
        return raw(name, Boolean.toString(value));
    }

    Json object(String name, Json value) {
        return raw(name, value.toString());
    }

    Json array(String name, List<Json> values) {
        return raw(name, array(values));
    }

    /** Adds a member whose value is already JSON text. */
    Json raw(String name, String json) {
        if (text.length() > 1) {
            text.append(',');
        }
        text.append(quote(name)).append(':').append(json);
        return this;
    }

    @Override
    public String toString() {
        return text + "}";
    }

    static String array(List<Json> values) {
        StringBuilder array = new StringBuilder("[");
        for (Json value : values) {
            if (array.length() > 1) {
                array.append(',');
            }
            array.append(value);
        }
        return array.append(']').toString();
    }

    /** Quotes a string the way {@code JSON.stringify} does. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
