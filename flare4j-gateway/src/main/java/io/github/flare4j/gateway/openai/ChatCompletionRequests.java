package io.github.flare4j.gateway.openai;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.ContentPart;
import io.github.flare4j.ImagePart;
import io.github.flare4j.Message;
import io.github.flare4j.ReasoningEffort;
import io.github.flare4j.ResponseFormat;
import io.github.flare4j.TextPart;
import io.github.flare4j.ToolCall;
import io.github.flare4j.ToolChoice;
import io.github.flare4j.ToolDefinition;
import io.github.flare4j.gateway.Upstreams;
import io.github.flare4j.gateway.http.ApiException;
import io.github.flare4j.provider.Feature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads an OpenAI {@code chat.completions} request body into a {@link ChatRequest}, naming the
 * field at fault in every 400 ({@code param}). Fields the gateway cannot honour ({@code n} above
 * 1, {@code logprobs}, {@code audio}...) are refused by name; a few that change nothing of the
 * answer ({@code store}, {@code metadata}, {@code service_tier}, {@code prompt_cache_key},
 * {@code safety_identifier}) are ignored; any other unknown field is refused, as OpenAI does.
 */
public final class ChatCompletionRequests {
  /** Fields read into the request. */
  private static final Set<String> KNOWN = Set.of("model", "messages", "max_tokens",
      "max_completion_tokens", "temperature", "top_p", "top_k", "seed", "stop",
      "frequency_penalty", "presence_penalty", "repetition_penalty", "tools", "tool_choice",
      "parallel_tool_calls", "response_format", "reasoning_effort", "user", "stream",
      "stream_options", "n", "logprobs", "top_logprobs", "modalities", "logit_bias");
  /** Fields that change nothing of the answer, accepted and ignored. */
  private static final System.Logger LOG =
      System.getLogger(ChatCompletionRequests.class.getName());
  private static final Set<String> IGNORED = Set.of("store", "metadata", "service_tier",
      "prompt_cache_key", "prompt_cache_retention", "safety_identifier");

  private ChatCompletionRequests() {}

  /**
   * A parsed request.
   *
   * @param choice the provider that answers and the model to ask it for
   * @param request the library's request
   * @param stream whether the client wants chunks
   * @param includeUsage whether a last chunk with the usage is wanted
   * @param clientModel the model as the client named it
   * @param maxTokensParam the field the token limit came in ({@code max_tokens} or
   *     {@code max_completion_tokens})
   */
  public record Parsed(Upstreams.Choice choice, ChatRequest request, boolean stream,
      boolean includeUsage, String clientModel, String maxTokensParam) {

    /**
     * The error for a refusal of the provider or the model, naming the field when the library's
     * message names the feature ("... takes no tools ...") and the error names none.
     */
    public ApiException withParam(ApiException error) {
      String marker = " takes no ";
      String message = error.getMessage() == null ? "" : error.getMessage();
      int at = message.indexOf(marker);
      if (error.status() != 400 || error.param() != null || at < 0) {
        return error;
      }
      String rest = message.substring(at + marker.length());
      for (Feature feature : Feature.values()) {
        if (rest.startsWith(feature.wireName())) {
          String param = paramOf(feature, maxTokensParam);
          return param == null ? error : new ApiException(400, error.type(), message, param,
              error.code(), error.headers());
        }
      }
      return error;
    }
  }

