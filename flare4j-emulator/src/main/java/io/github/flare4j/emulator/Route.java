package io.github.flare4j.emulator;

import java.io.IOException;

/**
 * One route of the emulator: answers the requests its {@link RouteTable} entry (method and
 * {@link PathPattern}) sends it. A new route is one class implementing this and one line in
 * {@link EmulatorHandler#routes}.
 *
 * <p>Error-status faults have been answered before a route is called, as Cloudflare's edge would;
 * the route gets the body fault, if any, in its {@link RouteCall}.
 */
@FunctionalInterface
interface Route {

    /**
     * Answers one request; the response must be ended (or handed to a fault that ends it).
     *
     * @param exchange the request and its response
     * @param call     the request's body, stream format and body fault
     * @throws IOException when writing fails
     */
    void answer(Exchange exchange, RouteCall call) throws IOException;
}
