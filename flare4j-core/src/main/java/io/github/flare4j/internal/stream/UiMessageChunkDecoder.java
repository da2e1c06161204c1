package io.github.flare4j.internal.stream;

import io.github.flare4j.FinishReason;
import io.github.flare4j.ReasoningDelta;
import io.github.flare4j.TextDelta;
import io.github.flare4j.error.StreamProtocolException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Decodes AI SDK v5 UI message chunks, one JSON object each, whatever carries them (SSE events on
 * the playground's HTTP endpoint, {@code cf_agent_use_chat_response} frames on the Agents socket).
 *
 * <ul>
 *   <li>{@code text-delta}, {@code reasoning-delta}: text and reasoning;
 *   <li>{@code tool-input-start}, {@code tool-input-delta}, {@code tool-input-available}: a tool
 *       call, emitted once complete; {@code tool-input-error} (the SDK could not validate the
 *       model's call: an unknown tool or input failing its schema) completes it the same way, with
 *       the {@code input} the model sent, so a call is emitted whether or not its input was
 *       streamed first;
 *   <li>{@code error}: thrown as {@link StreamProtocolException} with its {@code errorText};
 *   <li>{@code messageMetadata}, on any chunk ({@code start}, {@code message-metadata},
 *       {@code finish}): merged over what came before, as the AI SDK's client merges it, so a
 *       later value of a field replaces an earlier one;
 *   <li>{@code finish}: usage from the merged {@code messageMetadata.usage} (when present) and the
 *       finish reason ({@code finishReason}, else the merged {@code messageMetadata.finishReason});
 *   <li>{@code abort}: the merged usage, if any, and finish reason {@code "aborted"};
 *   <li>every other type ({@code start-step}, {@code text-start}, ...) is skipped.
 * </ul>
 */
public final class UiMessageChunkDecoder {
  private final String endpoint;
  private final ToolCallAssembler toolCalls = new ToolCallAssembler();
  /** {@code messageMetadata.usage}, merged over every chunk so far. */
  private final UsageCounts metadataUsage = new UsageCounts();
  /** {@code messageMetadata.finishReason}, merged over every chunk so far. */
  private String metadataFinishReason;
  private boolean finished;

  /** A decoder for one reply from {@code endpoint} (named in error messages). */
  public UiMessageChunkDecoder(String endpoint) {
    this.endpoint = endpoint;
  }

  /** True once a {@code finish} or {@code abort} chunk was decoded. */
  public boolean finished() {
    return finished;
  }

  /**
   * Decodes one chunk.
   *
   * @throws StreamProtocolException for malformed JSON or an {@code error} chunk
   */
  public void chunk(byte[] buffer, int offset, int length, ItemBuffer out) {
    if (DeltaChunks.tryDecode(buffer, offset, length, out)) {
      return; // the hot path: a text or reasoning delta exactly as the AI SDK writes it
    }
    try (JsonParser parser = Json.parser(buffer, offset, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw Json.malformed("UI message chunk from " + endpoint, buffer, offset, length,
            null);
      }
      decode(parser, out);
    } catch (JacksonException e) {
      throw Json.malformed("UI message chunk from " + endpoint, buffer, offset, length, e);
    }
  }

  /** Called at the end of the stream: emits tool calls that were started but never completed. */
  public void end(ItemBuffer out) {
    toolCalls.flush(out);
  }

  /**
   * Finishes a reply whose stream ended properly but without a {@code finish} chunk (the AI SDK
   * leaves it out with {@code sendFinish: false}): pending tool calls, the usage merged from
   * message metadata, if any, and the metadata's finish reason, else {@code "unknown"}.
   */
  void finishWithoutFinishChunk(ItemBuffer out) {
    toolCalls.flush(out);
    metadataUsage.emit(out);
    out.add(new FinishReason(metadataFinishReason));
    finished = true;
  }

  private void decode(JsonParser parser, ItemBuffer out) {
    String type = null;
    String delta = null;
    String toolCallId = null;
    String toolName = null;
    String input = null;
    String errorText = null;
    String finishReason = null;
    for (String field = parser.nextName(); field != null; field = parser.nextName()) {
      parser.nextToken();
      switch (field) {
        case "type" -> type = Json.stringOrNull(parser);
        case "delta", "inputTextDelta" -> delta = Json.stringOrNull(parser);
        case "toolCallId" -> toolCallId = Json.stringOrNull(parser);
        case "toolName" -> toolName = Json.stringOrNull(parser);
        case "input" -> input = Json.copyValue(parser);
        case "errorText" -> errorText = Json.stringOrNull(parser);
        case "finishReason" -> finishReason = Json.stringOrNull(parser);
        case "messageMetadata" -> mergeMetadata(parser);
        default -> parser.skipChildren();
      }
    }
    if (type == null) {
      throw new StreamProtocolException(endpoint + " sent a UI message chunk without a type");
    }
    switch (type) {
      case "text-delta" -> {
        if (delta != null) {
          out.add(new TextDelta(delta));
        }
      }
      case "reasoning-delta" -> {
        if (delta != null) {
          out.add(new ReasoningDelta(delta));
        }
      }
      case "tool-input-start" -> {
        if (toolCallId != null) {
          toolCalls.start(toolCallId, toolName == null ? "" : toolName);
        }
      }
      case "tool-input-delta" -> {
        if (toolCallId != null && delta != null) {
          toolCalls.delta(toolCallId, delta);
        }
      }
      case "tool-input-available", "tool-input-error" -> {
        if (toolCallId != null) {
          toolCalls.complete(toolCallId, toolName, input, out);
        }
      }
      case "error" -> throw StreamProtocolException.serviceError(
          endpoint, errorText == null ? "unknown error" : errorText);
      case "finish" -> {
        toolCalls.flush(out);
        metadataUsage.emit(out);
        out.add(new FinishReason(finishReason != null ? finishReason : metadataFinishReason));
        finished = true;
      }
      case "abort" -> {
        metadataUsage.emit(out);
        out.add(new FinishReason("aborted"));
        finished = true;
      }
      default -> { } // start, start-step, text-start, text-end, finish-step, data-*, ...
    }
  }

  /**
   * Merges a {@code messageMetadata} object into what earlier chunks sent: a field present here
   * replaces the earlier value, as the AI SDK's client merges metadata.
   */
  private void mergeMetadata(JsonParser parser) {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return;
    }
    for (String field = parser.nextName(); field != null; field = parser.nextName()) {
      parser.nextToken();
      switch (field) {
        case "finishReason" -> metadataFinishReason = Json.stringOrNull(parser);
        case "usage" -> metadataUsage.merge(parser);
        default -> parser.skipChildren();
      }
    }
  }
}
