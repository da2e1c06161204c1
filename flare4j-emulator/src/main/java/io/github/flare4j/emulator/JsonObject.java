package io.github.flare4j.emulator;

import java.util.List;

/**
 * Writes one JSON object, members in the order added, without spaces: the compact form the wire
 * formats use. Values are strings, numbers, booleans, null, or JSON text written elsewhere.
 */
final class JsonObject {

    private final StringBuilder text = new StringBuilder("{");

    JsonObject string(String name, String value) {
        return raw(name, value == null ? "null" : JsonText.quote(value));
    }

    JsonObject number(String name, long value) {
        return raw(name, Long.toString(value));
    }

    JsonObject bool(String name, boolean value) {
        return raw(name, Boolean.toString(value));
    }

    JsonObject object(String name, JsonObject value) {
        return raw(name, value.toString());
    }

    JsonObject array(String name, List<JsonObject> values) {
        StringBuilder array = new StringBuilder("[");
        for (JsonObject value : values) {
            if (array.length() > 1) {
                array.append(',');
            }
            array.append(value);
        }
        return raw(name, array.append(']').toString());
    }

    /** Adds a member whose value is already JSON text. */
    JsonObject raw(String name, String json) {
        if (text.length() > 1) {
            text.append(',');
        }
        text.append(JsonText.quote(name)).append(':').append(json);
        return this;
    }

    @Override
    public String toString() {
        return text + "}";
    }
}
