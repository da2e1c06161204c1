package io.github.flare4j.gateway.openai;

import io.github.flare4j.ChatResult;
import io.github.flare4j.ChatStream;
import io.github.flare4j.FinishReason;
import io.github.flare4j.ReasoningDelta;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.ResponseStart;
import io.github.flare4j.StepReset;
import io.github.flare4j.TextDelta;
import io.github.flare4j.ToolCall;
import io.github.flare4j.ToolCallDelta;
import io.github.flare4j.Usage;
import io.github.flare4j.gateway.GatewayContext;
import io.github.flare4j.gateway.http.ApiException;
import io.github.flare4j.gateway.http.ErrorShape;
import io.github.flare4j.gateway.http.Exchange;
import io.github.flare4j.gateway.http.Json;
import io.github.flare4j.gateway.http.Route;
import io.github.flare4j.gateway.http.SseStream;
import io.github.flare4j.gateway.http.UpstreamErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/chat/completions}: OpenAI's Chat Completions API, whole ({@code
 * chat.completion}) or streamed ({@code chat.completion.chunk} events ending in {@code data:
 * [DONE]}). Errors before the first byte are ordinary error responses; an error after the stream
 * began is one {@code data: {"error":{...}}} event, after which the stream ends without {@code
 * [DONE]} (the OpenAI SDKs raise it). A client that leaves closes the upstream call.
 *
 * <p>A {@link StepReset} (the service withdrew a step) cannot be taken back from a client that
 * already has the chunks; it is ignored, and the whole answer keeps what was streamed. The whole
 * ({@code stream:false}) answer drops what was withdrawn.
 */
public final class ChatCompletionsRoute implements Route {
  private final GatewayContext context;

  public ChatCompletionsRoute(GatewayContext context) {
    this.context = context;
  }

  @Override
  public void handle(Exchange exchange) throws Exception {
    JsonNode body = exchange.readJson();
    if (body.get("model") != null && body.get("model").isString()) {
      exchange.model(body.get("model").stringValue()); // for the access log, even of a 400
    }
    ChatCompletionRequests.Parsed parsed = ChatCompletionRequests.parse(body, context.upstreams());
    exchange.model(parsed.clientModel());
    ChatStream opened;
    try {
      opened = context.calls().open(exchange, parsed.choice(), parsed.request());
    } catch (ApiException e) {
      throw parsed.withParam(e);
    }
    try (ChatStream stream = opened) {
      Iterator<ResponseItem> items = stream.iterator();
      ResponseItem first;
      try {
        first = items.hasNext() ? items.next() : null;
      } catch (RuntimeException e) {
        throw parsed.withParam(UpstreamErrors.toApi(e));
      }
      ResponseStart start = first instanceof ResponseStart s ? s
          : new ResponseStart(ResponseStart.generatedId(), fallbackModel(parsed), Instant.now());
      List<ResponseItem> pending = new ArrayList<>();
      if (first != null && !(first instanceof ResponseStart)) {
        pending.add(first);
      }
      if (parsed.stream()) {
        streamed(exchange, parsed, start, pending, items);
      } else {
        whole(exchange, start, pending, items);
      }
    }
  }

  private static String fallbackModel(ChatCompletionRequests.Parsed parsed) {
    String model = parsed.choice().model();
    return model.isBlank() ? parsed.clientModel() : model;
  }

