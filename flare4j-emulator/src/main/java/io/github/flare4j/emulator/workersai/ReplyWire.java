package io.github.flare4j.emulator.workersai;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.function.IntFunction;

/**
 * Writes a {@link ChatReply} in Workers AI's wire formats: the REST stream
 * ({@code data: {"response":..,"p":..}} events; a streamed tool call by {@code index}, then the closing
 * piece {@code {"id":null,"type":null,"function":{"name":null}}}; usage last, {@code data: [DONE]}), the REST v4
 * envelope, OpenAI {@code chat.completion.chunk} events and the OpenAI {@code chat.completion}. The
 * OpenAI usage of a reply that reasons has {@code completion_tokens_details.reasoning_tokens} (one per
 * reasoning piece).
 */
final class ReplyWire {

    static final String DONE = "data: [DONE]\n\n";
    /** The piece that ends a tool call streamed on the REST route (as workers-ai-provider documents it). */
    static final String CLOSING_TOOL_PIECE = "{\"id\":null,\"type\":null,\"function\":{\"name\":null}}";
    private static final String PADDING = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /** Stands for a value in a template event; never in a real one, where it would be escaped. */
    private static final String HOLE = "\u0000";

    private final String model;
    private final String completionId;
    private final long created;
    /** The text chunk's event around its quoted content, made once by the same code as every other chunk. */
    private String[] contentChunk;

    ReplyWire(String model, String completionId, long created) {
        this.model = model;
        this.completionId = completionId;
        this.created = created;
    }

    /** The REST stream's events, each a whole {@code data: ...\n\n} frame, ending with {@code [DONE]}. */
    List<String> restEvents(ChatReply reply) {
        if (reply.openAiShaped()) {
            return chunkEvents(reply, true);
        }
        // {"response":<token>,"p":<padding>}: made as each is sent, byte for byte what Json writes
        String[] text = split(event(new Json().raw("response", HOLE).raw("p", HOLE)));
        List<String> tokens = reply.tokens();
        Map<String, String> quoted = new HashMap<>();
        IntFunction<String> textEvent = i -> {
            String token = tokens.get(i);
            return text[0] + quoted(quoted, token) + text[1] + Json.quote(padding(i)) + text[2];
        };
        List<String> events = new ArrayList<>();
        int n = tokens.size();
        if (reply.toolName() != null) {
            for (int i = 0; i < ChatReply.TOOL_ARGUMENT_PIECES.size(); i++) {
                events.add(event(new Json()
                        .string("response", "")
                        .raw("tool_calls", "[" + toolDelta(reply, i) + "]")
                        .string("p", padding(n++))));
            }
            // Workers AI then closes the call with a piece that has no index, id, name or arguments
            events.add(event(new Json()
                    .string("response", "")
                    .raw("tool_calls", "[" + CLOSING_TOOL_PIECE + "]")
                    .string("p", padding(n++))));
        }
        events.add(event(new Json().string("response", "").object("usage", usage(reply))));
        events.add(DONE);
        return new Events(List.of(), tokens.size(), textEvent, events);
    }

    /** The REST reply as one v4 envelope. */
    String restJson(ChatReply reply) {
        String result;
        if (reply.openAiShaped()) {
            result = completion(reply).toString();
        } else {
            Json body = new Json();
            if (reply.toolName() != null) {
                body.raw("response", "null");
            } else if (reply.json()) {
                body.raw("response", reply.text());
            } else {
                body.string("response", reply.text());
            }
            List<Json> calls = new ArrayList<>();
            if (reply.toolName() != null) {
                calls.add(new Json().string("name", reply.toolName())
                        .raw("arguments", String.join("", ChatReply.TOOL_ARGUMENT_PIECES)));
            }
            result = body.array("tool_calls", calls).object("usage", usage(reply)).toString();
        }
        return success(result);
    }

    /** The OpenAI stream's events, ending with {@code [DONE]}; the usage chunk only when asked for. */
    List<String> chunkEvents(ChatReply reply, boolean includeUsage) {
        List<String> head = new ArrayList<>();
        head.add(chunk(new Json().string("role", "assistant").string("content", ""), null));
        for (String piece : reply.reasoning()) {
            head.add(chunk(new Json().string("reasoning_content", piece), null));
        }
        if (contentChunk == null) {
            contentChunk = split(chunk(new Json().raw("content", HOLE), null));
        }
        String[] content = contentChunk;
        List<String> tokens = reply.tokens();
        Map<String, String> quoted = new HashMap<>();
        IntFunction<String> textChunk = i -> content[0] + quoted(quoted, tokens.get(i)) + content[1];
        List<String> events = new ArrayList<>();
        if (reply.toolName() != null) {
            for (int i = 0; i < ChatReply.TOOL_ARGUMENT_PIECES.size(); i++) {
                events.add(chunk(new Json().raw("tool_calls", "[" + toolDelta(reply, i) + "]"), null));
            }
        }
        events.add(chunk(new Json(), reply.finishReason()));
        if (includeUsage) {
            events.add(event(chunkHead().raw("choices", "[]").object("usage", openAiUsage(reply))));
        }
        events.add(DONE);
        return new Events(head, tokens.size(), textChunk, events);
    }

