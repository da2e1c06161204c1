package io.github.flare4j.gateway.ops;

import io.github.flare4j.gateway.GatewayContext;
import io.github.flare4j.gateway.http.Json;
import io.github.flare4j.gateway.http.Route;

/** {@code GET /healthz} (the process answers) and {@code GET /readyz} (it can take requests). */
public final class HealthRoute {
  private HealthRoute() {}

  /** Always {@code {"status":"ok"}}. */
  public static Route live() {
    return exchange -> exchange.sendJson(200, Json.MAPPER.createObjectNode().put("status", "ok"));
  }

  /** {@code {"status":"ready","providers":[..]}}. */
  public static Route ready(GatewayContext context) {
    return exchange -> {
      var body = Json.MAPPER.createObjectNode().put("status", "ready");
      var names = body.putArray("providers");
      context.upstreams().names().forEach(names::add);
      exchange.sendJson(200, body);
    };
  }
}
