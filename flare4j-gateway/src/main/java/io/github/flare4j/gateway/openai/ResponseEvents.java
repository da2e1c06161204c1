package io.github.flare4j.gateway.openai;

import io.github.flare4j.FinishReason;
import io.github.flare4j.ReasoningDelta;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.ResponseStart;
import io.github.flare4j.StepReset;
import io.github.flare4j.TextDelta;
import io.github.flare4j.ToolCall;
import io.github.flare4j.ToolCallDelta;
import io.github.flare4j.Usage;
import io.github.flare4j.gateway.http.ApiException;
import io.github.flare4j.gateway.http.Json;
import io.github.flare4j.gateway.http.JsonBytes;
import io.github.flare4j.gateway.http.SseStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds one Responses API response object from a reply's items, and, when streaming, writes the
 * API's semantic events as it goes: {@code response.created}, {@code response.in_progress}, then
 * per output item {@code response.output_item.added}, its content events
 * ({@code response.content_part.added}, {@code response.output_text.delta} / {@code .done},
 * {@code response.content_part.done}; {@code response.reasoning_text.delta} / {@code .done} for a
 * reasoning item; {@code response.function_call_arguments.delta} / {@code .done} for a function
 * call), {@code response.output_item.done}, and last {@code response.completed} (or
 * {@code response.incomplete} when the token limit cut the reply), each event with its
 * {@code type} and a {@code sequence_number} counting from 0. A failure after the stream began is
 * an {@code error} event followed by {@code response.failed}. A finished response always has a
 * {@code usage}, with zeros when the upstream reported none (the playground's Agents socket), as
 * some clients (the AI SDK's Responses provider) require the object.
 *
 * <p>The non-streamed answer runs the same machine without a sink, so both give the same object.
 * A {@link StepReset} (the service withdrew the end of a step) cannot take back deltas already
 * sent: the withdrawn text is left out of the items' {@code .done} events and of the final
 * response, and withdrawn function calls are left out of its {@code output}.
 */
final class ResponseEvents {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] DELTA_TAIL = JsonBytes.ascii("\",\"sequence_number\":");
  private static final byte[] EVENT_END = JsonBytes.ascii("}\n\n");

  /** Where the events go: the event stream, or null for a whole response. */
  private final SseStream sink;
  private final ResponsesRequests.Echo echo;
  private final String id = newId("resp_");
  private String model;
  private long createdAt;
  private int sequence;
  private final List<Item> items = new ArrayList<>();
  private TextItem open;
  private final Map<Integer, CallItem> calls = new HashMap<>();
  private Usage usage;
  private FinishReason finish;

  /**
   * @param sink where events go, or null for a whole response
   * @param echo the request's settings, which the response object repeats
   */
  ResponseEvents(SseStream sink, ResponsesRequests.Echo echo) {
    this.sink = sink;
    this.echo = echo;
  }

  /** The response's id ({@code resp_...}). */
  String id() {
    return id;
  }

  /** The usage so far, or null. */
  Usage usage() {
    return usage;
  }

  /** Whether the upstream ended the reply with an error as its finish reason. */
  boolean endedInError() {
    return finish != null && finish.kind() == FinishReason.Kind.ERROR;
  }

  /** Starts the response: {@code response.created} and {@code response.in_progress}. */
  void begin(ResponseStart start, String modelName) throws IOException {
    this.model = modelName;
    this.createdAt = start.created().getEpochSecond();
    ObjectNode snapshot = response("in_progress");
    emit("response.created", data().set("response", snapshot));
    emit("response.in_progress", data().set("response", snapshot));
  }

  /** Takes one item of the reply. */
  void accept(ResponseItem item) throws IOException {
    switch (item) {
      case ResponseStart start -> { } // a later step's start: the response goes on
      case TextDelta delta -> text(delta.text(), false);
      case ReasoningDelta delta -> text(delta.text(), true);
      case ToolCallDelta delta -> callDelta(delta);
      case ToolCall call -> call(call);
      case StepReset reset -> reset(reset);
      case Usage more -> usage = usage == null ? more : usage.plus(more);
      case FinishReason reason -> finish = reason;
    }
  }

  /**
   * Ends the response: closes the open items and sends {@code response.completed} (or
   * {@code response.incomplete}).
   *
   * @return the whole response object
   */
  ObjectNode complete() throws IOException {
    String status = "completed";
    String reason = null;
    if (finish != null && finish.kind() == FinishReason.Kind.LENGTH) {
      status = "incomplete";
      reason = "max_output_tokens";
    } else if (finish != null && finish.kind() == FinishReason.Kind.CONTENT_FILTER) {
      status = "incomplete";
      reason = "content_filter";
    }
    String itemStatus = status;
    closeText(itemStatus);
    for (CallItem call : List.copyOf(calls.values())) {
      finishCall(call, call.arguments.toString(), itemStatus);
    }
    ObjectNode response = response(status);
    if (reason != null) {
      response.putObject("incomplete_details").put("reason", reason);
    }
    emit(status.equals("completed") ? "response.completed" : "response.incomplete",
        data().set("response", response));
    return response;
  }

  /**
   * Ends a streamed response that failed after it began: an {@code error} event, then
   * {@code response.failed} with the response as far as it got.
   */
  void fail(ApiException error) throws IOException {
    String code = switch (error.status()) {
      case 429 -> "rate_limit_exceeded";
      case 400 -> "invalid_prompt";
      default -> "server_error";
    };
    ObjectNode event = data();
    event.put("code", error.code() == null ? code : error.code());
    event.put("message", error.getMessage());
    event.put("param", error.param());
    emit("error", event);
    ObjectNode response = response("failed");
    ObjectNode detail = response.putObject("error");
    detail.put("code", code);
    detail.put("message", error.getMessage());
    emit("response.failed", data().set("response", response));
  }

  // ---- items ----

  private void text(String delta, boolean reasoning) throws IOException {
    if (delta.isEmpty()) {
      return;
    }
    if (open == null || open.reasoning != reasoning) {
      closeText("completed");
      open = new TextItem(newId(reasoning ? "rs_" : "msg_"), items.size(), reasoning);
      items.add(open);
      emit("response.output_item.added", itemEvent(open, open.json("in_progress", false)));
      emit("response.content_part.added", partEvent(open).set("part", open.part(false)));
    }
    open.text.append(delta);
    if (sink == null) {
      return;
    }
    if (open.deltaHead == null) {
      open.deltaHead = deltaHead(open);
    }
    sink.buffer().raw(open.deltaHead).escaped(delta).raw(DELTA_TAIL).number(sequence++)
        .raw(EVENT_END);
    sink.written();
  }

  /**
   * The bytes of an item's delta event up to its text, made once from the tree of such an event
   * (what follows the text is {@link #DELTA_TAIL}, the sequence number and {@link #EVENT_END}), so
   * they are the bytes {@link #emit} would write.
   */
  private byte[] deltaHead(TextItem item) {
    String type = item.reasoning ? "response.reasoning_text.delta" : "response.output_text.delta";
    ObjectNode event = Json.MAPPER.createObjectNode();
    event.put("type", type);
    event.setAll(textEvent(item).put("delta", ""));
    String json = Json.MAPPER.writeValueAsString(event);
    String head = "event: " + type + "\ndata: " + json.substring(0, json.length() - 2);
    if (!json.endsWith("\"\"}")) {
      throw new IllegalStateException("A delta event that does not end with its delta: " + json);
    }
    return head.getBytes(StandardCharsets.UTF_8);
  }

  private void closeText(String status) throws IOException {
    TextItem item = open;
    if (item == null) {
      return;
    }
    open = null;
    item.status = status;
    emit(item.reasoning ? "response.reasoning_text.done" : "response.output_text.done",
        textEvent(item).put("text", item.text.toString()));
    emit("response.content_part.done", partEvent(item).set("part", item.part(true)));
    emit("response.output_item.done", itemEvent(item, item.json(status, true)));
  }

  private void callDelta(ToolCallDelta delta) throws IOException {
    CallItem call = calls.get(delta.index());
    if (call == null) {
      call = startCall(delta.index(), delta.id(), delta.name());
    }
    if (call.name.isEmpty() && delta.name() != null) {
      call.name = delta.name();
    }
    if (!delta.argumentsFragment().isEmpty()) {
      call.arguments.append(delta.argumentsFragment());
      emit("response.function_call_arguments.delta",
          itemRef(call).put("delta", delta.argumentsFragment()));
    }
  }

  private void call(ToolCall whole) throws IOException {
    CallItem call = calls.get(whole.index());
    if (call == null) {
      call = startCall(whole.index(), whole.id(), whole.name());
    }
    call.callId = whole.id();
    call.name = whole.name();
    if (call.arguments.isEmpty()) {
      call.arguments.append(whole.arguments());
      emit("response.function_call_arguments.delta",
          itemRef(call).put("delta", whole.arguments()));
    }
    finishCall(call, whole.arguments(), "completed");
  }

  private CallItem startCall(int index, String callId, String name) throws IOException {
    closeText("completed");
    CallItem call = new CallItem(newId("fc_"), items.size(),
        callId == null || callId.isBlank() ? newId("call_") : callId, name == null ? "" : name);
    items.add(call);
    calls.put(index, call);
    emit("response.output_item.added", itemEvent(call, call.json("in_progress")));
    return call;
  }

  private void finishCall(CallItem call, String arguments, String status) throws IOException {
    calls.values().remove(call);
    call.arguments.setLength(0);
    call.arguments.append(arguments);
    call.status = status;
    emit("response.function_call_arguments.done",
        itemRef(call).put("name", call.name).put("arguments", arguments));
    emit("response.output_item.done", itemEvent(call, call.json(status)));
  }

  private void reset(StepReset reset) throws IOException {
    long text = reset.textLength();
    long reasoning = reset.reasoningLength();
    int withdrawnCalls = reset.toolCalls();
    // calls of the withdrawn step still streaming will not complete: ended, and left out
    for (CallItem call : List.copyOf(calls.values())) {
      finishCall(call, call.arguments.toString(), "incomplete");
      call.withdrawn = true;
    }
    for (int i = items.size() - 1; i >= 0; i--) {
      Item item = items.get(i);
      if (item instanceof TextItem t) {
        long cut = Math.min(t.reasoning ? reasoning : text, t.text.length());
        t.text.setLength((int) (t.text.length() - cut));
        if (t.reasoning) {
          reasoning -= cut;
        } else {
          text -= cut;
        }
        if (cut > 0 && t.text.isEmpty()) {
          if (t == open) {
            closeText("incomplete");
          }
          t.withdrawn = true;
        }
      } else if (item instanceof CallItem c && withdrawnCalls > 0 && !c.withdrawn) {
        c.withdrawn = true;
        withdrawnCalls--;
      }
    }
  }

  // ---- JSON ----

  private ObjectNode response(String status) {
    ObjectNode response = Json.MAPPER.createObjectNode();
    response.put("id", id);
    response.put("object", "response");
    response.put("created_at", createdAt);
    response.put("status", status);
    response.put("background", false);
    response.putNull("error");
    response.putNull("incomplete_details");
    response.put("instructions", echo.instructions());
    response.put("max_output_tokens", echo.maxOutputTokens());
    response.put("model", model);
    ArrayNode output = response.putArray("output");
    StringBuilder outputText = new StringBuilder();
    boolean done = !status.equals("in_progress");
    for (Item item : items) {
      if (item.withdrawn || !done) {
        continue;
      }
      switch (item) {
        case TextItem t -> {
          output.add(t.json(t.status == null ? "incomplete" : t.status, true));
          if (!t.reasoning) {
            outputText.append(t.text);
          }
        }
        case CallItem c -> output.add(c.json(c.status == null ? "incomplete" : c.status));
      }
    }
    response.put("output_text", outputText.toString());
    response.put("parallel_tool_calls", echo.parallelToolCalls());
    response.putNull("previous_response_id");
    response.set("reasoning", echo.reasoning());
    response.put("store", false);
    response.put("temperature", echo.temperature());
    response.set("text", echo.text());
    response.set("tool_choice", echo.toolChoice());
    response.set("tools", echo.tools());
    response.put("top_p", echo.topP());
    response.put("truncation", "disabled");
    if (done) {
      // Zeros when the upstream reported no usage (the playground's Agents socket): clients
      // that require the object (the AI SDK's Responses provider) still get one.
      Usage counts = usage == null ? new Usage(0, 0, 0) : usage;
      ObjectNode u = response.putObject("usage");
      u.put("input_tokens", counts.promptTokens());
      u.putObject("input_tokens_details").put("cached_tokens", counts.cachedTokens())
          .put("cache_write_tokens", 0);
      u.put("output_tokens", counts.completionTokens());
      u.putObject("output_tokens_details").put("reasoning_tokens", counts.reasoningTokens());
      u.put("total_tokens", counts.totalTokens());
    } else {
      response.putNull("usage");
    }
    response.put("user", echo.user());
    response.set("metadata", echo.metadata() == null ? Json.MAPPER.createObjectNode()
        : echo.metadata());
    return response;
  }

  private ObjectNode data() {
    return Json.MAPPER.createObjectNode();
  }

  private ObjectNode itemEvent(Item item, ObjectNode json) {
    ObjectNode event = data();
    event.put("output_index", item.outputIndex);
    event.set("item", json);
    return event;
  }

  private ObjectNode itemRef(Item item) {
    return data().put("item_id", item.id).put("output_index", item.outputIndex);
  }

  private ObjectNode partEvent(TextItem item) {
    return itemRef(item).put("content_index", 0);
  }

  private ObjectNode textEvent(TextItem item) {
    ObjectNode event = partEvent(item);
    if (!item.reasoning) {
      event.putArray("logprobs");
    }
    return event;
  }

  private void emit(String type, ObjectNode fields) throws IOException {
    if (sink == null) {
      return;
    }
    ObjectNode event = Json.MAPPER.createObjectNode();
    event.put("type", type);
    event.setAll(fields);
    event.put("sequence_number", sequence++);
    sink.event(type, event);
  }

  private static String newId(String prefix) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return prefix + HexFormat.of().formatHex(bytes);
  }

  // ---- the output items ----

  private abstract static sealed class Item permits TextItem, CallItem {
    final String id;
    final int outputIndex;
    String status;
    boolean withdrawn;

    Item(String id, int outputIndex) {
      this.id = id;
      this.outputIndex = outputIndex;
    }
  }

  /** A message (output_text) or a reasoning item (reasoning_text). */
  private static final class TextItem extends Item {
    final boolean reasoning;
    final StringBuilder text = new StringBuilder();
    /** Its delta events' bytes up to the text; made at the first delta streamed. */
    byte[] deltaHead;

    TextItem(String id, int outputIndex, boolean reasoning) {
      super(id, outputIndex);
      this.reasoning = reasoning;
    }

    ObjectNode part(boolean withText) {
      ObjectNode part = Json.MAPPER.createObjectNode();
      part.put("type", reasoning ? "reasoning_text" : "output_text");
      part.put("text", withText ? text.toString() : "");
      if (!reasoning) {
        part.putArray("annotations");
        part.putArray("logprobs");
      }
      return part;
    }

    ObjectNode json(String status, boolean withContent) {
      ObjectNode item = Json.MAPPER.createObjectNode();
      item.put("id", id);
      if (reasoning) {
        item.put("type", "reasoning");
        item.putArray("summary");
        ArrayNode content = item.putArray("content");
        if (withContent) {
          content.add(part(true));
        }
        item.put("status", status);
      } else {
        item.put("type", "message");
        item.put("status", status);
        item.put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (withContent) {
          content.add(part(true));
        }
      }
      return item;
    }
  }

  /** A function call. */
  private static final class CallItem extends Item {
    String callId;
    String name;
    final StringBuilder arguments = new StringBuilder();

    CallItem(String id, int outputIndex, String callId, String name) {
      super(id, outputIndex);
      this.callId = callId;
      this.name = name;
    }

    ObjectNode json(String status) {
      ObjectNode item = Json.MAPPER.createObjectNode();
      item.put("type", "function_call");
      item.put("id", id);
      item.put("call_id", callId);
      item.put("name", name);
      item.put("arguments", arguments.toString());
      item.put("status", status);
      return item;
    }
  }
}
