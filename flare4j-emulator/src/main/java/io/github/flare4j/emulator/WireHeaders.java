package io.github.flare4j.emulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Response header fields written exactly as named. Jetty would print a header it knows in its
 * canonical case ({@code Content-Type}); the real servers sent some in lower case
 * ({@code content-type}), and the emulator keeps their spelling.
 */
final class WireHeaders {

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private WireHeaders() {
    }

    /** A header that Jetty sends with this exact name and does not interpret. */
    static HttpField verbatim(String name, String value) {
        return new HttpField((HttpHeader) null, name, value);
    }

    /** A {@code Date} header for now, in the HTTP date format. */
    static HttpField date() {
        return new HttpField(HttpHeader.DATE, HTTP_DATE.format(Instant.now()));
    }
}
