package io.github.flare4j.internal.stream;

import io.github.flare4j.FinishReason;
import io.github.flare4j.ReasoningDelta;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.StepReset;
import io.github.flare4j.TextDelta;
import io.github.flare4j.error.StreamProtocolException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Decodes AI SDK UI message chunks (v5 to 7), one JSON object each, whatever carries them (SSE
 * events on the playground's HTTP endpoint, {@code cf_agent_use_chat_response} frames on the
 * Agents socket). Every chunk type of the AI SDK's {@code uiMessageChunkSchema} is known by name;
 * one added later is skipped, never an error.
 *
 * <ul>
 *   <li>{@code start}: its {@code messageId} is the reply's id
 *       ({@link ItemBuffer#start}, the {@link io.github.flare4j.ResponseStart});
 *   <li>{@code text-delta}, {@code reasoning-delta}: text and reasoning;
 *   <li>{@code tool-input-start}, {@code tool-input-delta}, {@code tool-input-available}: a tool
 *       call, passed on in pieces ({@link io.github.flare4j.ToolCallDelta}) and emitted once
 *       complete; {@code tool-input-error} (the SDK could not validate the
 *       model's call: an unknown tool or input failing its schema) completes it the same way, with
 *       the {@code input} the model sent, so a call is emitted whether or not its input was
 *       streamed first;
 *   <li>{@code error}: its {@code errorText} is classified by {@link StreamErrors#serviceError}
 *       and thrown (a rate limit, else a {@link StreamProtocolException} with the service's words);
 *   <li>{@code start-step} starts a step; {@code reset-step} withdraws what the step delivered
 *       (text, reasoning, tool calls, and the tool calls still being streamed), as the AI SDK's
 *       client removes the step's parts, and says so with one {@link StepReset} when the step had
 *       delivered anything;
 *   <li>{@code messageMetadata}, on any chunk ({@code start}, {@code message-metadata},
 *       {@code finish}): merged over what came before, as the AI SDK's client merges it, so a
 *       later value of a field replaces an earlier one;
 *   <li>{@code finish}: usage from the merged {@code messageMetadata.usage} (when present) and the
 *       finish reason ({@code finishReason}, else the merged {@code messageMetadata.finishReason});
 *   <li>{@code abort}: the merged usage, if any, and finish reason {@code "aborted"};
 *   <li>skipped: {@code finish-step}, the block bounds ({@code text-start},
 *       {@code text-end}, {@code reasoning-start}, {@code reasoning-end}), tool results and
 *       approvals ({@code tool-output-available}, {@code tool-output-error},
 *       {@code tool-output-denied}, {@code tool-approval-request}, {@code tool-approval-response}),
 *       sources and files ({@code source-url}, {@code source-document}, {@code file},
 *       {@code reasoning-file}), {@code custom}, {@code steering-message} (a user's message sent
 *       while the reply streams, not part of it), {@code data-*}, and any type added later.
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
  /** What the current step (since the last {@code start-step}) delivered. */
  private long stepText;
  private long stepReasoning;
  private int stepToolCalls;

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
      count(out.peekLast());
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
    String messageId = null;
    for (String field = parser.nextName(); field != null; field = parser.nextName()) {
      parser.nextToken();
      switch (field) {
        case "type" -> type = Json.stringOrNull(parser);
        case "messageId" -> messageId = Json.stringOrNull(parser);
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
          stepText += delta.length();
        }
      }
      case "reasoning-delta" -> {
        if (delta != null) {
          out.add(new ReasoningDelta(delta));
          stepReasoning += delta.length();
        }
      }
      case "tool-input-start" -> {
        if (toolCallId != null) {
          toolCalls.start(toolCallId, toolName == null ? "" : toolName, out);
        }
      }
      case "tool-input-delta" -> {
        if (toolCallId != null && delta != null) {
          toolCalls.delta(toolCallId, delta, out);
        }
      }
      case "tool-input-available", "tool-input-error" -> {
        if (toolCallId != null) {
          toolCalls.complete(toolCallId, toolName, input, out);
          stepToolCalls++;
        }
      }
      case "error" -> throw StreamErrors.serviceError(endpoint, errorText);
      case "start-step" -> resetStepCounts();
      case "reset-step" -> {
        toolCalls.discard();
        if (stepText > 0 || stepReasoning > 0 || stepToolCalls > 0) {
          out.add(new StepReset(stepText, stepReasoning, stepToolCalls));
        }
        resetStepCounts();
      }
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
      case "start" -> out.start(messageId, null, -1);
      case "finish-step", "text-start", "text-end", "reasoning-start", "reasoning-end",
          "tool-output-available", "tool-output-error", "tool-output-denied",
          "tool-approval-request", "tool-approval-response", "source-url", "source-document",
          "file", "reasoning-file", "custom", "steering-message", "message-metadata" -> { }
      default -> { } // data-* parts, and chunk types added after AI SDK 7
    }
  }

  /** Counts the delta the fast path delivered into the current step. */
  private void count(ResponseItem item) {
    switch (item) {
      case TextDelta text -> stepText += text.text().length();
      case ReasoningDelta reasoning -> stepReasoning += reasoning.text().length();
      case null, default -> { }
    }
  }

  private void resetStepCounts() {
    stepText = 0;
    stepReasoning = 0;
    stepToolCalls = 0;
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
