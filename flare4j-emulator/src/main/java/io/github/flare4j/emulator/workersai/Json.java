package io.github.flare4j.emulator.workersai;

import io.github.flare4j.emulator.JsonText;
import java.util.List;

/**
 * Compact JSON as Cloudflare's servers write it: members in the order added, no spaces, strings
 * escaped as JavaScript's {@code JSON.stringify} does.
 */
final class Json {

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
        return JsonText.quote(value);
    }
}
