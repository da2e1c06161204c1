package io.github.flare4j.gateway;

import io.github.flare4j.gateway.http.UpstreamCall;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * What every route shares: the providers, the settings and the metrics registry.
 *
 * @param upstreams the providers behind the gateway
 * @param settings the limits and switches it runs with
 * @param metrics where routes count requests, tokens and streams
 * @param calls how routes call a provider (the bound on concurrent calls, metrics, cancel)
 */
public record GatewayContext(Upstreams upstreams, GatewaySettings settings,
    PrometheusMeterRegistry metrics, UpstreamCall calls) {}
