package io.github.flare4j.cloudflare;

import io.github.flare4j.internal.stream.Json;
import java.io.StringWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The playground agent's state, the settings its web app edits: {@code model} (a Workers AI model
 * id), {@code temperature}, {@code stream}, {@code system} (the system prompt),
 * {@code useExternalProvider}, {@code externalProvider} and whatever else the server keeps. Each
 * turn runs with the state the agent holds ({@code streamText({system: state.system, temperature:
 * state.temperature, model: workersAi(state.model)})}); nothing in the chat request overrides it.
 *
 * <p>A state frame from a client replaces the server's state whole, so a client must send every
 * field: {@link #frame} starts from what the server sent on connect (its fields, in its order) and
 * sets only what the caller chose, adding the web app's fields the server did not send. Values are
 * kept as raw JSON text. Immutable.
 */
final class AgentState {
  /** The playground's initial state, for an agent that sent none (the web app's defaults). */
  static final AgentState INITIAL = initial();

  /** The agent's model when nobody chose one (its initial state). */
  static final String INITIAL_MODEL = "@cf/moonshotai/kimi-k2.6";

  private final Map<String, String> fields;

  private AgentState(Map<String, String> fields) {
    this.fields = Collections.unmodifiableMap(fields);
  }

  private static AgentState initial() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("model", quote(INITIAL_MODEL));
    fields.put("temperature", "1");
    fields.put("stream", "true");
    fields.put("system", quote("You are a helpful assistant that can do various tasks using MCP tools."));
    fields.put("useExternalProvider", "false");
    fields.put("externalProvider", quote("openai"));
    return new AgentState(fields);
  }

  /** Reads a state object, the parser on its {@code START_OBJECT}; null for anything else. */
  static AgentState read(JsonParser parser) {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return null;
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (String field = parser.nextName(); field != null; field = parser.nextName()) {
      parser.nextToken();
      fields.put(field, Json.copyValue(parser));
    }
    return new AgentState(fields);
  }

  /** The model the agent would use, when its state names one. */
  Optional<String> model() {
    String raw = fields.get("model");
    if (raw == null || !raw.startsWith("\"")) {
      return Optional.empty();
    }
    try (JsonParser parser = Json.parser(raw)) {
      parser.nextToken();
      String model = Json.stringOrNull(parser);
      return model == null || model.isBlank() ? Optional.empty() : Optional.of(model);
    }
  }

  /**
   * The whole state with the caller's choices, as a {@code cf_agent_state} frame:
   * {@code {"type":"cf_agent_state","state":{...}}}. {@code stream} is always true.
   *
   * @param model the model id
   * @param system the system prompt, or null to keep the agent's
   * @param temperature the temperature, or null to keep the agent's
   */
  String frame(String model, String system, Double temperature) {
    Map<String, String> state = new LinkedHashMap<>(fields);
    state.put("model", quote(model));
    if (temperature != null) {
      state.put("temperature", number(temperature));
    }
    state.put("stream", "true");
    if (system != null) {
      state.put("system", quote(system));
    }
    INITIAL.fields.forEach(state::putIfAbsent);
    StringWriter out = new StringWriter(256);
    try (JsonGenerator json = Json.generator(out)) {
      json.writeStartObject();
      json.writeName("type");
      json.writeString("cf_agent_state");
      json.writeName("state");
      json.writeStartObject();
      for (Map.Entry<String, String> field : state.entrySet()) {
        json.writeName(field.getKey());
        json.writeRawValue(field.getValue());
      }
      json.writeEndObject();
      json.writeEndObject();
    }
    return out.toString();
  }

  private static String quote(String text) {
    StringWriter out = new StringWriter(text.length() + 2);
    try (JsonGenerator json = Json.generator(out)) {
      json.writeString(text);
    }
    return out.toString();
  }

  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }

  /** The field names only: values may hold keys a user brought. */
  @Override
  public String toString() {
    return "AgentState" + fields.keySet();
  }
}
