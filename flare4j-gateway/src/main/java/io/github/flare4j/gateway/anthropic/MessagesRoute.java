package io.github.flare4j.gateway.anthropic;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.ChatResult;
import io.github.flare4j.ChatStream;
import io.github.flare4j.FinishReason;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.ToolCall;
import io.github.flare4j.Usage;
import io.github.flare4j.gateway.GatewayContext;
import io.github.flare4j.gateway.Upstreams;
import io.github.flare4j.gateway.http.ApiException;
import io.github.flare4j.gateway.http.Exchange;
import io.github.flare4j.gateway.http.Json;
import io.github.flare4j.gateway.http.Route;
import io.github.flare4j.gateway.http.SseStream;
import io.github.flare4j.gateway.http.UpstreamErrors;
import java.security.SecureRandom;
import java.util.Iterator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/messages}: Anthropic's Messages API in front of the gateway's providers. The
 * request is read by {@link MessagesRequest}; the reply is Anthropic's message object, or with
 * {@code stream: true} its event stream ({@link MessageEvents}). {@code anthropic-version} is
 * accepted whatever its value and not required; {@code anthropic-beta} is ignored.
 *
 * <p>The reply's {@code id} is the gateway's own ({@code msg_...}) and its {@code model} the model
 * as the client named it. {@code stop_reason}: {@code end_turn}, {@code max_tokens},
 * {@code tool_use} (whenever the reply calls a tool), {@code stop_sequence} when the upstream
 * reports that one ended it, {@code refusal} for a content filter. {@code usage.input_tokens} is
 * the upstream's prompt tokens less those it read from its cache
 * ({@code cache_read_input_tokens}); when the upstream reports no usage, both counts are
 * {@link TokenEstimate estimates}. A reasoning model's reasoning comes back as a
 * {@code thinking} block with an empty {@code signature}.
 */
public final class MessagesRoute implements Route {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final GatewayContext context;

  public MessagesRoute(GatewayContext context) {
    this.context = context;
  }

  @Override
  public void handle(Exchange exchange) throws Exception {
    MessagesRequest parsed = MessagesRequest.forMessages(exchange.readJson());
    exchange.model(parsed.model);
    Upstreams.Choice choice = context.upstreams().choose(parsed.model);
    ChatRequest request = parsed.toChatRequest(choice);
    int estimatedInput = TokenEstimate.input(parsed.messages, parsed.tools);
    try (ChatStream stream = context.calls().open(exchange, choice, request)) {
      Iterator<ResponseItem> items = stream.iterator();
      try {
        items.hasNext(); // sends the request: a refusal is still an HTTP error
      } catch (RuntimeException e) {
        throw UpstreamErrors.toApi(e);
      }
      if (parsed.stream) {
        new MessageEvents(exchange, exchange.startEvents(SseStream.KeepAlive.PING),
            newId("msg_"), parsed.model,
            estimatedInput).run(items);
        return;
      }
      ChatResult result;
      try {
        result = ChatResult.of(() -> items);
      } catch (RuntimeException e) {
        throw UpstreamErrors.toApi(e);
      }
      exchange.sendJson(200, message(exchange, parsed, result, estimatedInput));
    }
  }

  private static ObjectNode message(Exchange exchange, MessagesRequest parsed, ChatResult result,
      int estimatedInput) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("id", newId("msg_"));
    body.put("type", "message");
    body.put("role", "assistant");
    body.put("model", parsed.model);
    ArrayNode content = body.putArray("content");
    if (!result.reasoning().isEmpty()) {
      content.addObject().put("type", "thinking").put("thinking", result.reasoning())
          .put("signature", "");
    }
    if (!result.text().isEmpty() || result.toolCalls().isEmpty()) {
      content.addObject().put("type", "text").put("text", result.text());
    }
    int argumentChars = 0;
    for (ToolCall call : result.toolCalls()) {
      ObjectNode block = content.addObject();
      block.put("type", "tool_use");
      block.put("id", call.id().isBlank() ? newId("toolu_") : call.id());
      block.put("name", call.name());
      block.set("input", input(call.arguments()));
      argumentChars += call.arguments().length();
    }
    body.put("stop_reason", stopReason(result.finishReason(), !result.toolCalls().isEmpty()));
    body.putNull("stop_sequence");
    int estimatedOutput = TokenEstimate.of(result.text()) + TokenEstimate.of(result.reasoning())
        + (argumentChars + 3) / 4;
    body.set("usage", usage(result.usage().orElse(null), estimatedInput, estimatedOutput));
    result.usage().ifPresentOrElse(u -> exchange.addTokens(u.totalTokens()),
        () -> exchange.addTokens(estimatedInput + estimatedOutput));
    return body;
  }

  /** Anthropic's usage object from the upstream's usage, or the estimates when it has none. */
  static ObjectNode usage(Usage usage, int estimatedInput, int estimatedOutput) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    int cached = usage == null ? 0 : usage.cachedTokens();
    node.put("input_tokens", usage == null ? estimatedInput
        : Math.max(0, usage.promptTokens() - cached));
    node.put("cache_creation_input_tokens", 0);
    node.put("cache_read_input_tokens", cached);
    node.put("output_tokens", usage == null ? estimatedOutput : usage.completionTokens());
    node.put("service_tier", "standard");
    return node;
  }

  /** A tool call's arguments as the {@code input} object; not an object: {@code {}}. */
  static JsonNode input(String arguments) {
    try {
      JsonNode parsed = Json.MAPPER.readTree(arguments);
      if (parsed != null && parsed.isObject()) {
        return parsed;
      }
    } catch (JacksonException notJson) {
      // an upstream's broken arguments: the client gets an empty input rather than a failure
    }
    return Json.MAPPER.createObjectNode();
  }

  /** Anthropic's {@code stop_reason} for the library's finish reason. */
  static String stopReason(FinishReason finish, boolean calledTools) {
    if (finish.reason().equalsIgnoreCase("stop_sequence")) {
      return "stop_sequence";
    }
    return switch (finish.kind()) {
      case LENGTH -> "max_tokens";
      case TOOL_CALLS -> "tool_use";
      case CONTENT_FILTER -> "refusal";
      default -> calledTools ? "tool_use" : "end_turn";
    };
  }

  /** A new id: the prefix and 24 random letters and digits. */
  static String newId(String prefix) {
    StringBuilder id = new StringBuilder(prefix);
    for (int i = 0; i < 24; i++) {
      id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }

  /** For the error event: the library's failure as the API's error. */
  static ApiException error(RuntimeException failure) {
    return UpstreamErrors.toApi(failure);
  }
}
