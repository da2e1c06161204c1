package io.github.flare4j.emulator.workersai;

import io.github.flare4j.emulator.Fault;
import java.io.IOException;
import java.util.List;
import org.eclipse.jetty.http.HttpField;

/**
 * One of Workers AI's routes, called by {@link WorkersAiRoutes} once the account and token have been
 * checked: a new route is one class implementing this and one line in its table.
 */
@FunctionalInterface
interface WorkersAiRoute {

    /**
     * Answers one request.
     *
     * @param exchange the request and its response
     * @param model    the model named by the path (REST, or AI Gateway's Workers AI route), or null when
     *                 the body names it (the OpenAI-compatible routes) or the route has none
     * @param body     the request body
     * @param fault    a body fault, or null
     * @param extra    headers every answer carries after the usual ones (AI Gateway's)
     * @throws IOException when writing fails
     */
    void answer(RouteExchange exchange, String model, String body, Fault fault, List<HttpField> extra)
            throws IOException;
}
