package io.github.flare4j.gateway;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * What every route shares: the providers, the settings and the metrics registry.
 *
 * @param upstreams the providers behind the gateway
 * @param settings the limits and switches it runs with
 * @param metrics where routes count requests, tokens and streams
 */
public record GatewayContext(
    Upstreams upstreams, GatewaySettings settings, PrometheusMeterRegistry metrics) {}