  /**
   * Reads {@code body}.
   *
   * @throws ApiException 400 naming the field at fault
   */
  public static Parsed parse(JsonNode body, Upstreams upstreams) {
    for (String name : body.propertyNames()) {
      if (!KNOWN.contains(name) && !IGNORED.contains(name)) {
        if (!refusalHint(name).isEmpty()) {
          throw ApiException.badRequest(name, "Unsupported request argument: "
              + OpenAiText.quote(name) + refusalHint(name));
        }
        // A member this gateway does not know (a newer SDK's, or a client's own) is left out, as
        // lenient servers do, so clients work unchanged; it is never sent upstream.
        LOG.log(System.Logger.Level.DEBUG, "Ignoring the unknown request member {0}",
            OpenAiText.quote(name));
      }
    }
    refuseUnsupported(body);
    String model = string(body, "model");
    if (model == null || model.isBlank()) {
      throw ApiException.badRequest("model", "You must provide a model parameter");
    }
    Upstreams.Choice choice = upstreams.choose(model);
    ChatRequest.Builder builder = ChatRequest.builder().model(choice.model());
    builder.messages(messages(body.get("messages")));

    Integer maxTokens = integer(body, "max_completion_tokens");
    String maxParam = "max_completion_tokens";
    if (maxTokens == null) {
      maxTokens = integer(body, "max_tokens");
      maxParam = "max_tokens";
    }
    if (maxTokens != null) {
      int value = maxTokens;
      field(maxParam, () -> builder.maxTokens(value));
    }
    Double temperature = number(body, "temperature");
    field("temperature", () -> builder.temperature(temperature));
    Double topP = number(body, "top_p");
    field("top_p", () -> builder.topP(topP));
    Integer topK = integer(body, "top_k");
    field("top_k", () -> builder.topK(topK));
    Long seed = longValue(body, "seed");
    field("seed", () -> builder.seed(seed));
    Double frequency = number(body, "frequency_penalty");
    field("frequency_penalty", () -> builder.frequencyPenalty(frequency));
    Double presence = number(body, "presence_penalty");
    field("presence_penalty", () -> builder.presencePenalty(presence));
    Double repetition = number(body, "repetition_penalty");
    field("repetition_penalty", () -> builder.repetitionPenalty(repetition));
    List<String> stop = stop(body.get("stop"));
    field("stop", () -> builder.stop(stop));
    builder.tools(tools(body.get("tools")));
    ToolChoice toolChoice = toolChoice(body.get("tool_choice"));
    builder.toolChoice(toolChoice);
    builder.parallelToolCalls(bool(body, "parallel_tool_calls"));
    builder.responseFormat(responseFormat(body.get("response_format")));
    String effort = string(body, "reasoning_effort");
    if (effort != null) {
      builder.reasoningEffort(reasoningEffort(effort));
    }
    String user = string(body, "user");
    if (user != null && !user.isBlank()) {
      builder.endUser(user);
    }
    Boolean stream = bool(body, "stream");
    boolean includeUsage = false;
    JsonNode options = present(body.get("stream_options"));
    if (options != null) {
      if (!options.isObject()) {
        throw ApiException.badRequest("stream_options", "stream_options must be an object");
      }
      Boolean include = bool(options, "include_usage", "stream_options.include_usage");
      includeUsage = include != null && include;
    }
    ChatRequest request;
    try {
      request = builder.build();
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(toolChoice != null ? "tool_choice" : "messages",
          e.getMessage());
    }
    request = ProviderHints.drop(request, choice.provider());
    checkCapabilities(upstreams, choice, request, maxParam);
    return new Parsed(choice, request, stream != null && stream, includeUsage, model.strip(),
        maxParam);
  }

  /** Refuses, by name, what the provider cannot honour, before anything is sent. */
  private static void checkCapabilities(Upstreams upstreams, Upstreams.Choice choice,
      ChatRequest request, String maxParam) {
    List<Feature> missing = choice.provider().capabilities().unsupported(request);
    if (missing.isEmpty()) {
      return;
    }
    String param = paramOf(missing.getFirst(), maxParam);
    throw ApiException.badRequest(param, "The provider '" + choice.providerName() + "' ("
        + choice.provider().label() + ") takes no " + missing.stream().map(Feature::wireName)
        .toList() + "; leave " + (missing.size() == 1 ? "it" : "them") + " out, or choose"
        + " another provider with a model prefix (one of " + String.join(", ", upstreams.names())
        + ")");
  }

