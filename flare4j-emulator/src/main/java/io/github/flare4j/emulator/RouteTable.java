package io.github.flare4j.emulator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The emulator's routes: method and {@link PathPattern} to one {@link Route}, first match wins. A
 * path some entry matches but not with the request's method gets {@code 405} with {@code Allow}; a
 * path no entry matches gets {@code 404}. Both answer {@code {"error":...}} as JSON.
 *
 * <p>Built once, then only read: thread-safe.
 */
final class RouteTable {

    /** The method of an entry that takes every method (its route answers 405 itself if it must). */
    static final String ANY_METHOD = "*";

    private record Entry(String method, PathPattern path, Route route) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** Adds a route for {@code method} ({@link #ANY_METHOD} for all) on the paths {@code glob} matches. */
    RouteTable route(String method, String glob, Route route) {
        return route(method, PathPattern.glob(glob), route);
    }

    /** Adds a route for {@code method} ({@link #ANY_METHOD} for all) on the paths {@code path} matches. */
    RouteTable route(String method, PathPattern path, Route route) {
        entries.add(new Entry(method, path, route));
        return this;
    }

    /** Answers through the first entry matching the method and path, else 405 or 404. */
    void dispatch(Exchange exchange, RouteCall call) throws IOException {
        String path = exchange.path();
        Set<String> allowed = new LinkedHashSet<>();
        for (Entry entry : entries) {
            if (!entry.path().matches(path)) {
                continue;
            }
            if (entry.method().equals(ANY_METHOD) || entry.method().equals(exchange.method())) {
                entry.route().answer(exchange, call);
                return;
            }
            allowed.add(entry.method());
        }
        if (allowed.isEmpty()) {
            exchange.respondError(404, "Not Found");
        } else {
            exchange.respond(405, List.of(
                    WireHeaders.verbatim("content-type", "application/json"),
                    new HttpField(HttpHeader.ALLOW, String.join(", ", allowed)),
                    WireHeaders.date()), new JsonObject().string("error", "Method Not Allowed").toString());
        }
    }
}
