package io.github.flare4j.cloudflare;

import io.github.flare4j.Message;
import io.github.flare4j.Role;
import io.github.flare4j.internal.stream.Json;
import java.io.StringWriter;
import java.util.List;
import java.util.UUID;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The frames of the Cloudflare Agents chat protocol ({@code agents} 0.32,
 * {@code @cloudflare/ai-chat} 0.12) that flare4j sends and reads.
 *
 * <p>Sent: {@code cf_agent_state} (the playground app's settings: model, system prompt, max
 * tokens), {@code cf_agent_use_chat_request} ({@code init.body} is a JSON string
 * {@code {"messages":[UIMessage...],"trigger":"submit-message",...}}; the model, system prompt and
 * max tokens are repeated there, where an {@code AIChatAgent} finds extra body fields) and
 * {@code cf_agent_chat_request_cancel}. Read: {@code cf_agent_use_chat_response}
 * {@code {id, body, done, error?, outcome?}}, whose {@code body} is one AI SDK UI message chunk as a
 * JSON string; every other frame type is ignored.
 */
final class AgentsFrames {
  static final String RESPONSE = "cf_agent_use_chat_response";

  private AgentsFrames() {}

  /** One {@code cf_agent_use_chat_response} frame, or another frame ({@link #type} differs). */
  record Response(String type, String id, String body, boolean done, boolean error, String outcome) {
    boolean isResponseTo(String requestId) {
      return RESPONSE.equals(type) && requestId.equals(id);
    }
  }

  /** A short random id like the client library's nanoid(8). */
  static String newId() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  }

  /** {@code {"type":"cf_agent_state","state":{"model","system","max_tokens"}}}. */
  static String state(String model, String system, int maxTokens) {
    StringWriter out = new StringWriter(128);
    try (JsonGenerator json = Json.generator(out)) {
      json.writeStartObject();
      json.writeName("type");
      json.writeString("cf_agent_state");
      json.writeName("state");
      json.writeStartObject();
      writeSettings(json, model, system, maxTokens);
      json.writeEndObject();
      json.writeEndObject();
    }
    return out.toString();
  }

  /** The chat request frame for the conversation's messages (system messages go in settings). */
  static String chatRequest(
      String requestId, String model, List<Message> messages, int maxTokens) {
    StringWriter body = new StringWriter(256);
    try (JsonGenerator json = Json.generator(body)) {
      json.writeStartObject();
      json.writeName("messages");
      json.writeStartArray();
      for (Message message : messages) {
        if (message.role() == Role.SYSTEM) {
          continue;
        }
        json.writeStartObject();
        json.writeName("id");
        json.writeString(UUID.randomUUID().toString().replace("-", "").substring(0, 16));
        json.writeName("role");
        json.writeString(message.role().wireName());
        PlaygroundPayload.writeTextParts(json, message.content());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeName("trigger");
      json.writeString("submit-message");
      writeSettings(json, model, PlaygroundPayload.systemMessage(messages), maxTokens);
      json.writeEndObject();
    }
    StringWriter out = new StringWriter(body.getBuffer().length() + 96);
    try (JsonGenerator json = Json.generator(out)) {
      json.writeStartObject();
      json.writeName("id");
      json.writeString(requestId);
      json.writeName("init");
      json.writeStartObject();
      json.writeName("method");
      json.writeString("POST");
      json.writeName("body");
      json.writeString(body.toString());
      json.writeEndObject();
      json.writeName("type");
      json.writeString("cf_agent_use_chat_request");
      json.writeEndObject();
    }
    return out.toString();
  }

  /** {@code {"id":...,"type":"cf_agent_chat_request_cancel"}}. */
  static String cancel(String requestId) {
    StringWriter out = new StringWriter(64);
    try (JsonGenerator json = Json.generator(out)) {
      json.writeStartObject();
      json.writeName("id");
      json.writeString(requestId);
      json.writeName("type");
      json.writeString("cf_agent_chat_request_cancel");
      json.writeEndObject();
    }
    return out.toString();
  }

  /**
   * Reads a frame's envelope; the body stays a string.
   *
   * @throws tools.jackson.core.JacksonException for malformed JSON
   */
  static Response parse(String frame) {
    String type = null;
    String id = null;
    String body = null;
    String outcome = null;
    boolean done = false;
    boolean error = false;
    try (JsonParser parser = Json.parser(frame)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return new Response(null, null, null, false, false, null);
      }
      for (String field = parser.nextName(); field != null; field = parser.nextName()) {
        JsonToken token = parser.nextToken();
        switch (field) {
          case "type" -> type = Json.stringOrNull(parser);
          case "id" -> id = Json.stringOrNull(parser);
          case "body" -> body = Json.stringOrNull(parser);
          case "outcome" -> outcome = Json.stringOrNull(parser);
          case "done" -> done = token == JsonToken.VALUE_TRUE;
          case "error" -> error = token == JsonToken.VALUE_TRUE;
          default -> parser.skipChildren();
        }
      }
    }
    return new Response(type, id, body, done, error, outcome);
  }

  private static void writeSettings(JsonGenerator json, String model, String system, int maxTokens) {
    json.writeName("model");
    json.writeString(model);
    json.writeName("system");
    json.writeString(system);
    json.writeName("max_tokens");
    json.writeNumber(maxTokens);
  }
}