  /** The request field that asks for {@code feature}, or null when none does. */
  static String paramOf(Feature feature, String maxParam) {
    return switch (feature) {
      case MAX_TOKENS -> maxParam;
      case JSON_OBJECT, JSON_SCHEMA -> "response_format";
      case IMAGES -> "messages";
      case REJECT_IF_BUSY, EXTRA_BODY, REASONING, USAGE -> null;
      default -> feature.wireName();
    };
  }

  private static String refusalHint(String name) {
    return switch (name) {
      case "functions", "function_call" -> "; use tools and tool_choice";
      case "audio", "prediction", "web_search_options", "verbosity" ->
          "; the gateway's models do not support it";
      default -> "";
    };
  }

  /** Fields OpenAI has that the gateway cannot honour, unless left at their defaults. */
  private static void refuseUnsupported(JsonNode body) {
    JsonNode n = present(body.get("n"));
    if (n != null && !(n.isIntegralNumber() && n.asLong() == 1)) {
      throw ApiException.badRequest("n", "Only n=1 is supported: the gateway returns one choice");
    }
    JsonNode logprobs = present(body.get("logprobs"));
    if (logprobs != null && !(logprobs.isBoolean() && !logprobs.booleanValue())) {
      throw ApiException.badRequest("logprobs", "logprobs are not supported by the gateway's"
          + " models");
    }
    JsonNode top = present(body.get("top_logprobs"));
    if (top != null && !(top.isIntegralNumber() && top.asLong() == 0)) {
      throw ApiException.badRequest("top_logprobs", "top_logprobs are not supported by the"
          + " gateway's models");
    }
    JsonNode modalities = present(body.get("modalities"));
    if (modalities != null) {
      boolean textOnly = modalities.isArray();
      if (textOnly) {
        for (JsonNode modality : modalities) {
          textOnly &= modality.isString() && modality.stringValue().equals("text");
        }
      }
      if (!textOnly) {
        throw ApiException.badRequest("modalities", "Only the text modality is supported");
      }
    }
    JsonNode bias = present(body.get("logit_bias"));
    if (bias != null && !(bias.isObject() && bias.isEmpty())) {
      throw ApiException.badRequest("logit_bias", "logit_bias is not supported by the gateway's"
          + " models");
    }
  }

