package io.github.flare4j.emulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One request as the emulator received it, recorded before it was answered.
 *
 * @param method  the HTTP method, e.g. {@code POST}
 * @param path    the path with its query string, if any, e.g. {@code /api/models?x=1}
 * @param headers every header line in the order received
 * @param body    the body decoded as UTF-8; empty when there was none
 */
public record RecordedRequest(String method, String path, List<Header> headers, String body) {

    /**
     * One header line.
     *
     * @param name  the name as received
     * @param value the value
     */
    public record Header(String name, String value) {

        /**
         * Checks the parts.
         *
         * @param name  the name
         * @param value the value
         */
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * Copies the header list so the record stays immutable.
     *
     * @param method  the HTTP method
     * @param path    the path with query
     * @param headers the header lines
     * @param body    the body
     */
    public RecordedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    /**
     * The first value of a header.
     *
     * @param name the header name, in any case
     * @return its first value, or null when the request had no such header
     */
    public String header(String name) {
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                return header.value();
            }
        }
        return null;
    }

    /**
     * Every value of a header, in order.
     *
     * @param name the header name, in any case
     * @return the values; empty when the request had no such header
     */
    public List<String> headerValues(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).toList();
    }

    /**
     * The cookies the request sent, from all its {@code Cookie} headers.
     *
     * @return cookie values by name, in the order sent (a later duplicate wins)
     */
    public Map<String, String> cookies() {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String line : headerValues("Cookie")) {
            for (String pair : line.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
            }
        }
        return Collections.unmodifiableMap(cookies);
    }
}
