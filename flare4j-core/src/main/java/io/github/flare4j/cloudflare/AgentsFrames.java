package io.github.flare4j.cloudflare;

import io.github.flare4j.Message;
import io.github.flare4j.Role;
import io.github.flare4j.internal.stream.Json;
import io.github.flare4j.internal.model.ModelObjects;
import io.github.flare4j.provider.ModelInfo;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The frames of the Cloudflare Agents chat protocol ({@code agents} 0.32,
 * {@code @cloudflare/ai-chat} 0.12) that flare4j sends and reads, as the playground's web app does.
 *
 * <p>Sent: {@code cf_agent_stream_resume_request} (the probe the web app sends before its first
 * request), {@code rpc} ({@code getModels}), {@code cf_agent_state} (see {@link AgentState}),
 * {@code cf_agent_use_chat_request} ({@code init.body} is a JSON string
 * {@code {"messages":[UIMessage...],"trigger":"submit-message"}}) and
 * {@code cf_agent_chat_request_cancel}. Read: {@code cf_agent_use_chat_response}
 * {@code {id, body, done, error?, outcome?}}, whose {@code body} is one AI SDK UI message chunk as a
 * JSON string; {@code cf_agent_state}; {@code cf_agent_stream_resume_none}; {@code rpc} answers;
 * and {@code cf_agent_state_error} (the agent refused the state sent, so the turn runs with its
 * own). Known by name and ignored, as nothing in them belongs to the reply being read
 * ({@link #NOT_PART_OF_THE_REPLY}): the greeting frames, the conversation's messages, stream
 * resumption, recovery hints and the session's context summary of {@code agents} 0.32 and
 * {@code @cloudflare/ai-chat} 0.12. A frame of another type is ignored too, never an error.
 */
final class AgentsFrames {
  static final String RESPONSE = "cf_agent_use_chat_response";
  static final String STATE = "cf_agent_state";
  static final String RESUME_NONE = "cf_agent_stream_resume_none";
  static final String RPC = "rpc";
  static final String STATE_ERROR = "cf_agent_state_error";

  /**
   * Frames the server may send during a turn that carry nothing of the reply: {@code
   * cf_agent_identity}, {@code cf_agent_mcp_servers}, {@code cf_mcp_agent_event}, {@code
   * cf_agent_chat_messages} and {@code cf_agent_message_updated} (the conversation as stored),
   * {@code cf_agent_chat_clear}, {@code cf_agent_stream_resuming} and {@code
   * cf_agent_stream_pending} (another turn, or one not started yet), {@code
   * cf_agent_chat_recovering} (a turn being recovered after an eviction: a hint, the reply
   * continues in response frames), {@code cf_agent_session} and {@code cf_agent_session_error}
   * (the session's context compaction).
   */
  static final Set<String> NOT_PART_OF_THE_REPLY = Set.of(
      "cf_agent_identity", "cf_agent_mcp_servers", "cf_mcp_agent_event",
      "cf_agent_chat_messages", "cf_agent_message_updated", "cf_agent_chat_clear",
      "cf_agent_stream_resuming", "cf_agent_stream_pending", "cf_agent_chat_recovering",
      "cf_agent_session", "cf_agent_session_error", STATE, RESUME_NONE, RPC);

  private AgentsFrames() {}

  /**
   * One frame read. Which components are set depends on {@link #type}: a chat response has
   * {@code id, body, done, error, outcome}; a state frame {@code state}; an RPC answer {@code id,
   * success, errorText} and, for {@code getModels}, {@code models} (the model objects of its
   * result, every task); a resume answer {@code probeId}.
   */
  record Frame(String type, String id, String body, boolean done, boolean error, String outcome,
      boolean success, String errorText, AgentState state, List<ModelInfo> models,
      String probeId) {
    boolean isResponseTo(String requestId) {
      return RESPONSE.equals(type) && requestId.equals(id);
    }

    boolean is(String frameType, String frameId) {
      return frameType.equals(type) && (frameId == null || frameId.equals(id));
    }
  }

  /** A short random id like the client library's nanoid(8). */
  static String newId() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  }

  /** {@code {"type":"cf_agent_stream_resume_request","probeId":..}}. */
  static String resumeRequest(String probeId) {
    StringWriter out = new StringWriter(80);
    try (JsonGenerator json = Json.generator(out)) {
      json.writeStartObject();
      json.writeName("type");
      json.writeString("cf_agent_stream_resume_request");
      json.writeName("probeId");
      json.writeString(probeId);
      json.writeEndObject();
    }
    return out.toString();
  }

  /** {@code {"type":"rpc","id":..,"method":..,"args":[]}}. */
  static String rpc(String id, String method) {
    StringWriter out = new StringWriter(80);
    try (JsonGenerator json = Json.generator(out)) {
      json.writeStartObject();
      json.writeName("type");
      json.writeString(RPC);
      json.writeName("id");
      json.writeString(id);
      json.writeName("method");
      json.writeString(method);
      json.writeName("args");
      json.writeStartArray();
      json.writeEndArray();
      json.writeEndObject();
    }
    return out.toString();
  }

  /** The chat request frame for the conversation's messages (system messages go in the state). */
  static String chatRequest(String requestId, List<Message> messages) {
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
   * Reads a frame. A response's body stays a string; a {@code state} object is kept field by
   * field; a {@code result} array (an RPC answer) is read as Workers AI model objects.
   *
   * @throws tools.jackson.core.JacksonException for malformed JSON
   */
  static Frame parse(String frame) {
    String type = null;
    String id = null;
    String body = null;
    String outcome = null;
    String errorText = null;
    String probeId = null;
    boolean done = false;
    boolean error = false;
    boolean success = false;
    AgentState state = null;
    List<ModelInfo> models = null;
    try (JsonParser parser = Json.parser(frame)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return new Frame(null, null, null, false, false, null, false, null, null, null, null);
      }
      for (String field = parser.nextName(); field != null; field = parser.nextName()) {
        JsonToken token = parser.nextToken();
        switch (field) {
          case "type" -> type = Json.stringOrNull(parser);
          case "id" -> id = Json.stringOrNull(parser);
          case "body" -> body = Json.stringOrNull(parser);
          case "outcome" -> outcome = Json.stringOrNull(parser);
          case "probeId" -> probeId = Json.stringOrNull(parser);
          case "done" -> done = token == JsonToken.VALUE_TRUE;
          case "success" -> success = token == JsonToken.VALUE_TRUE;
          case "error" -> {
            error = token == JsonToken.VALUE_TRUE;
            errorText = Json.stringOrNull(parser);
          }
          case "state" -> state = AgentState.read(parser);
          case "result" -> models = modelNames(parser);
          default -> parser.skipChildren();
        }
      }
    }
    return new Frame(type, id, body, done, error, outcome, success, errorText, state, models,
        probeId);
  }

  /** The models of an array of Workers AI model objects; null when not an array. */
  private static List<ModelInfo> modelNames(JsonParser parser) {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return null;
    }
    List<ModelInfo> names = new ArrayList<>();
    for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY;
        token = parser.nextToken()) {
      if (token == JsonToken.START_OBJECT) {
        ModelInfo model = ModelObjects.read(parser);
        if (model != null) {
          names.add(model);
        }
      } else {
        parser.skipChildren();
      }
    }
    return names;
  }
}
