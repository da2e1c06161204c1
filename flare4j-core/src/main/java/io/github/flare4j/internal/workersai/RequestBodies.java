package io.github.flare4j.internal.workersai;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.ContentPart;
import io.github.flare4j.GenerationOptions;
import io.github.flare4j.ImagePart;
import io.github.flare4j.Message;
import io.github.flare4j.ResponseFormat;
import io.github.flare4j.Role;
import io.github.flare4j.TextPart;
import io.github.flare4j.ToolCall;
import io.github.flare4j.ToolChoice;
import io.github.flare4j.ToolDefinition;
import io.github.flare4j.internal.stream.Json;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;

/**
 * The request bodies of Workers AI's two chat APIs. Only options the caller set are written.
 *
 * <ul>
 *   <li>REST {@code /ai/run/{model}}: {@code messages}, {@code stream}, {@code max_tokens} (when set),
 *       {@code temperature}, {@code top_p}, {@code top_k}, {@code seed},
 *       {@code repetition_penalty}, {@code frequency_penalty}, {@code presence_penalty},
 *       {@code tools} ({@code {"name","description","parameters"}}), {@code response_format}
 *       ({@code {"type":"json_schema","json_schema":{schema}}}); a user message's images as
 *       OpenAI's content parts ({@code llama-4-scout}, {@code gemma-3}, ... and the
 *       {@code workers-ai-provider}'s REST path), except for {@code llama-3.2-11b-vision-instruct},
 *       whose schema takes one image as a top-level {@code "image"} (base64) beside text messages;
 *       the request's extra members last;
 *   <li>OpenAI {@code /ai/v1/chat/completions}: {@code model}, {@code messages}, {@code stream},
 *       {@code stream_options.include_usage}, {@code max_tokens} (when set), the OpenAI sampling
 *       options, {@code stop}, {@code tools} ({@code {"type":"function","function":{..}}}),
 *       {@code tool_choice}, {@code parallel_tool_calls}, content parts (text and
 *       {@code image_url}), {@code response_format} ({@code {"type":"text"}},
 *       {@code {"type":"json_object"}} or
 *       {@code {"type":"json_schema","json_schema":{"name","schema","strict"}}}),
 *       {@code reasoning_effort}, {@code user}, and the request's extra members last.
 * </ul>
 */
public final class RequestBodies {
  private RequestBodies() {}

  /**
   * The body of {@code POST .../ai/run/{model}}.
   *
   * @throws IllegalArgumentException when {@code llama-3.2-11b-vision-instruct} is given more
   *     than one image, or an image by URL (its schema takes one image's bytes)
   */
  public static String rest(String model, ChatRequest request, boolean stream) {
    boolean topLevelImage = model.endsWith("llama-3.2-11b-vision-instruct");
    List<ImagePart> images = request.messages().stream()
        .flatMap(message -> message.images().stream()).toList();
    if (topLevelImage && (images.size() > 1 || images.stream().anyMatch(i -> !i.hasBytes()))) {
      throw new IllegalArgumentException(model + " takes one image, given as bytes (not a URL);"
          + " was given " + images.size());
    }
    StringWriter out = new StringWriter(256);
    try (JsonGenerator json = Json.generator(out)) {
      json.writeStartObject();
      messages(json, request.messages(), false, !topLevelImage);
      if (topLevelImage && !images.isEmpty()) {
        json.writeStringProperty("image", images.getFirst().base64());
      }
      json.writeBooleanProperty("stream", stream);
      maxTokens(json, request);
      options(json, request.options(), true);
      rejectIfBusy(json, request);
      if (!request.tools().isEmpty()) {
        json.writeName("tools");
        json.writeStartArray();
        for (ToolDefinition tool : request.tools()) {
          json.writeStartObject();
          Json.writeFunction(json, tool);
          json.writeEndObject();
        }
        json.writeEndArray();
      }
      request.responseFormat().filter(format -> format.type() != ResponseFormat.Type.TEXT)
          .ifPresent(format -> {
            json.writeName("response_format");
            json.writeStartObject();
            if (format.type() == ResponseFormat.Type.JSON_SCHEMA) {
              json.writeStringProperty("type", "json_schema");
              json.writeName("json_schema");
              json.writeRawValue(format.schema());
            } else {
              json.writeStringProperty("type", "json_object");
            }
            json.writeEndObject();
          });
      extras(json, request);
      json.writeEndObject();
    }
    return out.toString();
  }