  private void whole(Exchange exchange, ResponseStart start, List<ResponseItem> pending,
      Iterator<ResponseItem> items) throws IOException {
    List<ResponseItem> all = new ArrayList<>();
    all.add(start);
    all.addAll(pending);
    try {
      items.forEachRemaining(all::add);
    } catch (RuntimeException e) {
      throw UpstreamErrors.toApi(e);
    }
    ChatResult result = ChatResult.of(all);
    if (result.finishReason().kind() == FinishReason.Kind.ERROR) {
      throw upstreamReportedError();
    }
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("id", start.id());
    body.put("object", "chat.completion");
    body.put("created", start.created().getEpochSecond());
    body.put("model", start.model());
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    if (result.text().isEmpty() && !result.toolCalls().isEmpty()) {
      message.putNull("content");
    } else {
      message.put("content", result.text());
    }
    message.putNull("refusal");
    if (!result.reasoning().isEmpty()) {
      message.put("reasoning_content", result.reasoning());
    }
    if (!result.toolCalls().isEmpty()) {
      ArrayNode calls = message.putArray("tool_calls");
      for (ToolCall call : result.toolCalls()) {
        ObjectNode item = calls.addObject();
        item.put("id", call.id());
        item.put("type", "function");
        item.putObject("function").put("name", call.name()).put("arguments", call.arguments());
      }
    }
    message.putArray("annotations");
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason(result.finishReason(),
        !result.toolCalls().isEmpty()));
    Usage usage = result.usage().orElse(new Usage(0, 0, 0));
    body.set("usage", usage(usage));
    exchange.addTokens(usage.totalTokens());
    exchange.sendJson(200, body);
  }

  private void streamed(Exchange exchange, ChatCompletionRequests.Parsed parsed,
      ResponseStart start, List<ResponseItem> pending, Iterator<ResponseItem> items)
      throws IOException {
    Chunks chunks = new Chunks(start, parsed.includeUsage());
    SseStream sse = exchange.startEvents();
    ObjectNode opening = chunks.chunk();
    chunks.delta(opening).put("role", "assistant").put("content", "");
    sse.data(opening);
    Set<Integer> callsStarted = new HashSet<>();
    Usage usage = null;
    FinishReason finish = null;
    Iterator<ResponseItem> queued = pending.iterator();
    while (true) {
      ResponseItem item;
      try {
        if (queued.hasNext()) {
          item = queued.next();
        } else if (items.hasNext()) {
          item = items.next();
        } else {
          break;
        }
      } catch (RuntimeException e) {
        sse.data(ErrorShape.OPENAI.body(UpstreamErrors.toApi(e)));
        return;
      }
      switch (item) {
        case ResponseStart ignored -> { }
        case TextDelta text -> {
          if (!text.text().isEmpty()) {
            chunks.text(sse, false, text.text());
          }
        }
        case ReasoningDelta reasoning -> {
          if (!reasoning.text().isEmpty()) {
            chunks.text(sse, true, reasoning.text());
          }
        }
        case ToolCallDelta piece -> {
          ObjectNode chunk = chunks.chunk();
          ObjectNode call = chunks.delta(chunk).putArray("tool_calls").addObject();
          call.put("index", piece.index());
          ObjectNode function;
          if (callsStarted.add(piece.index())) {
            call.put("id", piece.id() != null ? piece.id() : "call_" + start.id()
                + "_" + piece.index());
            call.put("type", "function");
            function = call.putObject("function");
            function.put("name", piece.name() == null ? "" : piece.name());
          } else {
            function = call.putObject("function");
          }
          function.put("arguments", piece.argumentsFragment());
          sse.data(chunk);
        }
        case ToolCall whole -> {
          if (callsStarted.add(whole.index())) { // a service that sent no pieces
            ObjectNode chunk = chunks.chunk();
            ObjectNode call = chunks.delta(chunk).putArray("tool_calls").addObject();
            call.put("index", whole.index());
            call.put("id", whole.id());
            call.put("type", "function");
            call.putObject("function").put("name", whole.name())
                .put("arguments", whole.arguments());
            sse.data(chunk);
          }
        }
        case StepReset ignored -> { } // what the client has cannot be withdrawn
        case Usage u -> usage = usage == null ? u : usage.plus(u);
        case FinishReason f -> finish = f;
      }
    }
    if (finish != null && finish.kind() == FinishReason.Kind.ERROR) {
      sse.data(ErrorShape.OPENAI.body(upstreamReportedError()));
      return;
    }
    ObjectNode last = chunks.chunk();
    chunks.delta(last);
    ((ObjectNode) last.get("choices").get(0)).put("finish_reason",
        finishReason(finish == null ? new FinishReason("stop") : finish,
            !callsStarted.isEmpty()));
    sse.data(last);
    Usage total = usage == null ? new Usage(0, 0, 0) : usage;
    exchange.addTokens(total.totalTokens());
    if (parsed.includeUsage()) {
      ObjectNode usageChunk = chunks.base();
      usageChunk.putArray("choices");
      usageChunk.set("usage", usage(total));
      sse.data(usageChunk);
    }
    sse.done();
  }

  private static ApiException upstreamReportedError() {
    return new ApiException(502, "api_error", "The upstream model reported an error and ended"
        + " its reply", null, "upstream_error", Map.of());
  }

  /** OpenAI's finish reason for the library's. */
  static String finishReason(FinishReason reason, boolean calledTools) {
    return switch (reason.kind()) {
      case STOP -> "stop";
      case LENGTH -> "length";
      case TOOL_CALLS -> "tool_calls";
      case CONTENT_FILTER -> "content_filter";
      case ERROR, OTHER -> calledTools ? "tool_calls" : "stop";
    };
  }

  /** OpenAI's usage object. */
  static ObjectNode usage(Usage usage) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("prompt_tokens", usage.promptTokens());
    node.put("completion_tokens", usage.completionTokens());
    node.put("total_tokens", usage.totalTokens());
    node.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedTokens());
    node.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
    return node;
  }

  /**
   * Chunks of one reply: each with the reply's id, created and model. The chunks of text and of
   * reasoning, one per token, are written from bytes made once from the tree of such a chunk:
   * the bytes before its text and those after (which hold no value of the reply's), so they are
   * the same bytes as the tree gives.
   */
  private static final class Chunks {
    private final ResponseStart start;
    private final boolean includeUsage;
    /** Before and after the text, for content and for reasoning_content; made when first used. */
    private byte[][] textTemplate;
    private byte[][] reasoningTemplate;

    Chunks(ResponseStart start, boolean includeUsage) {
      this.start = start;
      this.includeUsage = includeUsage;
    }

    ObjectNode base() {
      ObjectNode chunk = Json.MAPPER.createObjectNode();
      chunk.put("id", start.id());
      chunk.put("object", "chat.completion.chunk");
      chunk.put("created", start.created().getEpochSecond());
      chunk.put("model", start.model());
      return chunk;
    }

    /** A chunk with one choice whose finish_reason is null; its delta is {@link #delta}. */
    ObjectNode chunk() {
      ObjectNode chunk = base();
      ObjectNode choice = chunk.putArray("choices").addObject();
      choice.put("index", 0);
      choice.putObject("delta");
      choice.putNull("logprobs");
      choice.putNull("finish_reason");
      if (includeUsage) {
        chunk.putNull("usage");
      }
      return chunk;
    }

    ObjectNode delta(ObjectNode chunk) {
      return (ObjectNode) chunk.get("choices").get(0).get("delta");
    }

    /** Writes the chunk of one piece of text (or reasoning) as {@code data:} event. */
    void text(SseStream sse, boolean reasoning, String text) throws IOException {
      byte[][] template = reasoning ? reasoningTemplate : textTemplate;
      if (template == null) {
        template = template(reasoning ? "reasoning_content" : "content");
        if (reasoning) {
          reasoningTemplate = template;
        } else {
          textTemplate = template;
        }
      }
      sse.buffer().raw(template[0]).escaped(text).raw(template[1]);
      sse.written();
    }

    /** The bytes before and after the value of {@code field} in an event of such a chunk. */
    private byte[][] template(String field) {
      ObjectNode chunk = chunk();
      delta(chunk).put(field, "");
      String json = "data: " + Json.MAPPER.writeValueAsString(chunk) + "\n\n";
      String marker = "\"" + field + "\":\"\"";
      // The last one: what follows the delta is fixed text, while the id or model before it
      // could hold anything.
      int at = json.lastIndexOf(marker) + marker.length() - 1;
      return new byte[][] {json.substring(0, at).getBytes(StandardCharsets.UTF_8),
          json.substring(at).getBytes(StandardCharsets.UTF_8)};
    }
  }
}