    /** A template event cut at each {@link #HOLE}. */
    private static String[] split(String template) {
        return template.split(HOLE, -1);
    }

    /** The token quoted; the replies' few distinct tokens are quoted once each. */
    private static String quoted(Map<String, String> cache, String token) {
        String quoted = cache.get(token);
        if (quoted == null) {
            quoted = Json.quote(token);
            if (cache.size() < 1024) {
                cache.put(token, quoted);
            }
        }
        return quoted;
    }

    /**
     * A stream's events: the ones before the text, one per text token (made when asked for, so that a
     * reply of a million tokens is not held in memory before its first byte is sent), the ones after.
     */
    private static final class Events extends AbstractList<String> implements RandomAccess {
        private final List<String> head;
        private final int middle;
        private final IntFunction<String> token;
        private final List<String> tail;

        Events(List<String> head, int middle, IntFunction<String> token, List<String> tail) {
            this.head = head;
            this.middle = middle;
            this.token = token;
            this.tail = tail;
        }

        @Override
        public String get(int index) {
            if (index < head.size()) {
                return head.get(index);
            }
            int i = index - head.size();
            return i < middle ? token.apply(i) : tail.get(i - middle);
        }

        @Override
        public int size() {
            return head.size() + middle + tail.size();
        }
    }

    /** The OpenAI reply as one {@code chat.completion}. */
    Json completion(ChatReply reply) {
        Json message = new Json().string("role", "assistant");
        if (reply.toolName() != null) {
            message.raw("content", "null");
        } else {
            message.string("content", reply.text());
        }
        if (!reply.reasoning().isEmpty()) {
            message.string("reasoning_content", String.join("", reply.reasoning()));
        }
        if (reply.toolName() != null) {
            message.array("tool_calls", List.of(new Json()
                    .string("id", ChatReply.TOOL_CALL_ID)
                    .string("type", "function")
                    .object("function", new Json()
                            .string("name", reply.toolName())
                            .string("arguments", String.join("", ChatReply.TOOL_ARGUMENT_PIECES)))));
        }
        Json choice = new Json().number("index", 0).object("message", message).raw("logprobs", "null")
                .string("finish_reason", reply.finishReason());
        return new Json().string("id", completionId).string("object", "chat.completion").number("created", created)
                .string("model", model).array("choices", List.of(choice)).object("usage", openAiUsage(reply));
    }

    /** {@code {"result":<result>,"success":true,"errors":[],"messages":[]}}. */
    static String success(String result) {
        return new Json().raw("result", result).bool("success", true).raw("errors", "[]").raw("messages", "[]")
                .toString();
    }

    /** {@code {"result":null,"success":false,"errors":[{"code":..,"message":..}],"messages":[]}}. */
    static String failure(int code, String message) {
        return new Json().raw("result", "null").bool("success", false)
                .array("errors", List.of(new Json().number("code", code).string("message", message)))
                .raw("messages", "[]").toString();
    }

    static String event(Json data) {
        return "data: " + data + "\n\n";
    }

    private String chunk(Json delta, String finishReason) {
        Json choice = new Json().number("index", 0).object("delta", delta).raw("logprobs", "null")
                .string("finish_reason", finishReason);
        return event(chunkHead().array("choices", List.of(choice)).raw("usage", "null"));
    }

    private Json chunkHead() {
        return new Json().string("id", completionId).string("object", "chat.completion.chunk")
                .number("created", created).string("model", model);
    }

    /** The i-th piece of the streamed tool call: the first carries the id, type and name. */
    private static Json toolDelta(ChatReply reply, int i) {
        Json function = new Json();
        Json call = new Json().number("index", 0);
        if (i == 0) {
            call.string("id", ChatReply.TOOL_CALL_ID).string("type", "function");
            function.string("name", reply.toolName());
        }
        function.string("arguments", ChatReply.TOOL_ARGUMENT_PIECES.get(i));
        return call.object("function", function);
    }

    /** The usage in the OpenAI shape: with the reasoning tokens when the reply reasons. */
    private static Json openAiUsage(ChatReply reply) {
        Json usage = usage(reply);
        if (!reply.reasoning().isEmpty()) {
            usage.object("completion_tokens_details", new Json().number("reasoning_tokens", reply.reasoning().size()));
        }
        return usage;
    }

    private static Json usage(ChatReply reply) {
        return new Json().number("prompt_tokens", reply.promptTokens())
                .number("completion_tokens", reply.completionTokens())
                .number("total_tokens", reply.promptTokens() + reply.completionTokens());
    }

    /** Random-looking padding of varying length, as the real service sends against length attacks. */
    static String padding(int n) {
        return PADDING.substring(0, 1 + (n * 37 + 11) % 46);
    }
}
