package io.github.flare4j.gateway;

import io.github.flare4j.gateway.anthropic.CountTokensRoute;
import io.github.flare4j.gateway.anthropic.MessagesRoute;
import io.github.flare4j.gateway.http.ErrorShape;
import io.github.flare4j.gateway.http.Route;
import io.github.flare4j.gateway.ops.HealthRoute;
import io.github.flare4j.gateway.openai.ChatCompletionsRoute;
import io.github.flare4j.gateway.openai.EmbeddingsRoute;
import io.github.flare4j.gateway.ops.MetricsRoute;
import io.github.flare4j.gateway.openai.ModelsRoute;
import io.github.flare4j.gateway.openai.ResponsesRoute;
import io.github.flare4j.gateway.web.WebChatRoute;
import java.util.ArrayList;
import java.util.List;

/** Every endpoint of the gateway: a new one is one class and one line here. */
final class Routes {
  /**
   * One endpoint: method, path, whether it needs a key, its errors' shape, its handler. A path
   * ending in {@code /*} is a prefix: it takes every longer path under it (the metrics label it
   * by this pattern, so a client's ids never become label values).
   */
  record Entry(String method, String path, boolean open, ErrorShape shape, Route route) {
    boolean matches(String requested) {
      return path.endsWith("/*")
          ? requested.length() > path.length() - 1
              && requested.startsWith(path.substring(0, path.length() - 1))
          : path.equals(requested);
    }
  }

  private Routes() {}

  static List<Entry> all(GatewayContext context) {
    List<Entry> routes = new ArrayList<>();
    routes.add(new Entry("GET", "/healthz", true, ErrorShape.OPENAI, HealthRoute.live()));
    routes.add(new Entry("GET", "/readyz", true, ErrorShape.OPENAI, HealthRoute.ready(context)));
    routes.add(new Entry("GET", "/metrics", false, ErrorShape.OPENAI,
        new MetricsRoute(context.metrics())));
    ModelsRoute models = new ModelsRoute(context);
    routes.add(new Entry("GET", ModelsRoute.PATH, false, ErrorShape.OPENAI, models));
    routes.add(new Entry("GET", ModelsRoute.PATH + "/*", false, ErrorShape.OPENAI, models));
    routes.add(new Entry("POST", "/v1/chat/completions", false, ErrorShape.OPENAI,
        new ChatCompletionsRoute(context)));
    routes.add(new Entry("POST", "/v1/embeddings", false, ErrorShape.OPENAI,
        new EmbeddingsRoute(context)));
    routes.add(new Entry("POST", "/v1/messages", false, ErrorShape.ANTHROPIC,
        new MessagesRoute(context)));
    routes.add(new Entry("POST", "/v1/messages/count_tokens", false, ErrorShape.ANTHROPIC,
        new CountTokensRoute(context)));
    routes.add(new Entry("POST", "/v1/responses", false, ErrorShape.OPENAI, new ResponsesRoute(context)));
    routes.add(new Entry("GET", "/", true, ErrorShape.OPENAI, new WebChatRoute()));
    return routes;
  }
}
