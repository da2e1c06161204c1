package io.github.flare4j.gateway.openai;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.ChatStream;
import io.github.flare4j.provider.Feature;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.ResponseStart;
import io.github.flare4j.Usage;
import io.github.flare4j.gateway.GatewayContext;
import io.github.flare4j.gateway.Upstreams;
import io.github.flare4j.gateway.http.ApiException;
import io.github.flare4j.gateway.http.Exchange;
import io.github.flare4j.gateway.http.Route;
import io.github.flare4j.gateway.http.SseStream;
import io.github.flare4j.gateway.http.UpstreamErrors;
import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/responses}: OpenAI's Responses API, stateless. The request is read by
 * {@link ResponsesRequests}; the reply is the response object, or with {@code "stream": true} the
 * API's semantic event stream ({@link ResponseEvents}). The first item of the reply is awaited
 * before anything is sent, so a failure known at once (an unknown model, a refused request, a
 * rate limit) is an HTTP error; one after the stream began is an {@code error} event and
 * {@code response.failed}, and the stream ends.
 */
public final class ResponsesRoute implements Route {
  private final GatewayContext context;

  public ResponsesRoute(GatewayContext context) {
    this.context = context;
  }

  @Override
  public void handle(Exchange exchange) throws Exception {
    ResponsesRequests.Parsed parsed = ResponsesRequests.parse(exchange.readJson());
    exchange.model(parsed.model());
    Upstreams.Choice choice = context.upstreams().choose(parsed.model());
    ChatRequest request;
    try {
      request = ProviderHints.drop(parsed.chat().model(choice.model()).build(), choice.provider());
      refuseUnsupported(request, choice);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(null, e.getMessage());
    }
    try (ChatStream stream = context.calls().open(exchange, choice, request)) {
      Iterator<ResponseItem> items = stream.iterator();
      ResponseItem first;
      try {
        first = items.hasNext() ? items.next() : null;
      } catch (RuntimeException e) {
        throw UpstreamErrors.toApi(e);
      }
      ResponseStart start = first instanceof ResponseStart s ? s
          : new ResponseStart(ResponseStart.generatedId(), choice.model().isBlank() ? "unknown"
              : choice.model(), Instant.now());
      String model = parsed.model().startsWith(choice.providerName() + "/")
          ? choice.providerName() + "/" + start.model() : start.model();
      if (parsed.stream()) {
        stream(exchange, parsed, items, first, start, model);
      } else {
        whole(exchange, parsed, items, first, start, model);
      }
    }
  }

  /**
   * A 400 naming the Responses field of the first setting the provider does not take (the
   * provider would refuse it too, but without naming the field).
   */
  private void refuseUnsupported(ChatRequest request, Upstreams.Choice choice) {
    List<Feature> missing = choice.provider().capabilities().unsupported(request);
    if (missing.isEmpty()) {
      return;
    }
    String field = field(missing.getFirst());
    throw ApiException.badRequest(field, "The provider " + choice.providerName() + " takes no "
        + missing.stream().map(ResponsesRoute::field).distinct().collect(Collectors.joining(", "))
        + ": leave " + field + " out, or choose another provider with a model prefix (one of "
        + String.join(", ", context.upstreams().names()) + ")");
  }

  private static String field(Feature feature) {
    return switch (feature) {
      case MAX_TOKENS -> "max_output_tokens";
      case JSON_OBJECT, JSON_SCHEMA -> "text.format";
      case IMAGES -> "input";
      case REASONING_EFFORT -> "reasoning.effort";
      default -> feature.wireName();
    };
  }

  private static void whole(Exchange exchange, ResponsesRequests.Parsed parsed,
      Iterator<ResponseItem> items, ResponseItem first, ResponseStart start, String model)
      throws IOException {
    ResponseEvents response = new ResponseEvents(null, parsed.echo());
    response.begin(start, model);
    if (first != null && !(first instanceof ResponseStart)) {
      response.accept(first);
    }
    try {
      while (items.hasNext()) {
        response.accept(items.next());
      }
    } catch (RuntimeException e) {
      throw UpstreamErrors.toApi(e);
    }
    count(exchange, response.usage());
    if (response.endedInError()) {
      throw upstreamEndedInError();
    }
    ObjectNode body = response.complete();
    exchange.sendJson(200, body, Map.of());
  }

  private static void stream(Exchange exchange, ResponsesRequests.Parsed parsed,
      Iterator<ResponseItem> items, ResponseItem first, ResponseStart start, String model)
      throws IOException {
    SseStream events = exchange.startEvents();
    ResponseEvents response = new ResponseEvents(events, parsed.echo());
    response.begin(start, model);
    try {
      if (first != null && !(first instanceof ResponseStart)) {
        response.accept(first);
      }
      while (items.hasNext()) {
        response.accept(items.next());
      }
    } catch (RuntimeException e) {
      count(exchange, response.usage());
      response.fail(UpstreamErrors.toApi(e));
      return;
    }
    count(exchange, response.usage());
    if (response.endedInError()) {
      response.fail(upstreamEndedInError());
      return;
    }
    response.complete();
  }

  private static ApiException upstreamEndedInError() {
    return new ApiException(502, "api_error", "The upstream model ended its reply with an error",
        null, "upstream_error", Map.of());
  }

  private static void count(Exchange exchange, Usage usage) {
    if (usage != null) {
      exchange.addTokens(usage.totalTokens());
    }
  }
}
