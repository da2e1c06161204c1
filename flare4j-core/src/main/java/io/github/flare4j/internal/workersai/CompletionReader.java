package io.github.flare4j.internal.workersai;

import io.github.flare4j.FinishReason;
import io.github.flare4j.ReasoningDelta;
import io.github.flare4j.TextDelta;
import io.github.flare4j.ToolCall;
import io.github.flare4j.ToolCallDelta;
import io.github.flare4j.Usage;
import io.github.flare4j.error.StreamProtocolException;
import io.github.flare4j.internal.stream.ItemBuffer;
import io.github.flare4j.internal.stream.Json;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads Workers AI completion objects, whichever of its shapes they come in, with one
 * {@link JsonParser} token loop each, and keeps the state of one reply:
 *
 * <ul>
 *   <li>the REST shape: {@code {"response":"..","tool_calls":[..],"usage":{..},"p":".."}}, where
 *       {@code response} may be a JSON object (JSON mode, handed over as JSON text) and a
 *       {@code finish_reason} may stand beside it;
 *   <li>the OpenAI shape: {@code {"choices":[{"delta"|"message":{"content","reasoning_content",
 *       "tool_calls"},"finish_reason"}],"usage":{..}}}.
 * </ul>
 *
 * The v4 envelope ({@code {"result":{..},"success":true,"errors":[],"messages":[]}}) is read
 * through its {@code result}; a non-empty {@code errors} array is thrown.
 * Tool calls that carry an {@code index} are streamed pieces, assembled by index until the finish;
 * those without one are complete and emitted at once. Calls without an id get {@code call_N}. The
 * piece Workers AI streams to close a call, {@code {"id":null,"type":null,"function":{"name":null}}}
 * (no name, no arguments, no id), is not a call and is skipped.
 * Usage and the finish reason are held until {@link #finish}, so that they come last, in that
 * order.
 *
 * <p>The OpenAI shape's {@code id}, {@code model} and {@code created} are the reply's start
 * ({@link ItemBuffer#start}), reported before the first item of the object that has them. Each
 * streamed piece of a tool call is passed on as a {@link ToolCallDelta} (the first with the id and
 * name) and the whole call follows at the finish; a call that comes whole gives one delta with
 * everything, then the call. The usage's {@code prompt_tokens_details.cached_tokens} and
 * {@code completion_tokens_details.reasoning_tokens} are read when present. Not thread-safe: one
 * instance per reply.
 */
public final class CompletionReader {
  private static final class Pending {
    String id;
    String name;
    boolean announced;
    final StringBuilder arguments = new StringBuilder();
  }

  private final String endpoint;
  private final Map<Integer, Pending> pending = new TreeMap<>();
  private int emittedCalls;
  private int promptTokens = -1;
  private int completionTokens = -1;
  private int totalTokens = -1;
  private int cachedTokens = -1;
  private int reasoningTokens = -1;
  /** The reply's {@code id}, {@code model} and {@code created}, when sent. */
  private String replyId;
  private String replyModel;
  private long replyCreated = -1;
  private String finishReason;
  /** Whether a completion of a known shape was read; a reply of none is no Workers AI reply. */
  private boolean recognised;

  /** A reader for one reply from {@code endpoint} (named in error messages). */
  public CompletionReader(String endpoint) {
    this.endpoint = endpoint;
  }

  /**
   * Reads the object the parser is on (its {@code START_OBJECT} is the current token).
   *
   * @return whether the object is a completion of one of the shapes above: it has at least one of
   *     their fields ({@code response}, {@code choices}, {@code tool_calls}, {@code usage},
   *     {@code finish_reason}, directly or in a v4 envelope's {@code result}); false for an object
   *     of no API we know, such as {@code {"foo":1}}
   * @throws StreamProtocolException when the object reports an error
   */
  public boolean object(JsonParser parser, ItemBuffer out) {
    boolean known = false;
    for (String field = parser.nextName(); field != null; field = parser.nextName()) {
      JsonToken token = parser.nextToken();
      switch (field) {
        case "result" -> {
          if (token == JsonToken.START_OBJECT) {
            known |= object(parser, out); // the v4 envelope {"result":{..},"success":true,...}
          } else {
            parser.skipChildren();
          }
        }
        case "id" -> replyId = Json.stringOrNull(parser);
        case "model" -> replyModel = Json.stringOrNull(parser);
        case "created" -> replyCreated = token == JsonToken.VALUE_NUMBER_INT
            ? parser.getLongValue() : skipped(parser);
        case "response" -> {
          known = true;
          begin(out);
          text(parser, token, out);
        }
        case "choices" -> {
          known = true;
          begin(out);
          choices(parser, out);
        }
        case "tool_calls" -> {
          known = true;
          begin(out);
          toolCalls(parser, out);
        }
        case "usage" -> {
          known = true;
          begin(out);
          usage(parser);
        }
        case "finish_reason" -> {
          known = true;
          begin(out);
          finishReason(parser, out);
        }
        case "error" -> throw StreamProtocolException.serviceError(endpoint, errorText(parser));
        case "errors" -> errors(parser);
        default -> parser.skipChildren(); // p (padding), id, object, created, model, ...
      }
    }
    recognised |= known;
    return known;
  }

  /** Reports the reply's start with what was read of it so far (the first report counts). */
  private void begin(ItemBuffer out) {
    out.start(replyId, replyModel, replyCreated);
  }

  private static long skipped(JsonParser parser) {
    parser.skipChildren();
    return -1;
  }

  /** Notes a completion decoded without this reader (a fast path), so that {@link #finish} accepts the reply. */
  public void recognised() {
    recognised = true;
  }

  /** True when a finish reason was read. */
  public boolean hasFinishReason() {
    return finishReason != null;
  }

  /**
   * Ends the reply: pending tool calls, the usage (when reported), then the finish reason
   * ({@code "stop"}, or {@code "tool_calls"} when the reply called tools and named no reason).
   *
   * @throws StreamProtocolException when nothing read was a completion (a stream of {@code {}}
   *     events, say): that is no Workers AI reply, not an empty one
   */
  public void finish(ItemBuffer out) {
    if (!recognised) {
      throw new StreamProtocolException(endpoint + " sent no Workers AI reply: nothing it sent had a"
          + " response, choices, tool_calls, usage or finish_reason; check the base URL");
    }
    flushToolCalls(out);
    if (promptTokens >= 0 || completionTokens >= 0) {
      int prompt = Math.max(promptTokens, 0);
      int completion = Math.max(completionTokens, 0);
      out.add(new Usage(prompt, completion, totalTokens >= 0 ? totalTokens : prompt + completion,
          Math.max(cachedTokens, 0), Math.max(reasoningTokens, 0)));
    }
    out.add(new FinishReason(
        finishReason != null ? finishReason : emittedCalls > 0 ? "tool_calls" : "stop"));
  }

  private void text(JsonParser parser, JsonToken token, ItemBuffer out) {
    if (token == JsonToken.VALUE_STRING) {
      String text = parser.getString();
      if (!text.isEmpty()) {
        out.add(new TextDelta(text));
      }
    } else if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
      out.add(new TextDelta(Json.copyValue(parser))); // JSON mode: the object as JSON text
    } else if (token != JsonToken.VALUE_NULL) {
      out.add(new TextDelta(parser.getString()));
    }
  }

  private void choices(JsonParser parser, ItemBuffer out) {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return;
    }
    while (parser.nextToken() == JsonToken.START_OBJECT) {
      for (String field = parser.nextName(); field != null; field = parser.nextName()) {
        parser.nextToken();
        switch (field) {
          case "delta", "message" -> message(parser, out);
          case "finish_reason" -> finishReason(parser, out);
          default -> parser.skipChildren(); // index, logprobs
        }
      }
    }
  }

  private void finishReason(JsonParser parser, ItemBuffer out) {
    String reason = parser.currentToken() == JsonToken.VALUE_STRING ? parser.getString() : null;
    parser.skipChildren();
    if (reason != null && !reason.isEmpty()) {
      finishReason = reason;
      flushToolCalls(out);
    }
  }

  private void message(JsonParser parser, ItemBuffer out) {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return;
    }
    for (String field = parser.nextName(); field != null; field = parser.nextName()) {
      JsonToken token = parser.nextToken();
      switch (field) {
        case "content" -> text(parser, token, out);
        case "reasoning_content", "reasoning" -> {
          if (token == JsonToken.VALUE_STRING && parser.getStringLength() > 0) {
            out.add(new ReasoningDelta(parser.getString()));
          } else {
            parser.skipChildren();
          }
        }
        case "tool_calls" -> toolCalls(parser, out);
        default -> parser.skipChildren(); // role, refusal
      }
    }
  }

  private void toolCalls(JsonParser parser, ItemBuffer out) {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return;
    }
    while (parser.nextToken() == JsonToken.START_OBJECT) {
      toolCall(parser, out);
    }
  }

  /** One tool call: {@code {"index","id","type","function":{"name","arguments"}}} or flat. */
  private void toolCall(JsonParser parser, ItemBuffer out) {
    int index = -1;
    String id = null;
    String[] nameAndArguments = new String[2];
    for (String field = parser.nextName(); field != null; field = parser.nextName()) {
      parser.nextToken();
      switch (field) {
        case "index" -> index = Json.intOrMissing(parser);
        case "id" -> id = Json.stringOrNull(parser);
        case "function" -> function(parser, nameAndArguments);
        case "name" -> nameAndArguments[0] = Json.stringOrNull(parser);
        case "arguments" -> nameAndArguments[1] = arguments(parser);
        default -> parser.skipChildren(); // type
      }
    }
    boolean noName = nameAndArguments[0] == null || nameAndArguments[0].isEmpty();
    boolean noArguments = nameAndArguments[1] == null || nameAndArguments[1].isEmpty();
    if ((id == null || id.isEmpty()) && noName && noArguments) {
      return; // {"id":null,"type":null,"function":{"name":null}}: the end of a streamed call
    }
    if (index < 0) {
      int position = emittedCalls + pending.size();
      String callId = idOrGenerated(id);
      String name = nameOrEmpty(nameAndArguments[0]);
      ToolCall whole = new ToolCall(callId, name, nameAndArguments[1], position);
      out.add(new ToolCallDelta(position, callId, name, whole.arguments()));
      out.add(whole);
      emittedCalls++;
      return;
    }
    Pending call = pending.computeIfAbsent(index, key -> new Pending());
    if (id != null && !id.isEmpty()) {
      call.id = id;
    }
    if (nameAndArguments[0] != null && !nameAndArguments[0].isEmpty()) {
      call.name = nameAndArguments[0];
    }
    String fragment = nameAndArguments[1] == null ? "" : nameAndArguments[1];
    call.arguments.append(fragment);
    if (!call.announced) {
      call.announced = true;
      if (call.id == null) {
        call.id = "call_" + index;
      }
      out.add(new ToolCallDelta(index, call.id, nameOrEmpty(call.name), fragment));
    } else if (!fragment.isEmpty()) {
      out.add(new ToolCallDelta(index, null, null, fragment));
    }
  }

  private static void function(JsonParser parser, String[] nameAndArguments) {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return;
    }
    for (String field = parser.nextName(); field != null; field = parser.nextName()) {
      parser.nextToken();
      switch (field) {
        case "name" -> nameAndArguments[0] = Json.stringOrNull(parser);
        case "arguments" -> nameAndArguments[1] = arguments(parser);
        default -> parser.skipChildren();
      }
    }
  }

  /** Arguments as JSON text: OpenAI sends a string (maybe a piece), the REST API an object. */
  private static String arguments(JsonParser parser) {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_STRING) {
      return parser.getString();
    }
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    return Json.copyValue(parser);
  }

  private void flushToolCalls(ItemBuffer out) {
    for (Map.Entry<Integer, Pending> entry : pending.entrySet()) {
      Pending call = entry.getValue();
      out.add(new ToolCall(idOrGenerated(call.id), nameOrEmpty(call.name),
          call.arguments.toString(), entry.getKey()));
      emittedCalls++;
    }
    pending.clear();
  }

  private String idOrGenerated(String id) {
    return id == null || id.isEmpty() ? "call_" + emittedCalls : id;
  }

  private static String nameOrEmpty(String name) {
    return name == null ? "" : name;
  }

  private void usage(JsonParser parser) {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren(); // "usage": null on every chunk but the last
      return;
    }
    for (String field = parser.nextName(); field != null; field = parser.nextName()) {
      parser.nextToken();
      switch (field) {
        case "prompt_tokens" -> promptTokens = Json.intOrMissing(parser);
        case "completion_tokens" -> completionTokens = Json.intOrMissing(parser);
        case "total_tokens" -> totalTokens = Json.intOrMissing(parser);
        case "prompt_tokens_details" -> cachedTokens = Json.countIn(parser, "cached_tokens");
        case "completion_tokens_details" -> reasoningTokens = Json.countIn(parser, "reasoning_tokens");
        default -> parser.skipChildren();
      }
    }
  }

  /** {@code "errors":[{"code":N,"message":".."}]}: thrown when not empty. */
  private void errors(JsonParser parser) {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return;
    }
    String message = null;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      String text = errorText(parser);
      message = message == null ? text : message;
    }
    if (message != null) {
      throw StreamProtocolException.serviceError(endpoint, message);
    }
  }

  private static String errorText(JsonParser parser) {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_STRING) {
      return parser.getString();
    }
    if (token != JsonToken.START_OBJECT) {
      return Json.copyValue(parser);
    }
    String message = null;
    int code = -1;
    for (String field = parser.nextName(); field != null; field = parser.nextName()) {
      parser.nextToken();
      switch (field) {
        case "message" -> message = Json.stringOrNull(parser);
        case "code" -> code = Json.intOrMissing(parser);
        default -> parser.skipChildren();
      }
    }
    String text = message == null ? "unknown error" : message;
    return code >= 0 ? text + " (code " + code + ")" : text;
  }
}
