package io.github.flare4j.emulator;

import io.github.flare4j.emulator.workersai.WorkersAiAccount;
import io.github.flare4j.emulator.workersai.WorkersAiRoutes;
import java.io.IOException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Records every request, picks its fault, and routes it through its {@link RouteTable}: see
 * {@link #routes} for the table.
 *
 * <p>The fault comes from the {@value Emulator#FAULT_HEADER} header if present (the queue is then
 * left alone), else from the queue of the request's path. Error-status faults answer before
 * routing, as Cloudflare's edge would; body faults are handed to the route.
 */
final class EmulatorHandler extends Handler.Abstract {

    private final EmulatorSettings settings;
    private final FaultQueue faults;
    private final RequestLog log;
    private final RouteTable routes;

    EmulatorHandler(EmulatorSettings settings, FaultQueue faults, RequestLog log) {
        this(settings, faults, log, WorkersAiAccount.DEFAULT);
    }

    EmulatorHandler(EmulatorSettings settings, FaultQueue faults, RequestLog log, WorkersAiAccount account) {
        this.settings = settings;
        this.faults = faults;
        this.log = log;
        this.routes = routes(settings, new RandomTokens(), new WorkersAiRoutes(account, settings::models,
                settings::tokenDelay, settings.stallDuration(), settings::retryAfterSeconds, settings::replyTokens,
                settings::workersPaid, settings::busy));
    }

    /**
     * The routes, first match first: a new route is one class and one line here. A path none matches is
     * {@code 404}; a path one matches with another method {@code 405} (see {@link RouteTable}).
     */
    private static RouteTable routes(EmulatorSettings settings, RandomTokens tokens, WorkersAiRoutes workersAi) {
        WorkersAiApiRoute workersAiRoute = new WorkersAiApiRoute(workersAi);
        return new RouteTable()
                .route(RouteTable.ANY_METHOD, Emulator.REDIRECT_LOOP_PATH, new RedirectLoopRoute())
                .route(RouteTable.ANY_METHOD, WorkersAiRoutes.API_PREFIX + "**", workersAiRoute)
                .route(RouteTable.ANY_METHOD, PathPattern.glob(WorkersAiRoutes.GATEWAY_PREFIX + "**")
                        .and(path -> path.contains("/workers-ai/"), "a workers-ai segment"), workersAiRoute)
                .route("GET", Emulator.MODELS_PATH, new ModelsRoute(settings, tokens))
                .route("POST", Emulator.INFERENCE_PATH, new InferenceRoute(settings, tokens));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange exchange = new Exchange(request, response, callback, log);
        exchange.signals(settings.signals());
        if (settings.coalesceWrites()) {
            exchange.coalesceWrites();
        }
        try {
            RecordedRequest recorded = exchange.record();
            log.record(recorded);
            answer(exchange, recorded.body());
        } catch (IOException | RuntimeException e) {
            exchange.fail(e);
        }
        return true;
    }

    private void answer(Exchange exchange, String body) throws IOException {
        Fault fault;
        StreamFormat format;
        try {
            fault = fault(exchange);
            format = format(exchange);
        } catch (IllegalArgumentException e) {
            exchange.respondError(400, e.getMessage());
            return;
        }
        if (fault != null && fault.isErrorStatus()) {
            StatusFaults.respond(exchange, fault, settings.retryAfterSeconds());
            return;
        }
        if (fault == Fault.UNRECOGNISED_JSON) {
            StatusFaults.unrecognisedJson(exchange);
            return;
        }
        routes.dispatch(exchange, new RouteCall(body, format, fault));
    }

    private Fault fault(Exchange exchange) {
        String name = exchange.header(Emulator.FAULT_HEADER);
        if (name != null) {
            return Fault.parse(name);
        }
        return faults.poll(exchange.path()).orElse(null);
    }

    private StreamFormat format(Exchange exchange) {
        String name = exchange.header(Emulator.FORMAT_HEADER);
        return name == null ? settings.format() : StreamFormat.parse(name);
    }
}
