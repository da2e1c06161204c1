package io.github.flare4j.gateway.anthropic;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.ContentPart;
import io.github.flare4j.ImagePart;
import io.github.flare4j.Message;
import io.github.flare4j.ReasoningEffort;
import io.github.flare4j.TextPart;
import io.github.flare4j.ToolCall;
import io.github.flare4j.ToolChoice;
import io.github.flare4j.ToolDefinition;
import io.github.flare4j.gateway.Upstreams;
import io.github.flare4j.gateway.http.ApiException;
import io.github.flare4j.gateway.http.Json;
import io.github.flare4j.provider.Capabilities;
import io.github.flare4j.provider.Feature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * An Anthropic Messages request ({@code POST /v1/messages} or its {@code count_tokens}), read and
 * checked field by field; a 400 names the field at fault. Unknown top-level members are ignored
 * (clients such as Claude Code send members this gateway has no use for).
 *
 * <p>What the provider behind the model cannot honour is dropped here when it is advisory, and
 * left for the library to refuse by name otherwise ({@link #toChatRequest}):
 * <ul>
 *   <li>{@code max_tokens} (which Anthropic requires) is passed on only when the provider takes a
 *       token limit (every provider flare4j has does; on the playground's Agents socket the
 *       library applies it itself, by an estimate of 4 characters a token);</li>
 *   <li>{@code metadata.user_id} becomes the end user only when the provider takes one;</li>
 *   <li>{@code tool_choice} {@code auto} (the default anyway) and
 *       {@code disable_parallel_tool_use} are passed on only when the provider takes them;
 *       {@code none} without provider support sends no tools instead;</li>
 *   <li>{@code thinking} of type {@code enabled} becomes a reasoning effort from its
 *       {@code budget_tokens} (up to 4,096: low; up to 16,384: medium; more: high) when the
 *       provider and model take one; {@code disabled} and {@code adaptive} leave the model's
 *       default;</li>
 *   <li>{@code temperature}, {@code top_p}, {@code top_k}, {@code stop_sequences} and the other
 *       {@code tool_choice} types are always passed on: a provider without them refuses the
 *       request with a 400 naming them.</li>
 * </ul>
 * Thinking blocks of earlier assistant turns are dropped (they cannot be replayed to another
 * model). A {@code tool_result}'s images go in a user message after the turn's tool results; an
 * {@code is_error} result's text is prefixed with {@code [tool error] }.
 */
final class MessagesRequest {
  /** The model as the client named it (prefix included). */
  final String model;
  /** {@code max_tokens}, or null (count_tokens only). */
  final Integer maxTokens;
  /** Whether the reply is streamed. */
  final boolean stream;
  /** The conversation, the system prompt first when there is one. */
  final List<Message> messages;
  final List<ToolDefinition> tools;
  private final JsonNode toolChoice;
  private final Double temperature;
  private final Double topP;
  private final Integer topK;
  final List<String> stopSequences;
  private final String endUser;
  private final ReasoningEffort thinkingEffort;

  private MessagesRequest(JsonNode body, boolean requireMaxTokens) {
    JsonNode modelNode = body.get("model");
    if (modelNode == null || !modelNode.isString() || modelNode.asString().isBlank()) {
      throw bad("model", "model: Field required: the model to answer, e.g."
          + " @cf/meta/llama-3.3-70b-instruct-fp8-fast (see GET /v1/models)");
    }
    model = modelNode.asString().strip();
    JsonNode max = body.get("max_tokens");
    if (max == null || max.isNull()) {
      if (requireMaxTokens) {
        throw bad("max_tokens", "max_tokens: Field required: the most tokens the reply may have");
      }
      maxTokens = null;
    } else if (!max.isIntegralNumber() || !max.canConvertToInt() || max.asInt() < 1) {
      throw bad("max_tokens", "max_tokens: must be an integer of 1 or more");
    } else {
      maxTokens = max.asInt();
    }
    stream = bool(body, "stream");
    List<Message> conversation = new ArrayList<>();
    String system = system(body.get("system"));
    if (!system.isEmpty()) {
      conversation.add(Message.system(system));
    }
    JsonNode list = body.get("messages");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw bad("messages", "messages: Field required: a non-empty list of user and assistant"
          + " messages");
    }
    for (int i = 0; i < list.size(); i++) {
      message(list.get(i), "messages." + i, conversation);
    }
    messages = List.copyOf(conversation);
    tools = tools(body.get("tools"));
    JsonNode choice = body.get("tool_choice");
    toolChoice = choice == null || choice.isNull() ? null : choice;
    if (toolChoice != null) {
      checkToolChoice(toolChoice);
    }
    temperature = number(body, "temperature");
    topP = number(body, "top_p");
    JsonNode k = body.get("top_k");
    if (k == null || k.isNull()) {
      topK = null;
    } else if (!k.isIntegralNumber() || !k.canConvertToInt()) {
      throw bad("top_k", "top_k: must be an integer");
    } else {
      topK = k.asInt();
    }
    stopSequences = stopSequences(body.get("stop_sequences"));
    JsonNode metadata = body.get("metadata");
    if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
      throw bad("metadata", "metadata: must be an object");
    }
    JsonNode user = metadata == null ? null : metadata.get("user_id");
    endUser = user != null && user.isString() && !user.asString().isBlank() ? user.asString()
        : null;
    thinkingEffort = thinking(body.get("thinking"));
  }

  /** Reads a {@code /v1/messages} body: {@code max_tokens} is required. */
  static MessagesRequest forMessages(JsonNode body) {
    return new MessagesRequest(body, true);
  }

  /** Reads a {@code /v1/messages/count_tokens} body: {@code max_tokens} is not needed. */
  static MessagesRequest forCounting(JsonNode body) {
    return new MessagesRequest(body, false);
  }

  /**
   * The library's request for the chosen provider, with what it cannot honour dropped where that
   * is advisory (see the class comment).
   *
   * @throws ApiException 400 naming the field when the library refuses a value
   */
  ChatRequest toChatRequest(Upstreams.Choice choice) {
    Capabilities can = choice.provider().capabilities();
    ChatRequest.Builder builder = ChatRequest.builder().model(choice.model()).messages(messages);
    if (maxTokens != null && can.supports(Feature.MAX_TOKENS)) {
      builder.maxTokens(maxTokens);
    }
    set("temperature", () -> builder.temperature(temperature));
    set("top_p", () -> builder.topP(topP));
    set("top_k", () -> builder.topK(topK));
    if (!stopSequences.isEmpty()) {
      set("stop_sequences", () -> builder.stop(stopSequences));
    }
    boolean sendTools = true;
    if (toolChoice != null) {
      String type = toolChoice.get("type").asString();
      boolean takesChoice = can.supports(Feature.TOOL_CHOICE);
      switch (type) {
        case "auto" -> {
          if (takesChoice) {
            builder.toolChoice(ToolChoice.auto());
          }
        }
        case "any" -> builder.toolChoice(ToolChoice.required());
        case "tool" -> builder.toolChoice(ToolChoice.function(toolChoice.get("name").asString()));
        default -> {
          if (takesChoice) {
            builder.toolChoice(ToolChoice.none());
          } else {
            sendTools = false;
          }
        }
      }
      if (bool(toolChoice, "disable_parallel_tool_use")
          && can.supports(Feature.PARALLEL_TOOL_CALLS)) {
        builder.parallelToolCalls(false);
      }
    }
    if (sendTools) {
      builder.tools(tools);
    }
    if (endUser != null && can.supports(Feature.USER)) {
      builder.endUser(endUser);
    }
    if (thinkingEffort != null && can.supports(Feature.REASONING_EFFORT)
        && modelTakes(choice, Feature.REASONING_EFFORT)) {
      builder.reasoningEffort(thinkingEffort);
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw bad(e.getMessage().startsWith("tool_choice") ? "tool_choice" : null,
          e.getMessage());
    }
  }

  private static boolean modelTakes(Upstreams.Choice choice, Feature feature) {
    try {
      return choice.provider().model(choice.model()).supports(feature);
    } catch (RuntimeException unknown) {
      return false; // the call itself reports an unknown model
    }
  }

  private static void set(String field, Runnable setter) {
    try {
      setter.run();
    } catch (IllegalArgumentException e) {
      throw bad(field, field + ": " + e.getMessage());
    }
  }

  private static String system(JsonNode system) {
    if (system == null || system.isNull()) {
      return "";
    }
    if (system.isString()) {
      return system.asString();
    }
    if (!system.isArray()) {
      throw bad("system", "system: must be a string or a list of text blocks");
    }
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < system.size(); i++) {
      texts.add(text(system.get(i), "system." + i));
    }
    return String.join("\n\n", texts);
  }

  private static void message(JsonNode node, String where, List<Message> out) {
    if (!node.isObject()) {
      throw bad(where, where + ": must be an object with role and content");
    }
    JsonNode roleNode = node.get("role");
    String role = roleNode == null || !roleNode.isString() ? "" : roleNode.asString();
    if (!role.equals("user") && !role.equals("assistant")) {
      throw bad(where + ".role", where + ".role: must be user or assistant"
          + (roleNode == null ? "" : ", was " + quote(roleNode.isString() ? roleNode.asString()
          : roleNode.toString())));
    }
    JsonNode content = node.get("content");
    if (content == null || content.isNull()) {
      throw bad(where + ".content", where + ".content: Field required");
    }
    if (content.isString()) {
      out.add(role.equals("user") ? Message.user(content.asString())
          : Message.assistant(content.asString()));
      return;
    }
    if (!content.isArray()) {
      throw bad(where + ".content", where + ".content: must be a string or a list of blocks");
    }
    if (role.equals("user")) {
      userBlocks(content, where + ".content", out);
    } else {
      assistantBlocks(content, where + ".content", out);
    }
  }

  private static void userBlocks(JsonNode blocks, String where, List<Message> out) {
    List<ContentPart> parts = new ArrayList<>();
    List<ImagePart> resultImages = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      JsonNode block = blocks.get(i);
      String at = where + "." + i;
      switch (type(block, at)) {
        case "text" -> parts.add(new TextPart(text(block, at)));
        case "image" -> parts.add(image(block, at));
        case "tool_result" -> {
          String id = string(block, "tool_use_id", at);
          StringBuilder text = new StringBuilder();
          JsonNode content = block.get("content");
          if (content != null && content.isString()) {
            text.append(content.asString());
          } else if (content != null && content.isArray()) {
            for (int j = 0; j < content.size(); j++) {
              String inner = at + ".content." + j;
              switch (type(content.get(j), inner)) {
                case "text" -> {
                  if (!text.isEmpty()) {
                    text.append('\n');
                  }
                  text.append(text(content.get(j), inner));
                }
                case "image" -> resultImages.add(image(content.get(j), inner));
                default -> throw unsupported(content.get(j), inner);
              }
            }
          } else if (content != null && !content.isNull()) {
            throw bad(at + ".content", at + ".content: must be a string or a list of blocks");
          }
          String result = bool(block, "is_error") ? "[tool error] " + text : text.toString();
          out.add(Message.toolResult(id, result));
        }
        default -> throw unsupported(block, at);
      }
    }
    parts.addAll(resultImages);
    if (!parts.isEmpty()) {
      out.add(Message.user(parts));
    } else if (blocks.isEmpty()) {
      throw bad(where, where + ": a user message needs at least one block");
    }
  }

  private static void assistantBlocks(JsonNode blocks, String where, List<Message> out) {
    StringBuilder text = new StringBuilder();
    List<ToolCall> calls = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      JsonNode block = blocks.get(i);
      String at = where + "." + i;
      switch (type(block, at)) {
        case "text" -> text.append(text(block, at));
        case "tool_use" -> {
          JsonNode input = block.get("input");
          if (input != null && !input.isNull() && !input.isObject()) {
            throw bad(at + ".input", at + ".input: must be an object");
          }
          calls.add(new ToolCall(string(block, "id", at), string(block, "name", at),
              input == null || input.isNull() ? "{}" : Json.MAPPER.writeValueAsString(input),
              calls.size()));
        }
        case "thinking", "redacted_thinking" -> { } // another model's thoughts: not replayed
        default -> throw unsupported(block, at);
      }
    }
    out.add(Message.assistant(text.toString(), calls));
  }

  private static ImagePart image(JsonNode block, String at) {
    JsonNode source = block.get("source");
    if (source == null || !source.isObject()) {
      throw bad(at + ".source", at + ".source: Field required");
    }
    String kind = string(source, "type", at + ".source");
    try {
      return switch (kind) {
        case "base64" -> {
          String data = string(source, "data", at + ".source");
          byte[] bytes;
          try {
            bytes = Base64.getMimeDecoder().decode(data);
          } catch (IllegalArgumentException e) {
            throw bad(at + ".source.data", at + ".source.data: is not base64");
          }
          yield ImagePart.of(bytes, string(source, "media_type", at + ".source"));
        }
        case "url" -> ImagePart.url(string(source, "url", at + ".source"));
        default -> throw bad(at + ".source.type", at + ".source.type: must be base64 or url,"
            + " was " + quote(kind));
      };
    } catch (ApiException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw bad(at + ".source", at + ".source: " + e.getMessage());
    }
  }

  private static List<ToolDefinition> tools(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw bad("tools", "tools: must be a list");
    }
    List<ToolDefinition> tools = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode tool = node.get(i);
      String at = "tools." + i;
      if (!tool.isObject()) {
        throw bad(at, at + ": must be an object");
      }
      JsonNode type = tool.get("type");
      if (type != null && !type.isNull() && !"custom".equals(type.asString())) {
        throw bad(at + ".type", at + ".type: the gateway runs only client tools (custom, with an"
            + " input_schema); Anthropic's server tool " + quote(type.asString())
            + " is not available");
      }
      String name = string(tool, "name", at);
      JsonNode schema = tool.get("input_schema");
      if (schema == null || !schema.isObject()) {
        throw bad(at + ".input_schema", at + ".input_schema: Field required: a JSON schema"
            + " object");
      }
      JsonNode description = tool.get("description");
      try {
        tools.add(new ToolDefinition(name, description != null && description.isString()
            ? description.asString() : "", Json.MAPPER.writeValueAsString(schema)));
      } catch (IllegalArgumentException e) {
        throw bad(at, at + ": " + e.getMessage());
      }
    }
    return tools;
  }

  private static void checkToolChoice(JsonNode choice) {
    if (!choice.isObject()) {
      throw bad("tool_choice", "tool_choice: must be an object with a type");
    }
    String type = string(choice, "type", "tool_choice");
    switch (type) {
      case "auto", "any", "none" -> { }
      case "tool" -> string(choice, "name", "tool_choice");
      default -> throw bad("tool_choice.type", "tool_choice.type: must be auto, any, tool or"
          + " none, was " + quote(type));
    }
    JsonNode parallel = choice.get("disable_parallel_tool_use");
    if (parallel != null && !parallel.isNull() && !parallel.isBoolean()) {
      throw bad("tool_choice.disable_parallel_tool_use",
          "tool_choice.disable_parallel_tool_use: must be a boolean");
    }
  }

  private static List<String> stopSequences(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw bad("stop_sequences", "stop_sequences: must be a list of strings");
    }
    List<String> stops = new ArrayList<>();
    for (JsonNode stop : node) {
      if (!stop.isString()) {
        throw bad("stop_sequences", "stop_sequences: must be a list of strings");
      }
      stops.add(stop.asString());
    }
    return List.copyOf(stops);
  }

  private static ReasoningEffort thinking(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw bad("thinking", "thinking: must be an object with a type");
    }
    String type = string(node, "type", "thinking");
    return switch (type) {
      case "enabled" -> {
        JsonNode budget = node.get("budget_tokens");
        if (budget == null || !budget.isIntegralNumber()) {
          throw bad("thinking.budget_tokens", "thinking.budget_tokens: Field required: an"
              + " integer");
        }
        long tokens = budget.asLong();
        yield tokens <= 4096 ? ReasoningEffort.LOW
            : tokens <= 16384 ? ReasoningEffort.MEDIUM : ReasoningEffort.HIGH;
      }
      case "disabled", "adaptive" -> null;
      default -> throw bad("thinking.type", "thinking.type: must be enabled, disabled or"
          + " adaptive, was " + quote(type));
    };
  }

  private static String type(JsonNode block, String at) {
    if (block == null || !block.isObject()) {
      throw bad(at, at + ": must be an object with a type");
    }
    return string(block, "type", at);
  }

  private static String text(JsonNode block, String at) {
    if (!block.isObject() || !"text".equals(block.path("type").asString(""))) {
      throw bad(at + ".type", at + ".type: must be text");
    }
    return string(block, "text", at);
  }

  private static String string(JsonNode node, String field, String at) {
    JsonNode value = node.get(field);
    if (value == null || !value.isString()) {
      throw bad(at + "." + field, at + "." + field + ": Field required: a string");
    }
    return value.asString();
  }

  private static boolean bool(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw bad(field, field + ": must be a boolean");
    }
    return value.asBoolean();
  }

  private static Double number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      throw bad(field, field + ": must be a number");
    }
    return value.asDouble();
  }

  private static ApiException unsupported(JsonNode block, String at) {
    return bad(at + ".type", at + ".type: the gateway does not take "
        + quote(block.path("type").asString("?")) + " blocks here");
  }

  private static ApiException bad(String param, String message) {
    return ApiException.badRequest(param, message);
  }

  /** A client's value for a message: JSON-quoted (controls escaped), at most 60 characters. */
  static String quote(String value) {
    String cut = value.length() > 60 ? value.substring(0, 60) + "..." : value;
    return Json.MAPPER.writeValueAsString(cut);
  }
}
