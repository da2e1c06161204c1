package io.github.flare4j.internal.workersai;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.GenerationOptions;
import io.github.flare4j.ImagePart;
import io.github.flare4j.Message;
import io.github.flare4j.ResponseFormat;
import io.github.flare4j.Role;
import io.github.flare4j.ToolCall;
import io.github.flare4j.ToolDefinition;
import io.github.flare4j.internal.stream.Json;
import java.io.StringWriter;
import java.util.List;
import tools.jackson.core.JsonGenerator;

/**
 * The request bodies of Workers AI's two chat APIs. Only options the caller set are written.
 *
 * <ul>
 *   <li>REST {@code /ai/run/{model}}: {@code messages}, {@code stream}, {@code max_tokens},
 *       {@code temperature}, {@code top_p}, {@code top_k}, {@code seed},
 *       {@code repetition_penalty}, {@code frequency_penalty}, {@code presence_penalty},
 *       {@code tools} ({@code {"name","description","parameters"}}), {@code response_format}
 *       ({@code {"type":"json_schema","json_schema":{schema}}}); a user message's images as
 *       OpenAI's content parts ({@code llama-4-scout}, {@code gemma-3}, ... and the
 *       {@code workers-ai-provider}'s REST path), except for {@code llama-3.2-11b-vision-instruct},
 *       whose schema takes one image as a top-level {@code "image"} (base64) beside text messages;
 *   <li>OpenAI {@code /ai/v1/chat/completions}: {@code model}, {@code messages}, {@code stream},
 *       {@code stream_options.include_usage}, {@code max_tokens}, the OpenAI sampling options,
 *       {@code stop}, {@code tools} ({@code {"type":"function","function":{..}}}),
 *       images as content parts, {@code response_format}
 *       ({@code {"type":"json_schema","json_schema":{"name","schema"}}}).
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
      json.writeNumberProperty("max_tokens", request.maxTokens());
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
      request.responseFormat().ifPresent(format -> {
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
      json.writeNumberProperty("max_tokens", request.maxTokens());
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
      request.responseFormat().ifPresent(format -> {
        json.writeName("response_format");
        json.writeStartObject();
        if (format.type() == ResponseFormat.Type.JSON_SCHEMA) {
          json.writeStringProperty("type", "json_schema");
          json.writeName("json_schema");
          json.writeStartObject();
          json.writeStringProperty("name", format.name() == null ? "response" : format.name());
          json.writeName("schema");
          json.writeRawValue(format.schema());
          json.writeEndObject();
        } else {
          json.writeStringProperty("type", "json_object");
        }
        json.writeEndObject();
      });
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
      if (imageParts && !message.images().isEmpty()) {
        json.writeName("content");
        json.writeStartArray();
        json.writeStartObject();
        json.writeStringProperty("type", "text");
        json.writeStringProperty("text", message.content());
        json.writeEndObject();
        for (ImagePart image : message.images()) {
          json.writeStartObject();
          json.writeStringProperty("type", "image_url");
          json.writeName("image_url");
          json.writeStartObject();
          json.writeStringProperty("url", image.toUrl());
          json.writeEndObject();
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
