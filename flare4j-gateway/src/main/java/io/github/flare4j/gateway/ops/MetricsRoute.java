package io.github.flare4j.gateway.ops;

import io.github.flare4j.gateway.http.Route;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code GET /metrics}: the registry in Prometheus' text format. It needs an API key like the
 * API routes when the gateway has keys (the model names and traffic it shows are the operator's
 * business; Prometheus sends one with {@code authorization: {credentials_file: ...}}), and is open
 * when the gateway has none (loopback only).
 */
public final class MetricsRoute implements Route {
  /** Prometheus' text exposition format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;

  public MetricsRoute(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void handle(io.github.flare4j.gateway.http.Exchange exchange) throws Exception {
    exchange.send(200, CONTENT_TYPE, registry.scrape().getBytes(StandardCharsets.UTF_8), Map.of());
  }
}
