package io.github.flare4j.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.jetty.util.ajax.JSON;

/**
 * The body of {@code POST /api/inference}, reduced to what the emulator uses.
 *
 * <p>The playground's body is {@code {"messages":[{"role":..,"content":..,"parts":[..]}],"lora":null,
 * "model":..,"max_tokens":..,"stream":true,"system_message":..,"tools":[]}}. Only {@code messages} is
 * required; the others may be missing or null.
 *
 * @param model         the model id, or null
 * @param messages      the conversation, never empty
 * @param systemMessage the system prompt, or null
 * @param maxTokens     the reply's length limit in tokens, if given
 * @param toolNames     the names of the tools offered, in order
 */
record InferenceRequest(String model, List<ChatMessage> messages, String systemMessage, OptionalInt maxTokens,
        List<String> toolNames) {

    InferenceRequest {
        messages = List.copyOf(messages);
        toolNames = List.copyOf(toolNames);
    }

    /** Parses a request body. */
    static InferenceRequest parse(String body) throws BadRequestException {
        Object json;
        try {
            json = new JSON().fromJSON(body);
        } catch (RuntimeException e) {
            throw new BadRequestException("request body is not valid JSON", e);
        }
        if (!(json instanceof Map<?, ?> root)) {
            throw new BadRequestException("request body must be a JSON object");
        }
        return new InferenceRequest(
                optionalString(root, "model"),
                messages(root.get("messages")),
                optionalString(root, "system_message"),
                maxTokens(root.get("max_tokens")),
                toolNames(root.get("tools")));
    }

    /** The text of the last message from the user; empty when there is none. */
    String lastUserText() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).isUser()) {
                return messages.get(i).text();
            }
        }
        return "";
    }

    private static List<ChatMessage> messages(Object value) throws BadRequestException {
        if (!(value instanceof Object[] array) || array.length == 0) {
            throw new BadRequestException("'messages' must be a non-empty array");
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (Object element : array) {
            if (!(element instanceof Map<?, ?> message) || !(message.get("role") instanceof String role)) {
                throw new BadRequestException("each message must be an object with a string 'role'");
            }
            messages.add(new ChatMessage(role, messageText(message), toolResult(message)));
        }
        return messages;
    }

    /**
     * The result of the last tool invocation of state {@code result} on a UI message (as the web
     * app's {@code useChat} sends a tool's answer), as text; null when there is none.
     */
    private static String toolResult(Map<?, ?> message) {
        String result = null;
        if (message.get("toolInvocations") instanceof Object[] invocations) {
            for (Object invocation : invocations) {
                if (invocation instanceof Map<?, ?> map && "result".equals(map.get("state"))
                        && map.containsKey("result")) {
                    Object value = map.get("result");
                    result = value instanceof String text ? text : new JSON().toJSON(value);
                }
            }
        }
        return result;
    }

    /** The last message's tool result, when it is an assistant message with one. */
    String lastToolResult() {
        ChatMessage last = messages.getLast();
        return "assistant".equals(last.role()) ? last.toolResult() : null;
    }

    private static String messageText(Map<?, ?> message) {
        if (message.get("content") instanceof String content) {
            return content;
        }
        StringBuilder text = new StringBuilder();
        if (message.get("parts") instanceof Object[] parts) {
            for (Object part : parts) {
                if (part instanceof Map<?, ?> map && "text".equals(map.get("type"))
                        && map.get("text") instanceof String partText) {
                    text.append(partText);
                }
            }
        }
        return text.toString();
    }

    private static OptionalInt maxTokens(Object value) throws BadRequestException {
        if (value == null) {
            return OptionalInt.empty();
        }
        if (value instanceof Number number && number.doubleValue() == number.longValue()
                && number.longValue() > 0 && number.longValue() <= Integer.MAX_VALUE) {
            return OptionalInt.of(number.intValue());
        }
        throw new BadRequestException("'max_tokens' must be a positive integer");
    }

    private static List<String> toolNames(Object value) {
        List<String> names = new ArrayList<>();
        if (value instanceof Object[] tools) {
            for (Object tool : tools) {
                names.add(toolName(tool));
            }
        }
        return names;
    }

    /** A tool's name, whether given as {@code {"name":..}} or OpenAI-style {@code {"function":{"name":..}}}. */
    private static String toolName(Object tool) {
        if (tool instanceof Map<?, ?> map) {
            if (map.get("name") instanceof String name) {
                return name;
            }
            if (map.get("function") instanceof Map<?, ?> function && function.get("name") instanceof String name) {
                return name;
            }
        }
        return "tool";
    }

    private static String optionalString(Map<?, ?> root, String name) throws BadRequestException {
        Object value = root.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new BadRequestException("'" + name + "' must be a string");
    }
}