  private static List<Message> messages(JsonNode node) {
    if (node == null || node.isNull()) {
      throw ApiException.badRequest("messages", "Missing required parameter: 'messages'");
    }
    if (!node.isArray() || node.isEmpty()) {
      throw ApiException.badRequest("messages", "messages must be a non-empty array");
    }
    List<Message> messages = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      messages.add(message(node.get(i), "messages[" + i + "]"));
    }
    return messages;
  }

  private static Message message(JsonNode node, String where) {
    if (!node.isObject()) {
      throw ApiException.badRequest(where, where + " must be an object");
    }
    String role = string(node, "role", where + ".role");
    if (role == null) {
      throw ApiException.badRequest(where + ".role", "Missing required parameter: '" + where
          + ".role'");
    }
    JsonNode content = present(node.get("content"));
    String contentParam = where + ".content";
    try {
      return switch (role) {
        case "system", "developer" -> Message.system(text(content, contentParam, true));
        case "user" -> Message.user(userParts(content, contentParam));
        case "assistant" -> {
          List<ToolCall> calls = toolCalls(present(node.get("tool_calls")),
              where + ".tool_calls");
          String text = content == null ? "" : text(content, contentParam, false);
          yield calls.isEmpty() ? Message.assistant(text) : Message.assistant(text, calls);
        }
        case "tool" -> {
          String id = string(node, "tool_call_id", where + ".tool_call_id");
          if (id == null || id.isBlank()) {
            throw ApiException.badRequest(where + ".tool_call_id", "A tool message needs the"
                + " tool_call_id of the call it answers");
          }
          yield Message.toolResult(id, text(content, contentParam, true));
        }
        default -> throw ApiException.badRequest(where + ".role", "Unsupported role "
            + OpenAiText.quote(role) + ": use system, developer, user, assistant or tool");
      };
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(where, e.getMessage());
    }
  }

  /** A content that is text: a string, or an array of text parts, joined. */
  private static String text(JsonNode content, String param, boolean required) {
    if (content == null) {
      if (required) {
        throw ApiException.badRequest(param, "Missing required parameter: '" + param + "'");
      }
      return "";
    }
    if (content.isString()) {
      return content.stringValue();
    }
    if (!content.isArray()) {
      throw ApiException.badRequest(param, param + " must be a string or an array of parts");
    }
    StringBuilder text = new StringBuilder();
    for (int j = 0; j < content.size(); j++) {
      JsonNode part = content.get(j);
      String partParam = param + "[" + j + "]";
      String type = part.isObject() ? string(part, "type", partParam + ".type") : null;
      if ("text".equals(type) || "refusal".equals(type)) {
        String value = string(part, type, partParam + "." + type);
        if (value == null) {
          throw ApiException.badRequest(partParam + "." + type, "A " + type + " part needs its "
              + type);
        }
        text.append(value);
      } else {
        throw ApiException.badRequest(partParam, "Only text parts go here"
            + (type == null ? "" : ", not " + OpenAiText.quote(type)));
      }
    }
    return text.toString();
  }

  private static List<ContentPart> userParts(JsonNode content, String param) {
    if (content == null) {
      throw ApiException.badRequest(param, "Missing required parameter: '" + param + "'");
    }
    if (content.isString()) {
      return List.of(new TextPart(content.stringValue()));
    }
    if (!content.isArray() || content.isEmpty()) {
      throw ApiException.badRequest(param, param + " must be a string or a non-empty array of"
          + " parts");
    }
    List<ContentPart> parts = new ArrayList<>();
    for (int j = 0; j < content.size(); j++) {
      JsonNode part = content.get(j);
      String partParam = param + "[" + j + "]";
      String type = part.isObject() ? string(part, "type", partParam + ".type") : null;
      if ("text".equals(type)) {
        String value = string(part, "text", partParam + ".text");
        if (value == null) {
          throw ApiException.badRequest(partParam + ".text", "A text part needs its text");
        }
        parts.add(new TextPart(value));
      } else if ("image_url".equals(type)) {
        JsonNode image = present(part.get("image_url"));
        String url = image == null ? null
            : image.isString() ? image.stringValue()
            : string(image, "url", partParam + ".image_url.url");
        if (url == null) {
          throw ApiException.badRequest(partParam + ".image_url.url", "An image_url part needs"
              + " its url");
        }
        parts.add(image(url, partParam + ".image_url.url"));
      } else {
        throw ApiException.badRequest(partParam + ".type", "Unsupported content part type"
            + (type == null ? "" : " " + OpenAiText.quote(type)) + ": use text or image_url");
      }
    }
    return parts;
  }

  private static ImagePart image(String url, String param) {
    try {
      if (url.startsWith("data:")) {
        int comma = url.indexOf(',');
        String head = comma < 0 ? "" : url.substring(5, comma);
        if (comma < 0 || !head.endsWith(";base64")) {
          throw ApiException.badRequest(param, "A data: URL must be data:<type>;base64,<data>");
        }
        String mediaType = head.substring(0, head.length() - ";base64".length())
            .toLowerCase(Locale.ROOT);
        byte[] bytes;
        try {
          bytes = Base64.getMimeDecoder().decode(url.substring(comma + 1));
        } catch (IllegalArgumentException e) {
          throw ApiException.badRequest(param, "The data: URL's data is not valid base64");
        }
        return ImagePart.of(bytes, mediaType);
      }
      if (url.startsWith("https://") || url.startsWith("http://")) {
        return ImagePart.url(url);
      }
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(param, e.getMessage());
    }
    throw ApiException.badRequest(param, "An image URL must be http(s):// or a data: URL");
  }

  private static List<ToolCall> toolCalls(JsonNode node, String param) {
    if (node == null) {
      return List.of();
    }
    if (!node.isArray()) {
      throw ApiException.badRequest(param, param + " must be an array");
    }
    List<ToolCall> calls = new ArrayList<>();
    for (int k = 0; k < node.size(); k++) {
      JsonNode call = node.get(k);
      String callParam = param + "[" + k + "]";
      if (!call.isObject()) {
        throw ApiException.badRequest(callParam, callParam + " must be an object");
      }
      String type = string(call, "type", callParam + ".type");
      if (type != null && !type.equals("function")) {
        throw ApiException.badRequest(callParam + ".type", "Only function tool calls are"
            + " supported");
      }
      String id = string(call, "id", callParam + ".id");
      JsonNode function = present(call.get("function"));
      String name = function == null || !function.isObject() ? null
          : string(function, "name", callParam + ".function.name");
      if (id == null || name == null) {
        throw ApiException.badRequest(callParam, "A tool call needs its id and function.name");
      }
      String arguments = string(function, "arguments", callParam + ".function.arguments");
      calls.add(new ToolCall(id, name, arguments, k));
    }
    return calls;
  }

  private static List<ToolDefinition> tools(JsonNode node) {
    node = present(node);
    if (node == null) {
      return List.of();
    }
    if (!node.isArray()) {
      throw ApiException.badRequest("tools", "tools must be an array");
    }
    List<ToolDefinition> tools = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode tool = node.get(i);
      String param = "tools[" + i + "]";
      String type = tool.isObject() ? string(tool, "type", param + ".type") : null;
      if (!"function".equals(type)) {
        throw ApiException.badRequest(param + ".type", "Only tools of type function are"
            + " supported");
      }
      JsonNode function = present(tool.get("function"));
      if (function == null || !function.isObject()) {
        throw ApiException.badRequest(param + ".function", "A function tool needs its function");
      }
      String name = string(function, "name", param + ".function.name");
      if (name == null || name.isBlank()) {
        throw ApiException.badRequest(param + ".function.name", "A function needs a name");
      }
      String description = string(function, "description", param + ".function.description");
      JsonNode parameters = present(function.get("parameters"));
      if (parameters != null && !parameters.isObject()) {
        throw ApiException.badRequest(param + ".function.parameters", "A function's parameters"
            + " must be a JSON schema object");
      }
      try {
        tools.add(new ToolDefinition(name, description,
            parameters == null ? null : parameters.toString()));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(param + ".function", e.getMessage());
      }
    }
    return tools;
  }

  private static ToolChoice toolChoice(JsonNode node) {
    node = present(node);
    if (node == null) {
      return null;
    }
    if (node.isString()) {
      return switch (node.stringValue()) {
        case "auto" -> ToolChoice.auto();
        case "none" -> ToolChoice.none();
        case "required" -> ToolChoice.required();
        default -> throw ApiException.badRequest("tool_choice", "tool_choice must be auto, none,"
            + " required or {\"type\":\"function\",\"function\":{\"name\":...}}");
      };
    }
    if (node.isObject() && "function".equals(string(node, "type", "tool_choice.type"))) {
      JsonNode function = present(node.get("function"));
      String name = function == null || !function.isObject() ? null
          : string(function, "name", "tool_choice.function.name");
      if (name != null && !name.isBlank()) {
        return ToolChoice.function(name);
      }
      throw ApiException.badRequest("tool_choice.function.name", "tool_choice needs the"
          + " function's name");
    }
    throw ApiException.badRequest("tool_choice", "tool_choice must be auto, none, required or"
        + " {\"type\":\"function\",\"function\":{\"name\":...}}");
  }

  private static ResponseFormat responseFormat(JsonNode node) {
    node = present(node);
    if (node == null) {
      return null;
    }
    String type = node.isObject() ? string(node, "type", "response_format.type") : null;
    if (type == null) {
      throw ApiException.badRequest("response_format", "response_format needs a type: text,"
          + " json_object or json_schema");
    }
    return switch (type) {
      case "text" -> ResponseFormat.text();
      case "json_object" -> ResponseFormat.jsonObject();
      case "json_schema" -> {
        JsonNode spec = present(node.get("json_schema"));
        if (spec == null || !spec.isObject()) {
          throw ApiException.badRequest("response_format.json_schema", "json_schema needs its"
              + " name and schema");
        }
        String name = string(spec, "name", "response_format.json_schema.name");
        JsonNode schema = present(spec.get("schema"));
        if (schema == null || !schema.isObject()) {
          throw ApiException.badRequest("response_format.json_schema.schema", "json_schema"
              + " needs a schema object");
        }
        Boolean strict = bool(spec, "strict", "response_format.json_schema.strict");
        try {
          yield ResponseFormat.jsonSchema(name == null ? "response" : name, schema.toString(),
              strict != null && strict);
        } catch (IllegalArgumentException e) {
          throw ApiException.badRequest("response_format.json_schema", e.getMessage());
        }
      }
      default -> throw ApiException.badRequest("response_format.type", "response_format's type"
          + " must be text, json_object or json_schema");
    };
  }

  private static ReasoningEffort reasoningEffort(String value) {
    for (ReasoningEffort effort : ReasoningEffort.values()) {
      if (effort.wireName().equals(value)) {
        return effort;
      }
    }
    throw ApiException.badRequest("reasoning_effort", "reasoning_effort must be none, minimal,"
        + " low, medium, high or xhigh");
  }

  private static List<String> stop(JsonNode node) {
    node = present(node);
    if (node == null) {
      return List.of();
    }
    if (node.isString()) {
      return List.of(node.stringValue());
    }
    if (node.isArray()) {
      List<String> stop = new ArrayList<>();
      for (JsonNode element : node) {
        if (!element.isString()) {
          throw ApiException.badRequest("stop", "stop must be a string or an array of strings");
        }
        stop.add(element.stringValue());
      }
      return stop;
    }
    throw ApiException.badRequest("stop", "stop must be a string or an array of strings");
  }

  private static void field(String param, Runnable set) {
    try {
      set.run();
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(param, e.getMessage());
    }
  }

  /** A JSON null counts as absent. */
  static JsonNode present(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() ? null : node;
  }

  static String string(JsonNode parent, String name) {
    return string(parent, name, name);
  }

  static String string(JsonNode parent, String name, String param) {
    JsonNode node = present(parent.get(name));
    if (node == null) {
      return null;
    }
    if (!node.isString()) {
      throw ApiException.badRequest(param, param + " must be a string");
    }
    return node.stringValue();
  }

  private static Boolean bool(JsonNode parent, String name) {
    return bool(parent, name, name);
  }

  private static Boolean bool(JsonNode parent, String name, String param) {
    JsonNode node = present(parent.get(name));
    if (node == null) {
      return null;
    }
    if (!node.isBoolean()) {
      throw ApiException.badRequest(param, param + " must be a boolean");
    }
    return node.booleanValue();
  }

  private static Double number(JsonNode parent, String name) {
    JsonNode node = present(parent.get(name));
    if (node == null) {
      return null;
    }
    if (!node.isNumber()) {
      throw ApiException.badRequest(name, name + " must be a number");
    }
    return node.doubleValue();
  }

  private static Long longValue(JsonNode parent, String name) {
    JsonNode node = present(parent.get(name));
    if (node == null) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw ApiException.badRequest(name, name + " must be an integer");
    }
    return node.longValue();
  }

  private static Integer integer(JsonNode parent, String name) {
    Long value = longValue(parent, name);
    if (value == null) {
      return null;
    }
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw ApiException.badRequest(name, name + " is out of range");
    }
    return value.intValue();
  }
}
