package io.github.flare4j.emulator;

import java.util.List;

/** Reads one cookie from {@code Cookie} header values. */
final class Cookies {

    private Cookies() {
    }

    /** The value of the named cookie, or null. */
    static String value(List<String> cookieHeaders, String name) {
        for (String line : cookieHeaders) {
            for (String pair : line.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                    return pair.substring(eq + 1).trim();
                }
            }
        }
        return null;
    }
}
