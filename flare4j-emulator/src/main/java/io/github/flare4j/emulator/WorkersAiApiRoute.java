package io.github.flare4j.emulator;

import io.github.flare4j.emulator.workersai.WorkersAiRoutes;
import java.io.IOException;

/** Workers AI's REST, OpenAI-compatible and AI Gateway paths, answered by {@link WorkersAiRoutes}. */
final class WorkersAiApiRoute implements Route {

    private final WorkersAiRoutes routes;

    WorkersAiApiRoute(WorkersAiRoutes routes) {
        this.routes = routes;
    }

    @Override
    public void answer(Exchange exchange, RouteCall call) throws IOException {
        routes.handle(new WorkersAiExchangeAdapter(exchange), call.body(), call.fault());
    }
}
