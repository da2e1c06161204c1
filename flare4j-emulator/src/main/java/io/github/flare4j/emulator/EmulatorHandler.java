package io.github.flare4j.emulator;

import io.github.flare4j.emulator.workersai.WorkersAiAccount;
import io.github.flare4j.emulator.workersai.WorkersAiRoutes;
import java.io.IOException;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Records every request, picks its fault, and routes it: {@code GET /api/models},
 * {@code POST /api/inference}, {@code 405} for another method on those paths, {@code 404} elsewhere.
 *
 * <p>The fault comes from the {@value Emulator#FAULT_HEADER} header if present (the queue is then
 * left alone), else from the queue of the request's path. Error-status faults answer before
 * routing, as Cloudflare's edge would; body faults are handed to the route. Workers AI's paths
 * ({@link WorkersAiRoutes}) are answered by their own routes.
 */
final class EmulatorHandler extends Handler.Abstract {

    private final EmulatorSettings settings;
    private final FaultQueue faults;
    private final RequestLog log;
    private final ModelsRoute models;
    private final InferenceRoute inference;
    private final WorkersAiRoutes workersAi;

    EmulatorHandler(EmulatorSettings settings, FaultQueue faults, RequestLog log) {
        this(settings, faults, log, WorkersAiAccount.DEFAULT);
    }

    EmulatorHandler(EmulatorSettings settings, FaultQueue faults, RequestLog log, WorkersAiAccount account) {
        this.workersAi = new WorkersAiRoutes(account, settings::models, settings::tokenDelay, settings.stallDuration(),
                settings::retryAfterSeconds, settings::replyTokens, settings::workersPaid, settings::busy);
        this.settings = settings;
        this.faults = faults;
        this.log = log;
        RandomTokens tokens = new RandomTokens();
        this.models = new ModelsRoute(settings, tokens);
        this.inference = new InferenceRoute(settings, tokens);
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
        if (exchange.path().equals(Emulator.REDIRECT_LOOP_PATH)) {
            StatusFaults.redirect(exchange, 307, Emulator.REDIRECT_LOOP_PATH);
            return;
        }
        if (WorkersAiRoutes.matches(exchange.path())) {
            workersAi.handle(new WorkersAiExchangeAdapter(exchange), body, fault);
            return;
        }
        switch (exchange.path()) {
            case Emulator.MODELS_PATH -> {
                if (exchange.method().equals("GET")) {
                    models.handle(exchange, fault);
                } else {
                    methodNotAllowed(exchange, "GET");
                }
            }
            case Emulator.INFERENCE_PATH -> {
                if (exchange.method().equals("POST")) {
                    inference.handle(exchange, body, format, fault);
                } else {
                    methodNotAllowed(exchange, "POST");
                }
            }
            default -> exchange.respondError(404, "Not Found");
        }
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

    private static void methodNotAllowed(Exchange exchange, String allowed) throws IOException {
        exchange.respond(405, List.of(
                WireHeaders.verbatim("content-type", "application/json"),
                new HttpField(HttpHeader.ALLOW, allowed),
                WireHeaders.date()), new JsonObject().string("error", "Method Not Allowed").toString());
    }
}
