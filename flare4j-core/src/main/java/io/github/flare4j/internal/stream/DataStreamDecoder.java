package io.github.flare4j.internal.stream;

import io.github.flare4j.FinishReason;
import io.github.flare4j.ReasoningDelta;
import io.github.flare4j.TextDelta;
import io.github.flare4j.error.StreamProtocolException;
import io.github.flare4j.error.StreamTruncatedException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Decodes the Vercel AI SDK v4 data stream: one {@code CODE:JSON} part per line.
 *
 * <ul>
 *   <li>{@code f} start of a step: the first one's {@code messageId} is the reply's id
 *       ({@link ItemBuffer#start}, the {@link io.github.flare4j.ResponseStart});
 *   <li>{@code 0} text, {@code g} reasoning;
 *   <li>{@code b} tool call start, {@code c} argument delta (both passed on as
 *       {@link io.github.flare4j.ToolCallDelta}s), {@code 9} complete tool call;
 *   <li>{@code 3} an error: thrown as {@link StreamErrors#serviceError classified} (a rate limit,
 *       else a {@link StreamProtocolException} with the service's message);
 *   <li>{@code e} finish of a step (a multi-step reply has several, and goes on after them);
 *   <li>{@code d} finish of the message: one {@link Usage} (when reported) and one
 *       {@link FinishReason};
 *   <li>everything else ({@code 2}, {@code 8}, {@code a}, {@code h}, {@code k}, ...) is
 *       ignored.
 * </ul>
 *
 * A body that ends after {@code e} parts but no {@code d} finishes with the steps' summed usage
 * and the last step's reason; one with neither is truncated.
 */
public final class DataStreamDecoder implements StreamDecoder {
  private final String endpoint;
  private final ToolCallAssembler toolCalls = new ToolCallAssembler();
  private final UsageCounts stepUsage = new UsageCounts();
  private String stepFinishReason;
  private boolean finished;

  /** A decoder for one reply from {@code endpoint} (named in error messages). */
  public DataStreamDecoder(String endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public void line(byte[] buffer, int offset, int length, ItemBuffer out) {
    if (length == 0) {
      return;
    }
    int colon = -1;
    for (int i = offset, end = offset + Math.min(length, 4); i < end; i++) {
      if (buffer[i] == ':') {
        colon = i;
        break;
      }
    }
    if (colon <= offset) {
      throw malformedLine(buffer, offset, length, null);
    }
    int valueOffset = colon + 1;
    int valueLength = offset + length - valueOffset;
    if (colon - offset != 1) {
      return; // not a part code we know: future protocol additions are skipped
    }
    if (buffer[offset] == '0') {
      String plain = Json.plainString(buffer, valueOffset, valueLength);
      if (plain != null) {
        out.add(new TextDelta(plain)); // the hot path: most lines are text without escapes
        return;
      }
    }
    try (JsonParser parser = Json.parser(buffer, valueOffset, valueLength)) {
      parser.nextToken();
      switch (buffer[offset]) {
        case '0' -> out.add(new TextDelta(requireString(parser, buffer, offset, length)));
        case 'g' -> out.add(new ReasoningDelta(requireString(parser, buffer, offset, length)));
        case '3' -> throw StreamErrors.serviceError(endpoint, errorText(parser));
        case 'b' -> {
          ToolPart part = readToolPart(parser);
          toolCalls.start(part.id(), part.name() == null ? "" : part.name(), out);
        }
        case 'c' -> {
          ToolPart part = readToolPart(parser);
          if (part.argsDelta() != null) {
            toolCalls.delta(part.id(), part.argsDelta(), out);
          }
        }
        case '9' -> {
          ToolPart part = readToolPart(parser);
          toolCalls.complete(part.id(), part.name(), part.args(), out);
        }
        case 'f' -> out.start(messageId(parser), null, -1);
        case 'e' -> stepFinishReason = readFinish(parser, stepUsage);
        case 'd' -> {
          UsageCounts usage = new UsageCounts();
          String reason = readFinish(parser, usage);
          toolCalls.flush(out);
          usage.emit(out);
          out.add(new FinishReason(reason));
          finished = true;
          stepFinishReason = null;
          stepUsage.reset();
        }
        default -> { } // 2, 8, a, h, i, j, k: nothing for the caller
      }
    } catch (JacksonException e) {
      throw malformedLine(buffer, offset, length, e);
    }
  }

  /** The {@code d} part ends the message: what follows it is not read. */
  @Override
  public boolean ended() {
    return finished;
  }

  @Override
  public void end(ItemBuffer out) {
    if (finished) {
      return;
    }
    if (stepFinishReason == null) {
      throw new StreamTruncatedException(
          endpoint + " ended the stream before its finish part");
    }
    toolCalls.flush(out);
    stepUsage.emit(out);
    out.add(new FinishReason(stepFinishReason));
  }

  /** The {@code messageId} of a start part, or null. */
  private static String messageId(JsonParser parser) {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return null;
    }
    String id = null;
    for (String field = parser.nextName(); field != null; field = parser.nextName()) {
      parser.nextToken();
      if (field.equals("messageId")) {
        id = Json.stringOrNull(parser);
      } else {
        parser.skipChildren();
      }
    }
    return id;
  }

  /** The fields of a tool call part ({@code b}, {@code c} or {@code 9}). */
  private record ToolPart(String id, String name, String argsDelta, String args) {}

  private ToolPart readToolPart(JsonParser parser) {
    String id = null;
    String name = null;
    String argsDelta = null;
    String args = null;
    for (String field = parser.nextName(); field != null; field = parser.nextName()) {
      parser.nextToken();
      switch (field) {
        case "toolCallId" -> id = Json.stringOrNull(parser);
        case "toolName" -> name = Json.stringOrNull(parser);
        case "argsTextDelta" -> argsDelta = Json.stringOrNull(parser);
        case "args" -> args = parser.currentToken() == JsonToken.VALUE_STRING
            ? parser.getString()
            : Json.copyValue(parser);
        default -> parser.skipChildren();
      }
    }
    if (id == null) {
      throw new StreamProtocolException(endpoint + " sent a tool call part without toolCallId");
    }
    return new ToolPart(id, name, argsDelta, args);
  }

  /** Reads a finish part ({@code e} or {@code d}): its usage into {@code usage}, its reason. */
  private static String readFinish(JsonParser parser, UsageCounts usage) {
    String reason = null;
    for (String field = parser.nextName(); field != null; field = parser.nextName()) {
      parser.nextToken();
      switch (field) {
        case "finishReason" -> reason = Json.stringOrNull(parser);
        case "usage" -> usage.add(parser);
        default -> parser.skipChildren();
      }
    }
    return reason == null ? "unknown" : reason;
  }

  private String requireString(JsonParser parser, byte[] buffer, int offset, int length) {
    if (parser.currentToken() != JsonToken.VALUE_STRING) {
      throw malformedLine(buffer, offset, length, null);
    }
    return parser.getString();
  }

  private static String errorText(JsonParser parser) {
    return parser.currentToken() == JsonToken.VALUE_STRING
        ? parser.getString()
        : Json.copyValue(parser);
  }

  private StreamProtocolException malformedLine(
      byte[] buffer, int offset, int length, JacksonException cause) {
    int shown = Math.min(length, 120);
    String text = io.github.flare4j.internal.text.ServerText.quote(
        new String(buffer, offset, shown, java.nio.charset.StandardCharsets.UTF_8));
    String reason = cause == null ? "not a CODE:JSON data stream part" : cause.getOriginalMessage();
    return new StreamProtocolException(endpoint + " sent a malformed data stream line '" + text
        + (shown < length ? "..." : "") + "' (" + reason + ")", cause);
  }
}