  /**
   * The body of {@code POST .../ai/v1/chat/completions}; top-k and a repetition penalty, which the
   * OpenAI format has no field for, are refused before (by the provider's capabilities).
   */
  public static String openAi(String model, ChatRequest request, boolean stream) {
    GenerationOptions options = request.options();
    StringWriter out = new StringWriter(256);
    try (JsonGenerator json = Json.generator(out)) {
      json.writeStartObject();
      json.writeStringProperty("model", model);
      messages(json, request.messages(), true, true);
      json.writeBooleanProperty("stream", stream);
      if (stream) {
        json.writeName("stream_options");
        json.writeStartObject();
        json.writeBooleanProperty("include_usage", true);
        json.writeEndObject();
      }
      maxTokens(json, request);
      options(json, options, false);
      if (!options.stop().isEmpty()) {
        json.writeName("stop");
        json.writeStartArray();
        for (String sequence : options.stop()) {
          json.writeString(sequence);
        }
        json.writeEndArray();
      }
      rejectIfBusy(json, request);
      if (!request.tools().isEmpty()) {
        json.writeName("tools");
        json.writeStartArray();
        for (ToolDefinition tool : request.tools()) {
          json.writeStartObject();
          json.writeStringProperty("type", "function");
          json.writeName("function");
          json.writeStartObject();
          Json.writeFunction(json, tool);
          json.writeEndObject();
          json.writeEndObject();
        }
        json.writeEndArray();
      }
      request.toolChoice().ifPresent(choice -> {
        if (choice.kind() == ToolChoice.Kind.FUNCTION) {
          json.writeName("tool_choice");
          json.writeStartObject();
          json.writeStringProperty("type", "function");
          json.writeName("function");
          json.writeStartObject();
          json.writeStringProperty("name", choice.name());
          json.writeEndObject();
          json.writeEndObject();
        } else {
          json.writeStringProperty("tool_choice", choice.kind().wireName());
        }
      });
      request.parallelToolCalls()
          .ifPresent(parallel -> json.writeBooleanProperty("parallel_tool_calls", parallel));
      request.responseFormat().ifPresent(format -> {
        json.writeName("response_format");
        json.writeStartObject();
        switch (format.type()) {
          case JSON_SCHEMA -> {
            json.writeStringProperty("type", "json_schema");
            json.writeName("json_schema");
            json.writeStartObject();
            json.writeStringProperty("name", format.name() == null ? "response" : format.name());
            json.writeName("schema");
            json.writeRawValue(format.schema());
            if (format.strict()) {
              json.writeBooleanProperty("strict", true);
            }
            json.writeEndObject();
          }
          case JSON_OBJECT -> json.writeStringProperty("type", "json_object");
          case TEXT -> json.writeStringProperty("type", "text");
        }
        json.writeEndObject();
      });
      request.reasoningEffort()
          .ifPresent(effort -> json.writeStringProperty("reasoning_effort", effort.wireName()));
      request.user().ifPresent(user -> json.writeStringProperty("user", user));
      extras(json, request);
      json.writeEndObject();
    }
    return out.toString();
  }

