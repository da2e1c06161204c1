package io.github.flare4j.emulator;

import io.github.flare4j.emulator.workersai.RouteExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.http.HttpField;

/** Hands an {@link Exchange} to the Workers AI routes, which live in their own package. */
final class WorkersAiExchangeAdapter implements RouteExchange {

    private final Exchange exchange;

    WorkersAiExchangeAdapter(Exchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public String method() {
        return exchange.method();
    }

    @Override
    public String path() {
        return exchange.path();
    }

    @Override
    public String query() {
        return exchange.query();
    }

    @Override
    public String header(String name) {
        return exchange.header(name);
    }

    @Override
    public void respond(int status, List<HttpField> headers, String body) throws IOException {
        exchange.respond(status, headers, body);
    }

    @Override
    public void begin(int status, List<HttpField> headers) {
        exchange.begin(status, headers);
    }

    @Override
    public void contentLength(long length) {
        exchange.contentLength(length);
    }

    @Override
    public void write(String text) throws IOException {
        exchange.write(text);
    }

    @Override
    public void send(int status, List<HttpField> headers, String document, FaultEffect effect) throws IOException {
        exchange.send(status, headers, document, effect);
    }

    @Override
    public void end(Fault fault, Duration stallDuration) {
        exchange.end(fault, stallDuration);
    }
}
