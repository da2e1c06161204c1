package io.github.flare4j.cloudflare;

import io.github.flare4j.Message;
import io.github.flare4j.Role;
import io.github.flare4j.ToolCall;
import io.github.flare4j.ToolDefinition;
import io.github.flare4j.internal.stream.Json;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;

/**
 * The body of {@code POST /api/inference}, field for field as the playground's web app sent it:
 * {@code {"messages":[{"role","content","parts":[{"type":"text","text"}]}],"lora":null,"model",
 * "max_tokens","stream":true,"system_message","tools":[]}}. System-role messages are not repeated
 * in {@code messages}: they become {@code system_message} (joined by blank lines when there are
 * several). Tools, when given, are sent in Workers AI's form
 * {@code {"name","description","parameters"}}; an assistant message's tool calls, with the results
 * of the tool messages that answer them, as the UI messages' {@code toolInvocations} and
 * {@code tool-invocation} parts (the answering tool messages are not sent on their own). The web
 * app always sends a {@code max_tokens}; an unset one is sent as {@link #DEFAULT_MAX_TOKENS}, what
 * this library always sent before it was optional.
 */
final class PlaygroundPayload {
  static final String DEFAULT_SYSTEM_MESSAGE = "You are a helpful assistant";
  static final int DEFAULT_MAX_TOKENS = 2048;

  private PlaygroundPayload() {}

  static String json(String model, List<Message> messages, OptionalInt maxTokens,
      List<ToolDefinition> tools) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator json = Json.generator(out)) {
      json.writeStartObject();
      json.writeName("messages");
      json.writeStartArray();
      Map<String, String> results = toolResults(messages);
      Set<String> called = calledIds(messages);
      for (Message message : messages) {
        if (message.role() == Role.SYSTEM
            || message.role() == Role.TOOL && called.contains(message.toolCallId())) {
          continue; // a tool's result goes with the call it answers, on the assistant message
        }
        json.writeStartObject();
        json.writeName("role");
        json.writeString(message.role().wireName());
        json.writeName("content");
        json.writeString(message.content());
        if (message.toolCalls().isEmpty()) {
          PlaygroundPayload.writeTextParts(json, message.content());
        } else {
          writeToolInvocations(json, message, results);
        }
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeName("lora");
      json.writeNull();
      json.writeName("model");
      json.writeString(model);
      json.writeName("max_tokens");
      json.writeNumber(maxTokens.orElse(DEFAULT_MAX_TOKENS));
      json.writeName("stream");
      json.writeBoolean(true);
      json.writeName("system_message");
      json.writeString(systemMessage(messages));
      json.writeName("tools");
      json.writeStartArray();
      for (ToolDefinition tool : tools) {
        json.writeStartObject();
        Json.writeFunction(json, tool);
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    return out.toString();
  }

  /** Each tool message's text by the id of the call it answers. */
  private static Map<String, String> toolResults(List<Message> messages) {
    Map<String, String> results = new HashMap<>();
    for (Message message : messages) {
      if (message.role() == Role.TOOL) {
        results.putIfAbsent(message.toolCallId(), message.content());
      }
    }
    return results;
  }

  /** The ids of the calls the assistant messages made (whose results go with them). */
  private static Set<String> calledIds(List<Message> messages) {
    Set<String> ids = new HashSet<>();
    for (Message message : messages) {
      for (ToolCall call : message.toolCalls()) {
        ids.add(call.id());
      }
    }
    return ids;
  }

  /**
   * An assistant message's tool calls as the AI SDK's UI messages carry them (what the web app's
   * {@code useChat} sent): {@code toolInvocations} of state {@code result} (with the tool's answer)
   * or {@code call}, and the same as {@code tool-invocation} parts after the text part. A server
   * of the AI SDK turns them back into the model's tool calls and tool results; a {@code tool}
   * role has no place in UI messages.
   */
  private static void writeToolInvocations(JsonGenerator json, Message message,
      Map<String, String> results) {
    json.writeName("toolInvocations");
    json.writeStartArray();
    for (ToolCall call : message.toolCalls()) {
      writeInvocation(json, call, results.get(call.id()));
    }
    json.writeEndArray();
    json.writeName("parts");
    json.writeStartArray();
    if (!message.content().isEmpty()) {
      json.writeStartObject();
      json.writeStringProperty("type", "text");
      json.writeStringProperty("text", message.content());
      json.writeEndObject();
    }
    for (ToolCall call : message.toolCalls()) {
      json.writeStartObject();
      json.writeStringProperty("type", "tool-invocation");
      json.writeName("toolInvocation");
      writeInvocation(json, call, results.get(call.id()));
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void writeInvocation(JsonGenerator json, ToolCall call, String result) {
    json.writeStartObject();
    json.writeStringProperty("state", result == null ? "call" : "result");
    json.writeStringProperty("toolCallId", call.id());
    json.writeStringProperty("toolName", call.name());
    json.writeName("args");
    writeArguments(json, call.arguments());
    if (result != null) {
      json.writeStringProperty("result", result);
    }
    json.writeEndObject();
  }

  /** A call's arguments as the JSON value they are, or as a string when they are not JSON. */
  private static void writeArguments(JsonGenerator json, String arguments) {
    String value;
    try (JsonParser parser = Json.parser(arguments)) {
      parser.nextToken();
      value = Json.copyValue(parser);
      if (parser.nextToken() != null) {
        value = null; // more after the value: not one JSON value
      }
    } catch (JacksonException notJson) {
      value = null;
    }
    if (value == null) {
      json.writeString(arguments);
    } else {
      json.writeRawValue(value);
    }
  }

  /** {@code "parts":[{"type":"text","text":...}]}: a message's text as AI SDK UI message parts. */
  static void writeTextParts(JsonGenerator json, String text) {
    json.writeName("parts");
    json.writeStartArray();
    json.writeStartObject();
    json.writeName("type");
    json.writeString("text");
    json.writeName("text");
    json.writeString(text);
    json.writeEndObject();
    json.writeEndArray();
  }

  static String systemMessage(List<Message> messages) {
    String system = systemMessageIfAny(messages);
    return system == null ? DEFAULT_SYSTEM_MESSAGE : system;
  }

  /** The conversation's system messages joined by a blank line, or null when it has none. */
  static String systemMessageIfAny(List<Message> messages) {
    StringBuilder system = new StringBuilder();
    for (Message message : messages) {
      if (message.role() == Role.SYSTEM) {
        if (!system.isEmpty()) {
          system.append("\n\n");
        }
        system.append(message.content());
      }
    }
    return system.isEmpty() ? null : system.toString();
  }
}
