package io.github.flare4j.emulator.workersai;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.jetty.util.ajax.JSON;

/**
 * The body of a Workers AI chat request, REST ({@code /ai/run/{model}}) or OpenAI
 * ({@code /ai/v1/chat/completions}), reduced to what the emulator uses.
 *
 * @param model        the {@code model} member (OpenAI), or null
 * @param messages     the conversation; a REST {@code prompt} becomes one user message
 * @param stream       whether a stream was asked for
 * @param includeUsage whether {@code stream_options.include_usage} was true
 * @param maxTokens    the reply's length limit, if given
 * @param toolNames    the names of the tools offered, in order
 * @param jsonMode     whether a {@code response_format} asked for JSON
 * @param rejectIfBusy whether {@code options.rejectIfBusy} was true (at the top level of both APIs' bodies)
 * @param stop         the {@code stop} sequences (at most 4 strings), empty when none
 */
record ChatBody(String model, List<Message> messages, boolean stream, boolean includeUsage, OptionalInt maxTokens,
        List<String> toolNames, boolean jsonMode, boolean rejectIfBusy, List<String> stop) {

    /**
     * One message.
     *
     * @param role    its role
     * @param content its text (empty when null); the text parts joined when content is an array of parts
     * @param images  how many images it carries: {@code image_url} parts, or the REST body's top-level
     *                {@code image} counted on the last user message
     */
    record Message(String role, String content, int images) {
        Message(String role, String content) {
            this(role, content, 0);
        }
    }

    ChatBody {
        messages = List.copyOf(messages);
        toolNames = List.copyOf(toolNames);
        stop = List.copyOf(stop);
    }

    /** Parses a body; the message says what is wrong, as Cloudflare's schema check would. */
    static ChatBody parse(String body) throws InvalidBody {
        Object json;
        try {
            json = new JSON().fromJSON(body);
        } catch (RuntimeException e) {
            throw new InvalidBody("Type mismatch of '/', 'object' not in 'string'");
        }
        if (!(json instanceof Map<?, ?> root)) {
            throw new InvalidBody("Type mismatch of '/', 'object' not in 'array'");
        }
        List<Message> messages = new ArrayList<>();
        if (root.get("messages") instanceof Object[] array && array.length > 0) {
            for (Object element : array) {
                if (!(element instanceof Map<?, ?> message) || !(message.get("role") instanceof String role)) {
                    throw new InvalidBody("Type mismatch of '/messages', each message needs a 'role'");
                }
                Object content = message.get("content");
                if (content instanceof Object[] parts) {
                    messages.add(partsMessage(role, parts));
                } else {
                    messages.add(new Message(role, content instanceof String text ? text : ""));
                }
            }
        } else if (root.get("prompt") instanceof String prompt) {
            messages.add(new Message("user", prompt));
        } else {
            throw new InvalidBody("Error: oneOf at '/' not met, required properties 'messages' or 'prompt'");
        }
        if (root.containsKey("image")) {
            topLevelImage(messages, root.get("image"));
        }
        checkOpenAiMembers(root);
        boolean includeUsage = root.get("stream_options") instanceof Map<?, ?> streamOptions
                && Boolean.TRUE.equals(streamOptions.get("include_usage"));
        return new ChatBody(
                root.get("model") instanceof String model ? model : null,
                messages,
                Boolean.TRUE.equals(root.get("stream")),
                includeUsage,
                maxTokens(root.get("max_tokens")),
                toolNames(root.get("tools")),
                root.get("response_format") instanceof Map<?, ?> format && format.get("type") instanceof String type
                        && type.startsWith("json"),
                root.get("options") instanceof Map<?, ?> options && Boolean.TRUE.equals(options.get("rejectIfBusy")),
                stop(root.get("stop")));
    }

    /** Content as parts: text parts joined, {@code image_url} parts (an http(s) or data URL) counted. */
    private static Message partsMessage(String role, Object[] parts) throws InvalidBody {
        StringBuilder text = new StringBuilder();
        int images = 0;
        for (Object element : parts) {
            if (element instanceof Map<?, ?> part && "text".equals(part.get("type")) && part.get("text") instanceof String t) {
                text.append(t);
            } else if (element instanceof Map<?, ?> part && "image_url".equals(part.get("type"))
                    && part.get("image_url") instanceof Map<?, ?> image && image.get("url") instanceof String url
                    && (url.startsWith("data:image/") || url.startsWith("https://") || url.startsWith("http://"))) {
                images++;
            } else {
                throw new InvalidBody("Type mismatch of '/messages/content', each part needs a 'type' of 'text' or 'image_url'");
            }
        }
        return new Message(role, text.toString(), images);
    }

    /** The REST body's {@code image} (llama-3.2-11b-vision): a base64 string or an array of bytes, on the last user turn. */
    private static void topLevelImage(List<Message> messages, Object image) throws InvalidBody {
        if (!(image instanceof String || image instanceof Object[])) {
            throw new InvalidBody("Type mismatch of '/image', 'string' not in 'object'");
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            Message message = messages.get(i);
            if (message.role().equals("user")) {
                messages.set(i, new Message(message.role(), message.content(), message.images() + 1));
                return;
            }
        }
    }

    private static List<String> stop(Object value) throws InvalidBody {
        if (value == null) {
            return List.of();
        }
        List<String> stop = new ArrayList<>();
        if (value instanceof Object[] array && array.length <= 4) {
            for (Object element : array) {
                if (element instanceof String sequence) {
                    stop.add(sequence);
                } else {
                    throw new InvalidBody("Type mismatch of '/stop', 'string' not in 'number'");
                }
            }
            return stop;
        }
        throw new InvalidBody("Type mismatch of '/stop', at most 4 strings");
    }

    /**
     * The OpenAI members the emulator does not act on, checked for their shape as the service would:
     * {@code tool_choice} ({@code "auto"}, {@code "none"}, {@code "required"} or
     * {@code {"type":"function","function":{"name":..}}}), {@code parallel_tool_calls} (a boolean),
     * {@code reasoning_effort} (one of OpenAI's values), {@code user} (a string), and
     * {@code response_format.json_schema.strict} (a boolean).
     */
    private static void checkOpenAiMembers(Map<?, ?> root) throws InvalidBody {
        Object choice = root.get("tool_choice");
        if (choice != null && !(choice instanceof String s && List.of("auto", "none", "required").contains(s))
                && !(choice instanceof Map<?, ?> named && "function".equals(named.get("type"))
                        && named.get("function") instanceof Map<?, ?> function && function.get("name") instanceof String)) {
            throw new InvalidBody("Type mismatch of '/tool_choice', not 'auto', 'none', 'required' or a named function");
        }
        if (root.containsKey("parallel_tool_calls") && !(root.get("parallel_tool_calls") instanceof Boolean)) {
            throw new InvalidBody("Type mismatch of '/parallel_tool_calls', 'boolean' expected");
        }
        Object effort = root.get("reasoning_effort");
        if (effort != null && !(effort instanceof String e
                && List.of("none", "minimal", "low", "medium", "high", "xhigh").contains(e))) {
            throw new InvalidBody("Type mismatch of '/reasoning_effort', not one of none, minimal, low, medium, high, xhigh");
        }
        if (root.containsKey("user") && !(root.get("user") instanceof String)) {
            throw new InvalidBody("Type mismatch of '/user', 'string' expected");
        }
        if (root.get("response_format") instanceof Map<?, ?> format && format.get("json_schema") instanceof Map<?, ?> schema
                && schema.containsKey("strict") && !(schema.get("strict") instanceof Boolean)) {
            throw new InvalidBody("Type mismatch of '/response_format/json_schema/strict', 'boolean' expected");
        }
    }

    /** The text of the last user or tool message; empty when there is none. */
    Message lastTurn() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            String role = messages.get(i).role();
            if (role.equals("user") || role.equals("tool")) {
                return messages.get(i);
            }
        }
        return new Message("user", "");
    }

    private static OptionalInt maxTokens(Object value) throws InvalidBody {
        if (value == null) {
            return OptionalInt.empty();
        }
        if (value instanceof Number number && number.doubleValue() == number.longValue() && number.longValue() > 0
                && number.longValue() <= Integer.MAX_VALUE) {
            return OptionalInt.of(number.intValue());
        }
        throw new InvalidBody("Type mismatch of '/max_tokens', 'integer' not in 'number'");
    }

    private static List<String> toolNames(Object value) {
        List<String> names = new ArrayList<>();
        if (value instanceof Object[] tools) {
            for (Object tool : tools) {
                if (tool instanceof Map<?, ?> map) {
                    if (map.get("name") instanceof String name) {
                        names.add(name);
                    } else if (map.get("function") instanceof Map<?, ?> function
                            && function.get("name") instanceof String name) {
                        names.add(name);
                    }
                }
            }
        }
        return names;
    }

    /** A body that does not match the schema: Cloudflare's error 5006. */
    static final class InvalidBody extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidBody(String message) {
            super(message);
        }
    }
}
