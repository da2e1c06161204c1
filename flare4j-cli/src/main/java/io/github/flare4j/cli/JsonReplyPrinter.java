package io.github.flare4j.cli;

import io.github.flare4j.FinishReason;
import io.github.flare4j.ReasoningDelta;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.ResponseStart;
import io.github.flare4j.StepReset;
import io.github.flare4j.TextDelta;
import io.github.flare4j.ToolCall;
import io.github.flare4j.ToolCallDelta;
import io.github.flare4j.Usage;
import java.io.PrintWriter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * The reply as NDJSON on standard output, one event per line, flushed as {@link ReplyPrinter#flush}
 * says:
 * <pre>
 * {"type":"gateway","cache_status":"MISS","log_id":"01J..."}
 * {"type":"text","text":"Hello"}
 * {"type":"reasoning","text":"..."}
 * {"type":"tool_call","id":"call_1","name":"weather","arguments":"{\"city\":\"Paris\"}"}
 * {"type":"step_reset","text_length":17,"reasoning_length":0,"tool_calls":1}
 * {"type":"usage","prompt_tokens":5,"completion_tokens":12,"total_tokens":17}
 * {"type":"finish","reason":"stop","kind":"stop"}
 * {"type":"error","message":"...","exit_code":5}
 * </pre>
 * The {@code error} event ends the stream only when the call failed.
 * A tool call's {@code arguments} is the JSON text as a string, as in OpenAI's API. The
 * {@code gateway} event comes first, and only when the reply went through AI Gateway: its
 * {@code cf-aig-cache-status} and {@code cf-aig-log-id} headers, each null when not sent. A
 * {@code step_reset} event says that the service started a step over: the last
 * {@code text_length} characters of the {@code text} events, {@code reasoning_length} of the
 * {@code reasoning} events and the last {@code tool_calls} {@code tool_call} events are withdrawn.
 * The reply's start ({@link ResponseStart}) and the pieces of tool calls ({@link ToolCallDelta})
 * write no event: each call is one {@code tool_call} event once complete.
 */
final class JsonReplyPrinter implements ReplyPrinter {
  /**
   * Thread-safe and immutable; leaves the writer open and unflushed when a generator closes (this
   * printer flushes when {@link #flush()} says).
   */
  private static final JsonFactory JSON = JsonFactory.builder()
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
      .build();

  private final PrintWriter out;

  JsonReplyPrinter(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void gateway(String cacheStatus, String logId) {
    try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      json.writeStartObject();
      json.writeStringProperty("type", "gateway");
      json.writeStringProperty("cache_status", cacheStatus);
      json.writeStringProperty("log_id", logId);
      json.writeEndObject();
    }
    out.print('\n');
    out.flush();
  }

  @Override
  public void item(ResponseItem item) {
    if (item instanceof ResponseStart || item instanceof ToolCallDelta) {
      return; // no event: see the class documentation
    }
    try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      json.writeStartObject();
      switch (item) {
        case ResponseStart start -> { } // not reached: no event, returned above
        case ToolCallDelta piece -> { } // not reached: no event, returned above
        case TextDelta text -> {
          json.writeStringProperty("type", "text");
          json.writeStringProperty("text", text.text());
        }
        case ReasoningDelta reasoning -> {
          json.writeStringProperty("type", "reasoning");
          json.writeStringProperty("text", reasoning.text());
        }
        case ToolCall call -> {
          json.writeStringProperty("type", "tool_call");
          json.writeStringProperty("id", call.id());
          json.writeStringProperty("name", call.name());
          json.writeStringProperty("arguments", call.arguments());
        }
        case StepReset reset -> {
          json.writeStringProperty("type", "step_reset");
          json.writeNumberProperty("text_length", reset.textLength());
          json.writeNumberProperty("reasoning_length", reset.reasoningLength());
          json.writeNumberProperty("tool_calls", reset.toolCalls());
        }
        case Usage usage -> {
          json.writeStringProperty("type", "usage");
          json.writeNumberProperty("prompt_tokens", usage.promptTokens());
          json.writeNumberProperty("completion_tokens", usage.completionTokens());
          json.writeNumberProperty("total_tokens", usage.totalTokens());
        }
        case FinishReason finish -> {
          json.writeStringProperty("type", "finish");
          json.writeStringProperty("reason", finish.reason());
          json.writeStringProperty("kind", finish.kind().name().toLowerCase(java.util.Locale.ROOT));
        }
      }
      json.writeEndObject();
    }
    out.print('\n');
  }

  /**
   * The last event of a failed call: {@code {"type":"error","message":...,"exit_code":N}}, with the
   * message standard error shows.
   */
  void error(String message, int exitCode) {
    try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      json.writeStartObject();
      json.writeStringProperty("type", "error");
      json.writeStringProperty("message", message);
      json.writeNumberProperty("exit_code", exitCode);
      json.writeEndObject();
    }
    out.print('\n');
    out.flush();
  }

  @Override
  public void flush() {
    out.flush();
  }

  @Override
  public void finish() {
    out.flush();
  }

  @Override
  public void abort() {
    out.flush(); // every event is a whole line already
  }
}
