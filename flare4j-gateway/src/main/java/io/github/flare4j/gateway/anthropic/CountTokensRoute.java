package io.github.flare4j.gateway.anthropic;

import io.github.flare4j.error.ModelNotFoundException;
import io.github.flare4j.gateway.GatewayContext;
import io.github.flare4j.gateway.Upstreams;
import io.github.flare4j.gateway.http.Exchange;
import io.github.flare4j.gateway.http.Json;
import io.github.flare4j.gateway.http.Route;
import io.github.flare4j.gateway.http.UpstreamErrors;

/**
 * {@code POST /v1/messages/count_tokens}: {@code {"input_tokens": N}} for a Messages request
 * (the same body, {@code max_tokens} not needed). N is an <b>estimate</b>: flare4j has no
 * tokenizer for Cloudflare's models, so it counts by {@link TokenEstimate}'s rule (characters / 4,
 * rounded up, per text, plus 4 tokens per message, 1,600 per image and 8 per tool). The body is
 * checked as {@code /v1/messages} checks it (a 400 names the field); an unknown model is a 404.
 * Nothing is sent upstream but, once, the provider's model list.
 */
public final class CountTokensRoute implements Route {
  private final GatewayContext context;

  public CountTokensRoute(GatewayContext context) {
    this.context = context;
  }

  @Override
  public void handle(Exchange exchange) throws Exception {
    MessagesRequest parsed = MessagesRequest.forCounting(exchange.readJson());
    exchange.model(parsed.model);
    Upstreams.Choice choice = context.upstreams().choose(parsed.model);
    try {
      choice.provider().model(choice.model());
    } catch (ModelNotFoundException e) {
      throw UpstreamErrors.toApi(e);
    }
    exchange.sendJson(200, Json.MAPPER.createObjectNode()
        .put("input_tokens", TokenEstimate.input(parsed.messages, parsed.tools)));
  }
}
