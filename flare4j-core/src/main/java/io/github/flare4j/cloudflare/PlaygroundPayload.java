package io.github.flare4j.cloudflare;

import io.github.flare4j.Message;
import io.github.flare4j.Role;
import io.github.flare4j.ToolDefinition;
import io.github.flare4j.internal.stream.Json;
import java.io.StringWriter;
import java.util.List;
import java.util.OptionalInt;
import tools.jackson.core.JsonGenerator;

/**
 * The body of {@code POST /api/inference}, field for field as the playground's web app sent it:
 * {@code {"messages":[{"role","content","parts":[{"type":"text","text"}]}],"lora":null,"model",
 * "max_tokens","stream":true,"system_message","tools":[]}}. System-role messages are not repeated
 * in {@code messages}: they become {@code system_message} (joined by blank lines when there are
 * several). Tools, when given, are sent in Workers AI's form
 * {@code {"name","description","parameters"}}. The web app always sends a {@code max_tokens}; an
 * unset one is sent as {@link #DEFAULT_MAX_TOKENS}, what this library always sent before it was
 * optional.
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
      for (Message message : messages) {
        if (message.role() == Role.SYSTEM) {
          continue;
        }
        json.writeStartObject();
        json.writeName("role");
        json.writeString(message.role().wireName());
        json.writeName("content");
        json.writeString(message.content());
        PlaygroundPayload.writeTextParts(json, message.content());
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
