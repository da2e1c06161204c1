package io.github.flare4j.gateway.openai;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.ContentPart;
import io.github.flare4j.ImagePart;
import io.github.flare4j.Message;
import io.github.flare4j.ReasoningEffort;
import io.github.flare4j.ResponseFormat;
import io.github.flare4j.Role;
import io.github.flare4j.TextPart;
import io.github.flare4j.ToolCall;
import io.github.flare4j.ToolChoice;
import io.github.flare4j.ToolDefinition;
import io.github.flare4j.gateway.http.ApiException;
import io.github.flare4j.gateway.http.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a {@code POST /v1/responses} body (OpenAI's Responses API) into a {@link ChatRequest}.
 * Every refusal is a 400 naming the field at fault ({@code input[2].content[0].image_url}...).
 *
 * <p>The gateway keeps no state: {@code previous_response_id}, {@code conversation},
 * {@code background}, stored prompts, item references and file ids are refused with a 400 that
 * says so; the client sends the whole conversation in {@code input} instead (with
 * {@code store} and {@code metadata} accepted and ignored). Fields the gateway does not know are
 * ignored, as clients such as Codex send options (caching, includes) that have no meaning here.
 */
final class ResponsesRequests {
  private ResponsesRequests() {}

  /**
   * A parsed request: the model asked for, whether to stream, the chat request without its model
   * (set once the provider is chosen), and what the response object echoes.
   */
  record Parsed(String model, boolean stream, ChatRequest.Builder chat, Echo echo) {}

  /** The request's settings as the response object repeats them. */
  record Echo(String instructions, Integer maxOutputTokens, Double temperature, Double topP,
      ArrayNode tools, JsonNode toolChoice, boolean parallelToolCalls, ObjectNode text,
      ObjectNode reasoning, String user, JsonNode metadata) {}

  static Parsed parse(JsonNode body) {
    String previous = optString(body, "previous_response_id");
    if (previous != null) {
      throw ApiException.badRequest("previous_response_id", "previous_response_id is not"
          + " supported: this gateway keeps no state between requests, so there is no earlier"
          + " response to continue; send the whole conversation in input instead");
    }
    if (present(body, "conversation")) {
      throw ApiException.badRequest("conversation", "conversation is not supported: this gateway"
          + " keeps no state between requests; send the whole conversation in input instead");
    }
    if (Boolean.TRUE.equals(optBoolean(body, "background"))) {
      throw ApiException.badRequest("background", "background responses are not supported: this"
          + " gateway keeps no state between requests, so a response cannot be fetched later");
    }
    if (present(body, "prompt")) {
      throw ApiException.badRequest("prompt", "Stored prompts (prompt) are not supported by this"
          + " gateway; send the instructions and input themselves");
    }
    String model = optString(body, "model");
    if (model == null || model.isBlank()) {
      throw ApiException.badRequest("model", "model is required: a model id such as"
          + " @cf/meta/llama-3.3-70b-instruct-fp8-fast (see GET /v1/models)");
    }
    boolean stream = Boolean.TRUE.equals(optBoolean(body, "stream"));
    ChatRequest.Builder chat = ChatRequest.builder();

    String instructions = optString(body, "instructions");
    if (instructions != null && !instructions.isBlank()) {
      chat.message(Message.system(instructions));
    }
    readInput(body, chat);

    Integer maxOutputTokens = optInt(body, "max_output_tokens");
    if (maxOutputTokens != null) {
      if (maxOutputTokens < 1) {
        throw ApiException.badRequest("max_output_tokens", "max_output_tokens must be at least 1,"
            + " was " + maxOutputTokens);
      }
      chat.maxTokens(maxOutputTokens);
    }
    Double temperature = optNumber(body, "temperature");
    if (temperature != null) {
      requireRange("temperature", temperature, 0, 2);
      set("temperature", () -> chat.temperature(temperature));
    }
    Double topP = optNumber(body, "top_p");
    if (topP != null) {
      requireRange("top_p", topP, 0, 1);
      set("top_p", () -> chat.topP(topP));
    }
    ArrayNode tools = readTools(body, chat);
    JsonNode toolChoice = readToolChoice(body, chat, tools);
    Boolean parallel = optBoolean(body, "parallel_tool_calls");
    if (parallel != null) {
      chat.parallelToolCalls(parallel);
    }
    ObjectNode text = readText(body, chat);
    ObjectNode reasoning = readReasoning(body, chat);
    String user = optString(body, "user");
    if (user == null) {
      user = optString(body, "safety_identifier");
    }
    if (user != null) {
      String endUser = user;
      set(present(body, "user") ? "user" : "safety_identifier", () -> chat.endUser(endUser));
    }
    JsonNode metadata = body.get("metadata");
    if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
      throw ApiException.badRequest("metadata", "metadata must be an object of strings");
    }
    Echo echo = new Echo(instructions, maxOutputTokens, temperature, topP, tools, toolChoice,
        parallel == null || parallel, text, reasoning, user,
        metadata == null || metadata.isNull() ? null : metadata);
    return new Parsed(model.strip(), stream, chat, echo);
  }

  // ---- input ----

  private static void readInput(JsonNode body, ChatRequest.Builder chat) {
    JsonNode input = body.get("input");
    if (input == null || input.isNull()) {
      throw ApiException.badRequest("input", "input is required: a string, or a list of input"
          + " items (messages, function_call and function_call_output items)");
    }
    if (input.isString()) {
      chat.message(Message.user(input.stringValue()));
      return;
    }
    if (!input.isArray()) {
      throw ApiException.badRequest("input", "input must be a string or a list of input items");
    }
    if (input.isEmpty()) {
      throw ApiException.badRequest("input", "input must hold at least one item");
    }
    Conversation conversation = new Conversation(chat::message);
    for (int i = 0; i < input.size(); i++) {
      String where = "input[" + i + "]";
      JsonNode item = input.get(i);
      if (!item.isObject()) {
        throw ApiException.badRequest(where, where + " must be an object");
      }
      String type = optString(item, "type", where + ".type");
      if (type == null) {
        if (!item.has("role")) {
          throw ApiException.badRequest(where + ".type", where + " needs a type (message,"
              + " function_call, function_call_output) or a role");
        }
        type = "message";
      }
      switch (type) {
        case "message" -> conversation.message(item, where);
        case "function_call" -> conversation.call(item, where);
        case "function_call_output" -> conversation.output(item, where);
        case "reasoning" -> {
          // An earlier reply's reasoning, sent back as the docs advise: the models take no
          // reasoning as input, so it is left out.
        }
        case "item_reference" -> throw ApiException.badRequest(where + ".type", "Item references"
            + " are not supported: this gateway keeps no state between requests, so it holds no"
            + " earlier items; send the item itself");
        default -> throw ApiException.badRequest(where + ".type", "Input items of type "
            + quote(type) + " are not supported; use message, function_call and"
            + " function_call_output");
      }
    }
    conversation.flush();
  }

  /**
   * Turns input items into messages: function_call items after an assistant message (or after
   * each other) become one assistant message with tool calls, as the chat models take them.
   */
  private static final class Conversation {
    private final Consumer<Message> sink;
    private String assistantText;
    private final List<ToolCall> calls = new ArrayList<>();

    Conversation(Consumer<Message> sink) {
      this.sink = sink;
    }

    void message(JsonNode item, String where) {
      String roleName = optString(item, "role", where + ".role");
      if (roleName == null) {
        throw ApiException.badRequest(where + ".role", where + " needs a role: user, assistant,"
            + " system or developer");
      }
      Role role = switch (roleName) {
        case "user" -> Role.USER;
        case "assistant" -> Role.ASSISTANT;
        case "system", "developer" -> Role.SYSTEM;
        default -> throw ApiException.badRequest(where + ".role", "The role " + quote(roleName)
            + " is not one of user, assistant, system, developer");
      };
      List<ContentPart> parts = content(item.get("content"), where + ".content", role);
      flush();
      if (role == Role.ASSISTANT) {
        assistantText = parts.stream().map(part -> ((TextPart) part).text())
            .reduce("", String::concat);
        return;
      }
      try {
        sink.accept(Message.of(role, parts, List.of(), null));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(where + ".content", e.getMessage());
      }
    }

    void call(JsonNode item, String where) {
      String callId = requireString(item, "call_id", where);
      String name = requireString(item, "name", where);
      JsonNode arguments = item.get("arguments");
      String text;
      if (arguments == null || arguments.isNull()) {
        text = "{}";
      } else if (arguments.isString()) {
        text = arguments.stringValue();
      } else if (arguments.isObject()) {
        text = Json.MAPPER.writeValueAsString(arguments);
      } else {
        throw ApiException.badRequest(where + ".arguments", where + ".arguments must be the"
            + " arguments' JSON text");
      }
      calls.add(new ToolCall(callId, name, text, calls.size()));
    }

    void output(JsonNode item, String where) {
      flush();
      String callId = requireString(item, "call_id", where);
      JsonNode output = item.get("output");
      String text;
      if (output == null || output.isNull()) {
        throw ApiException.badRequest(where + ".output", where + ".output is required: the"
            + " function's result");
      } else if (output.isString()) {
        text = output.stringValue();
      } else if (output.isArray()) {
        StringBuilder joined = new StringBuilder();
        for (int j = 0; j < output.size(); j++) {
          JsonNode part = output.get(j);
          String partWhere = where + ".output[" + j + "]";
          String type = part.isObject() ? optString(part, "type", partWhere + ".type") : null;
          if (!"input_text".equals(type) && !"output_text".equals(type)) {
            throw ApiException.badRequest(partWhere + ".type", "A function's output may hold"
                + " text parts (input_text) only");
          }
          joined.append(requireString(part, "text", partWhere));
        }
        text = joined.toString();
      } else {
        throw ApiException.badRequest(where + ".output", where + ".output must be a string or a"
            + " list of input_text parts");
      }
      try {
        sink.accept(Message.toolResult(callId, text));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(where + ".call_id", e.getMessage());
      }
    }

    void flush() {
      if (!calls.isEmpty()) {
        sink.accept(Message.assistant(assistantText == null ? "" : assistantText, calls));
      } else if (assistantText != null) {
        sink.accept(Message.assistant(assistantText));
      }
      calls.clear();
      assistantText = null;
    }
  }

  private static List<ContentPart> content(JsonNode content, String where, Role role) {
    if (content == null || content.isNull()) {
      throw ApiException.badRequest(where, where + " is required: a string or a list of parts");
    }
    if (content.isString()) {
      return List.of(new TextPart(content.stringValue()));
    }
    if (!content.isArray()) {
      throw ApiException.badRequest(where, where + " must be a string or a list of parts");
    }
    List<ContentPart> parts = new ArrayList<>();
    for (int i = 0; i < content.size(); i++) {
      String partWhere = where + "[" + i + "]";
      JsonNode part = content.get(i);
      if (!part.isObject()) {
        throw ApiException.badRequest(partWhere, partWhere + " must be an object");
      }
      String type = optString(part, "type", partWhere + ".type");
      if (type == null) {
        throw ApiException.badRequest(partWhere + ".type", partWhere + " needs a type (input_text,"
            + " input_image)");
      }
      switch (type) {
        case "input_text", "output_text", "text" ->
            parts.add(new TextPart(requireString(part, "text", partWhere)));
        case "refusal" -> parts.add(new TextPart(requireString(part, "refusal", partWhere)));
        case "input_image" -> {
          if (role != Role.USER) {
            throw ApiException.badRequest(partWhere + ".type", "Only user messages carry images");
          }
          parts.add(image(part, partWhere));
        }
        default -> throw ApiException.badRequest(partWhere + ".type", "Content parts of type "
            + quote(type) + " are not supported; use input_text and input_image");
      }
    }
    if (role != Role.USER && parts.stream().anyMatch(p -> !(p instanceof TextPart))) {
      throw ApiException.badRequest(where, "Only user messages carry images");
    }
    return parts;
  }

  private static ImagePart image(JsonNode part, String where) {
    if (present(part, "file_id")) {
      throw ApiException.badRequest(where + ".file_id", "Images by file_id are not supported: this"
          + " gateway keeps no files; send image_url (an https URL or a data: URL)");
    }
    JsonNode url = part.get("image_url");
    String text = url != null && url.isObject() ? optString(url, "url", where + ".image_url.url")
        : optString(part, "image_url", where + ".image_url");
    if (text == null || text.isBlank()) {
      throw ApiException.badRequest(where + ".image_url", where + ".image_url is required: an"
          + " https URL or a data:image/... URL");
    }
    try {
      return ImagePart.url(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(where + ".image_url", e.getMessage());
    }
  }

  // ---- tools, formats, reasoning ----

  private static ArrayNode readTools(JsonNode body, ChatRequest.Builder chat) {
    ArrayNode echo = Json.MAPPER.createArrayNode();
    JsonNode tools = body.get("tools");
    if (tools == null || tools.isNull()) {
      return echo;
    }
    if (!tools.isArray()) {
      throw ApiException.badRequest("tools", "tools must be a list of function tools");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < tools.size(); i++) {
      String where = "tools[" + i + "]";
      JsonNode tool = tools.get(i);
      if (!tool.isObject()) {
        throw ApiException.badRequest(where, where + " must be an object");
      }
      String type = optString(tool, "type", where + ".type");
      if (!"function".equals(type)) {
        throw ApiException.badRequest(where + ".type", "Only tools of type function are"
            + " supported" + (type == null ? "" : ", not " + quote(type)) + ": the gateway's"
            + " models have no built-in tools");
      }
      String name = requireString(tool, "name", where);
      if (!names.add(name)) {
        throw ApiException.badRequest(where + ".name", "Two tools are named " + quote(name));
      }
      String description = optString(tool, "description", where + ".description");
      JsonNode parameters = tool.get("parameters");
      if (parameters != null && !parameters.isNull() && !parameters.isObject()) {
        throw ApiException.badRequest(where + ".parameters", where + ".parameters must be a JSON"
            + " schema object");
      }
      Boolean strict = optBoolean(tool, "strict", where + ".strict");
      String schema = parameters == null || parameters.isNull() ? null
          : Json.MAPPER.writeValueAsString(parameters);
      try {
        chat.tool(new ToolDefinition(name, description, schema));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(where, e.getMessage());
      }
      ObjectNode copy = echo.addObject();
      copy.put("type", "function");
      copy.put("name", name);
      copy.put("description", description);
      copy.set("parameters", parameters == null ? null : parameters);
      copy.put("strict", strict == null || strict);
    }
    return echo;
  }

  private static JsonNode readToolChoice(JsonNode body, ChatRequest.Builder chat, ArrayNode tools) {
    JsonNode choice = body.get("tool_choice");
    if (choice == null || choice.isNull()) {
      return Json.MAPPER.getNodeFactory().stringNode("auto");
    }
    if (choice.isString()) {
      ToolChoice value = switch (choice.stringValue()) {
        case "auto" -> ToolChoice.auto();
        case "none" -> ToolChoice.none();
        case "required" -> ToolChoice.required();
        default -> throw ApiException.badRequest("tool_choice", "tool_choice must be auto, none,"
            + " required or {\"type\":\"function\",\"name\":...}");
      };
      if (value == ToolChoice.required() && tools.isEmpty()) {
        throw ApiException.badRequest("tool_choice", "tool_choice is required but no tools are"
            + " given");
      }
      chat.toolChoice(value);
      return choice;
    }
    if (choice.isObject() && "function".equals(optString(choice, "type", "tool_choice.type"))) {
      String name = requireString(choice, "name", "tool_choice");
      boolean offered = false;
      for (JsonNode tool : tools) {
        offered |= name.equals(tool.get("name").stringValue());
      }
      if (!offered) {
        throw ApiException.badRequest("tool_choice.name", "tool_choice names the tool "
            + quote(name) + ", which tools does not offer");
      }
      chat.toolChoice(ToolChoice.function(name));
      return choice;
    }
    throw ApiException.badRequest("tool_choice", "tool_choice must be auto, none, required or"
        + " {\"type\":\"function\",\"name\":...}; other kinds are not supported");
  }

  private static ObjectNode readText(JsonNode body, ChatRequest.Builder chat) {
    ObjectNode echo = Json.MAPPER.createObjectNode();
    JsonNode text = body.get("text");
    if (text == null || text.isNull()) {
      echo.putObject("format").put("type", "text");
      return echo;
    }
    if (!text.isObject()) {
      throw ApiException.badRequest("text", "text must be an object, e.g. {\"format\":{\"type\":"
          + "\"json_object\"}}");
    }
    JsonNode format = text.get("format");
    if (format == null || format.isNull()) {
      echo.putObject("format").put("type", "text");
      return echo;
    }
    if (!format.isObject()) {
      throw ApiException.badRequest("text.format", "text.format must be an object");
    }
    String type = optString(format, "type", "text.format.type");
    switch (type == null ? "" : type) {
      case "text" -> chat.responseFormat(ResponseFormat.text());
      case "json_object" -> chat.responseFormat(ResponseFormat.jsonObject());
      case "json_schema" -> {
        JsonNode schema = format.get("schema");
        if (schema == null || !schema.isObject()) {
          throw ApiException.badRequest("text.format.schema", "text.format.schema is required for"
              + " json_schema: a JSON schema object");
        }
        String name = optString(format, "name", "text.format.name");
        Boolean strict = optBoolean(format, "strict", "text.format.strict");
        try {
          chat.responseFormat(ResponseFormat.jsonSchema(name == null ? "response" : name,
              Json.MAPPER.writeValueAsString(schema), Boolean.TRUE.equals(strict)));
        } catch (IllegalArgumentException e) {
          throw ApiException.badRequest("text.format.schema", e.getMessage());
        }
      }
      default -> throw ApiException.badRequest("text.format.type", "text.format.type must be"
          + " text, json_object or json_schema");
    }
    echo.set("format", format);
    return echo;
  }

  private static ObjectNode readReasoning(JsonNode body, ChatRequest.Builder chat) {
    ObjectNode echo = Json.MAPPER.createObjectNode();
    echo.putNull("effort");
    echo.putNull("summary");
    JsonNode reasoning = body.get("reasoning");
    if (reasoning == null || reasoning.isNull()) {
      return echo;
    }
    if (!reasoning.isObject()) {
      throw ApiException.badRequest("reasoning", "reasoning must be an object, e.g."
          + " {\"effort\":\"low\"}");
    }
    String effort = optString(reasoning, "effort", "reasoning.effort");
    if (effort != null) {
      ReasoningEffort value = null;
      for (ReasoningEffort candidate : ReasoningEffort.values()) {
        if (candidate.wireName().equals(effort)) {
          value = candidate;
        }
      }
      if (value == null) {
        throw ApiException.badRequest("reasoning.effort", "reasoning.effort must be one of none,"
            + " minimal, low, medium, high, xhigh");
      }
      chat.reasoningEffort(value);
      echo.put("effort", effort);
    }
    return echo;
  }

  // ---- field helpers ----

  private static boolean present(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && !value.isNull();
  }

  private static String optString(JsonNode node, String field) {
    return optString(node, field, field);
  }

  private static String optString(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isString()) {
      throw ApiException.badRequest(where, where + " must be a string");
    }
    return value.stringValue();
  }

  private static String requireString(JsonNode node, String field, String parent) {
    String where = parent + "." + field;
    String value = optString(node, field, where);
    if (value == null) {
      throw ApiException.badRequest(where, where + " is required");
    }
    return value;
  }

  private static Boolean optBoolean(JsonNode node, String field) {
    return optBoolean(node, field, field);
  }

  private static Boolean optBoolean(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isBoolean()) {
      throw ApiException.badRequest(where, where + " must be true or false");
    }
    return value.booleanValue();
  }

  private static Double optNumber(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      throw ApiException.badRequest(field, field + " must be a number");
    }
    return value.doubleValue();
  }

  private static Integer optInt(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw ApiException.badRequest(field, field + " must be an integer");
    }
    return value.intValue();
  }

  private static void requireRange(String field, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw ApiException.badRequest(field, field + " must be between " + trim(min) + " and "
          + trim(max) + ", was " + value);
    }
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  private static void set(String field, Runnable setter) {
    try {
      setter.run();
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(field, e.getMessage());
    }
  }

  /** A client's value in a message: quoted, cut short, control characters replaced. */
  static String quote(String value) {
    String cut = value.length() > 64 ? value.substring(0, 64) + "..." : value;
    return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
  }
}
