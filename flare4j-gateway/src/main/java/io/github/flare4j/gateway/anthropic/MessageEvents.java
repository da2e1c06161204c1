package io.github.flare4j.gateway.anthropic;

import io.github.flare4j.FinishReason;
import io.github.flare4j.ReasoningDelta;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.ResponseStart;
import io.github.flare4j.StepReset;
import io.github.flare4j.TextDelta;
import io.github.flare4j.ToolCall;
import io.github.flare4j.ToolCallDelta;
import io.github.flare4j.Usage;
import io.github.flare4j.gateway.http.ErrorShape;
import io.github.flare4j.gateway.http.Exchange;
import io.github.flare4j.gateway.http.Json;
import io.github.flare4j.gateway.http.JsonBytes;
import io.github.flare4j.gateway.http.SseStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * A reply as Anthropic's event stream: {@code message_start} (the message with empty content and
 * usage), one {@code ping}, then for each content block {@code content_block_start},
 * {@code content_block_delta}s ({@code thinking_delta} and a closing {@code signature_delta},
 * {@code text_delta}, {@code input_json_delta} carrying the tool call's argument fragments as they
 * arrive) and {@code content_block_stop}; then {@code message_delta} (stop reason and usage) and
 * {@code message_stop}. A failure after the stream began is an {@code error} event in Anthropic's
 * error shape, and the stream ends.
 *
 * <p>One block is open at a time, as Anthropic sends them. A tool call's block stays open until
 * the whole call arrived; what comes meanwhile for another block (another call's fragments, text)
 * is held back and sent after it, so no block's content is split. The upstream's usage gives the
 * counts; without it, the input is the {@link TokenEstimate estimate} sent in
 * {@code message_start} and the output is estimated from what was sent. A withdrawn step
 * ({@link StepReset}) cannot be taken back from a client, so it is not: what follows is sent
 * after it.
 */
final class MessageEvents {
  private enum Kind { TEXT, THINKING, TOOL }

  private static final class Tool {
    final int block;
    final StringBuilder sent = new StringBuilder();
    boolean done;

    Tool(int block) {
      this.block = block;
    }
  }

  private final Exchange exchange;
  private static final byte[] DELTA_HEAD = JsonBytes.ascii(
      "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":");
  private static final byte[] TEXT_DELTA = JsonBytes.ascii(
      ",\"delta\":{\"type\":\"text_delta\",\"text\":\"");
  private static final byte[] THINKING_DELTA = JsonBytes.ascii(
      ",\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"");
  private static final byte[] DELTA_TAIL = JsonBytes.ascii("\"}}\n\n");

  private final SseStream events;
  private final String id;
  private final String model;
  private final int estimatedInput;
  private final Map<Integer, Tool> tools = new HashMap<>();
  private List<ResponseItem> held = new ArrayList<>();
  private int blocks;
  private Kind open;
  private Tool openTool;
  private Usage usage;
  private FinishReason finish = new FinishReason("stop");
  private boolean calledTools;
  private long outputChars;

  MessageEvents(Exchange exchange, SseStream events, String id, String model, int estimatedInput) {
    this.exchange = exchange;
    this.events = events;
    this.id = id;
    this.model = model;
    this.estimatedInput = estimatedInput;
  }

  /** Sends the whole stream; a failure of the reply becomes the error event. */
  void run(Iterator<ResponseItem> items) throws IOException {
    ObjectNode message = Json.MAPPER.createObjectNode();
    message.put("id", id);
    message.put("type", "message");
    message.put("role", "assistant");
    message.put("model", model);
    message.putArray("content");
    message.putNull("stop_reason");
    message.putNull("stop_sequence");
    message.set("usage", MessagesRoute.usage(null, estimatedInput, 0));
    ObjectNode start = event("message_start");
    start.set("message", message);
    send("message_start", start);
    send("ping", event("ping"));
    try {
      while (items.hasNext()) {
        handle(items.next());
      }
    } catch (RuntimeException failure) {
      send("error", ErrorShape.ANTHROPIC.body(MessagesRoute.error(failure)));
      return;
    }
    finishBlocks();
    if (blocks == 0) {
      openBlock(Kind.TEXT, Json.MAPPER.createObjectNode().put("type", "text").put("text", ""));
      closeBlock();
    }
    ObjectNode delta = event("message_delta");
    delta.putObject("delta").put("stop_reason", MessagesRoute.stopReason(finish, calledTools))
        .putNull("stop_sequence");
    ObjectNode counts = MessagesRoute.usage(usage, estimatedInput,
        (int) Math.min(Integer.MAX_VALUE, (outputChars + 3) / 4));
    counts.remove("service_tier");
    delta.set("usage", counts);
    exchange.addTokens(counts.get("input_tokens").asLong() + counts.get("output_tokens").asLong()
        + counts.get("cache_read_input_tokens").asLong());
    send("message_delta", delta);
    send("message_stop", event("message_stop"));
  }

  private void handle(ResponseItem item) throws IOException {
    switch (item) {
      case ResponseStart ignored -> { }
      case TextDelta text -> {
        if (text.text().isEmpty()) {
          return;
        }
        if (holding()) {
          held.add(item);
          return;
        }
        ensure(Kind.TEXT);
        outputChars += text.text().length();
        textDelta(TEXT_DELTA, text.text());
      }
      case ReasoningDelta reasoning -> {
        if (reasoning.text().isEmpty()) {
          return;
        }
        if (holding()) {
          held.add(item);
          return;
        }
        ensure(Kind.THINKING);
        outputChars += reasoning.text().length();
        textDelta(THINKING_DELTA, reasoning.text());
      }
      case ToolCallDelta piece -> {
        calledTools = true;
        Tool tool = tools.get(piece.index());
        if (tool == null) {
          if (holding()) {
            held.add(item);
            return;
          }
          tool = openTool(piece.index(), piece.id(), piece.name());
        } else if (tool != openTool) {
          if (!tool.done) {
            held.add(item);
          }
          return;
        }
        arguments(tool, piece.argumentsFragment());
      }
      case ToolCall call -> {
        calledTools = true;
        Tool tool = tools.get(call.index());
        if (tool == null) {
          if (holding()) {
            held.add(item);
            return;
          }
          tool = openTool(call.index(), call.id(), call.name());
        } else if (tool != openTool) {
          if (!tool.done) {
            held.add(item);
          }
          return;
        }
        String sent = tool.sent.toString();
        if (call.arguments().startsWith(sent)) {
          arguments(tool, call.arguments().substring(sent.length()));
        }
        tool.done = true;
        closeBlock();
        release();
      }
      case StepReset reset -> { } // sent text cannot be withdrawn; the new step follows
      case Usage counts -> usage = usage == null ? counts : usage.plus(counts);
      case FinishReason reason -> finish = reason;
    }
  }

  /** Whether a tool call's block is open and its call not yet whole. */
  private boolean holding() {
    return open == Kind.TOOL && openTool != null && !openTool.done;
  }

  private Tool openTool(int index, String callId, String name) throws IOException {
    ObjectNode block = Json.MAPPER.createObjectNode();
    block.put("type", "tool_use");
    block.put("id", callId == null || callId.isBlank() ? MessagesRoute.newId("toolu_") : callId);
    block.put("name", name == null ? "" : name);
    block.putObject("input");
    closeBlock();
    openBlock(Kind.TOOL, block);
    Tool tool = new Tool(blocks - 1);
    tools.put(index, tool);
    openTool = tool;
    outputChars += block.get("name").asString().length();
    return tool;
  }

  private void arguments(Tool tool, String fragment) throws IOException {
    if (fragment.isEmpty()) {
      return;
    }
    tool.sent.append(fragment);
    outputChars += fragment.length();
    delta(Json.MAPPER.createObjectNode().put("type", "input_json_delta")
        .put("partial_json", fragment));
  }

  /**
   * Sends what was held back while a tool call's block was open, in arrival order; what belongs
   * to a block that cannot open yet is held again.
   */
  private void release() throws IOException {
    while (!held.isEmpty() && !holding()) {
      List<ResponseItem> pending = held;
      held = new ArrayList<>();
      for (ResponseItem item : pending) {
        handle(item);
      }
    }
  }

  /** At the end: closes an unfinished call's block and sends what it held back. */
  private void finishBlocks() throws IOException {
    while (holding()) {
      openTool.done = true;
      closeBlock();
      release();
    }
    closeBlock();
  }

  private void ensure(Kind kind) throws IOException {
    if (open == kind) {
      return;
    }
    closeBlock();
    ObjectNode block = Json.MAPPER.createObjectNode();
    if (kind == Kind.TEXT) {
      block.put("type", "text").put("text", "");
    } else {
      block.put("type", "thinking").put("thinking", "").put("signature", "");
    }
    openBlock(kind, block);
  }

  private void openBlock(Kind kind, ObjectNode block) throws IOException {
    ObjectNode start = event("content_block_start");
    start.put("index", blocks);
    start.set("content_block", block);
    send("content_block_start", start);
    open = kind;
    blocks++;
  }

  private void closeBlock() throws IOException {
    if (open == null) {
      return;
    }
    if (open == Kind.THINKING) {
      delta(Json.MAPPER.createObjectNode().put("type", "signature_delta").put("signature", ""));
    }
    ObjectNode stop = event("content_block_stop");
    stop.put("index", blocks - 1);
    send("content_block_stop", stop);
    open = null;
    openTool = null;
  }

  /**
   * Writes a {@code content_block_delta} of text or thinking, one per token, straight from bytes:
   * the same bytes as {@link #delta} gives for
   * {@code {"type":"text_delta","text":...}} (or {@code thinking_delta}, {@code thinking}).
   */
  private void textDelta(byte[] between, String text) throws IOException {
    events.buffer().raw(DELTA_HEAD).number(blocks - 1).raw(between).escaped(text).raw(DELTA_TAIL);
    events.written();
  }

  private void delta(ObjectNode delta) throws IOException {
    ObjectNode event = event("content_block_delta");
    event.put("index", blocks - 1);
    event.set("delta", delta);
    send("content_block_delta", event);
  }

  private static ObjectNode event(String type) {
    return Json.MAPPER.createObjectNode().put("type", type);
  }

  private void send(String name, ObjectNode data) throws IOException {
    events.event(name, data);
  }
}