  /**
   * {@code "messages":[..]}. Assistant tool calls and tool results are written in each API's
   * shape: OpenAI's {@code {"id","type":"function","function":{"name","arguments":"<text>"}}},
   * the REST API's {@code {"id","name","arguments":{..}}}; a tool result carries
   * {@code tool_call_id} (and, for the REST API, the tool's {@code name} when an earlier assistant
   * message names it). A message's images, when {@code imageParts}, make its content an array:
   * {@code [{"type":"text","text":..},{"type":"image_url","image_url":{"url":..}}]}.
   */
  private static void messages(
      JsonGenerator json, List<Message> messages, boolean openAi, boolean imageParts) {
    json.writeName("messages");
    json.writeStartArray();
    for (Message message : messages) {
      json.writeStartObject();
      json.writeStringProperty("role", message.role().wireName());
      if (imageParts && !message.isTextOnly()) {
        json.writeName("content");
        json.writeStartArray();
        for (ContentPart part : message.parts()) {
          json.writeStartObject();
          switch (part) {
            case TextPart text -> {
              json.writeStringProperty("type", "text");
              json.writeStringProperty("text", text.text());
            }
            case ImagePart image -> {
              json.writeStringProperty("type", "image_url");
              json.writeName("image_url");
              json.writeStartObject();
              json.writeStringProperty("url", image.toUrl());
              json.writeEndObject();
            }
          }
          json.writeEndObject();
        }
        json.writeEndArray();
      } else {
        json.writeStringProperty("content", message.content());
      }
      if (!message.toolCalls().isEmpty()) {
        json.writeName("tool_calls");
        json.writeStartArray();
        for (ToolCall call : message.toolCalls()) {
          json.writeStartObject();
          json.writeStringProperty("id", call.id());
          if (openAi) {
            json.writeStringProperty("type", "function");
            json.writeName("function");
            json.writeStartObject();
            json.writeStringProperty("name", call.name());
            json.writeStringProperty("arguments", call.arguments());
            json.writeEndObject();
          } else {
            json.writeStringProperty("name", call.name());
            json.writeName("arguments");
            json.writeRawValue(call.arguments());
          }
          json.writeEndObject();
        }
        json.writeEndArray();
      }
      if (message.role() == Role.TOOL) {
        json.writeStringProperty("tool_call_id", message.toolCallId());
        if (!openAi) {
          String name = toolName(messages, message.toolCallId());
          if (name != null) {
            json.writeStringProperty("name", name);
          }
        }
      }
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static String toolName(List<Message> messages, String toolCallId) {
    for (Message message : messages) {
      for (ToolCall call : message.toolCalls()) {
        if (call.id().equals(toolCallId)) {
          return call.name();
        }
      }
    }
    return null;
  }

  /** {@code max_tokens}, only when the request sets it. */
  private static void maxTokens(JsonGenerator json, ChatRequest request) {
    if (request.maxTokens().isPresent()) {
      json.writeNumberProperty("max_tokens", request.maxTokens().getAsInt());
    }
  }

  /** The request's extra members, last, at the top level of the body, as given. */
  private static void extras(JsonGenerator json, ChatRequest request) {
    for (Map.Entry<String, Object> extra : request.extras().entrySet()) {
      json.writeName(extra.getKey());
      value(json, extra.getValue());
    }
  }

  /** One JSON value of the kinds {@link ChatRequest#extras()} holds. */
  private static void value(JsonGenerator json, Object value) {
    switch (value) {
      case null -> json.writeNull();
      case String text -> json.writeString(text);
      case Boolean flag -> json.writeBoolean(flag);
      case BigDecimal number -> json.writeNumber(number);
      case BigInteger number -> json.writeNumber(number);
      case Double number -> json.writeNumber(number);
      case Float number -> json.writeNumber(number);
      case Number number -> json.writeNumber(number.longValue());
      case List<?> list -> {
        json.writeStartArray();
        for (Object element : list) {
          value(json, element);
        }
        json.writeEndArray();
      }
      case Map<?, ?> map -> {
        json.writeStartObject();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          json.writeName((String) entry.getKey());
          value(json, entry.getValue());
        }
        json.writeEndObject();
      }
      default -> throw new IllegalStateException("not a JSON value: " + value.getClass());
    }
  }

  /**
   * {@code "options":{"rejectIfBusy":true}} when asked for: at the top level of the body on both
   * APIs (the REST API's {@code options}, and the OpenAI-compatible one's Cloudflare extension).
   */
  private static void rejectIfBusy(JsonGenerator json, ChatRequest request) {
    if (request.rejectIfBusy()) {
      json.writeName("options");
      json.writeStartObject();
      json.writeBooleanProperty("rejectIfBusy", true);
      json.writeEndObject();
    }
  }

  private static void options(JsonGenerator json, GenerationOptions options, boolean rest) {
    if (options.temperature() != null) {
      json.writeNumberProperty("temperature", options.temperature());
    }
    if (options.topP() != null) {
      json.writeNumberProperty("top_p", options.topP());
    }
    if (rest && options.topK() != null) {
      json.writeNumberProperty("top_k", options.topK());
    }
    if (options.seed() != null) {
      json.writeNumberProperty("seed", options.seed());
    }
    if (rest && options.repetitionPenalty() != null) {
      json.writeNumberProperty("repetition_penalty", options.repetitionPenalty());
    }
    if (options.frequencyPenalty() != null) {
      json.writeNumberProperty("frequency_penalty", options.frequencyPenalty());
    }
    if (options.presencePenalty() != null) {
      json.writeNumberProperty("presence_penalty", options.presencePenalty());
    }
  }
}
