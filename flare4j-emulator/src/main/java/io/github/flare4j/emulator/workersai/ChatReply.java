package io.github.flare4j.emulator.workersai;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the emulator answers to a Workers AI chat request, decided deterministically.
 *
 * <ul>
 *   <li>Text: {@value #GREETING} when the last user message contains "hello", {@code Echo: } and the
 *       message otherwise, and {@code Tool said: } and the result when the last message is a tool
 *       result; streamed one word (with its trailing whitespace) per token, cut at {@code max_tokens}
 *       (finish reason {@code length}).</li>
 *   <li>JSON mode ({@code response_format}): the text is the object {@code {"answer":"<text>"}}.</li>
 *   <li>Tools offered and "weather" in the last user message: a call of the first tool with
 *       {@code {"city":"Paris"}}, id {@value #TOOL_CALL_ID}, finish reason {@code tool_calls}.</li>
 *   <li>The reasoning models {@value #DEEPSEEK_R1} and {@value #QWQ} first reason in two pieces, and
 *       answer in the OpenAI shape even on the REST route, as newer models do.</li>
 *   <li>Usage: prompt tokens are the words of every message; completion tokens the pieces sent.</li>
 * </ul>
 *
 * @param reasoning        reasoning pieces
 * @param tokens           text pieces
 * @param toolName         the tool called, or null
 * @param finishReason     {@code stop}, {@code length} or {@code tool_calls}
 * @param promptTokens     the prompt's token count
 * @param completionTokens the reply's token count
 * @param json             the reply is a JSON object (JSON mode)
 * @param openAiShaped     the model answers in the OpenAI shape on the REST route
 */
record ChatReply(List<String> reasoning, List<String> tokens, String toolName, String finishReason, int promptTokens,
        int completionTokens, boolean json, boolean openAiShaped) {

    static final String GREETING = "Hello! I am the flare4j emulator. How can I help you today?";
    static final String DEEPSEEK_R1 = "@cf/deepseek-ai/deepseek-r1-distill-qwen-32b";
    static final String QWQ = "@cf/qwen/qwq-32b";
    static final List<String> REASONING = List.of("Let me think ", "about this.");
    static final String TOOL_CALL_ID = "call_1";
    static final List<String> TOOL_ARGUMENT_PIECES = List.of("{\"city\":", "\"Paris\"}");

    private static final Set<String> REASONING_MODELS = Set.of(DEEPSEEK_R1, QWQ);
    private static final Pattern TOKEN = Pattern.compile("\\S+\\s*");
    private static final Pattern WEATHER = Pattern.compile("\\bweather\\b", Pattern.CASE_INSENSITIVE);

    ChatReply {
        reasoning = List.copyOf(reasoning);
        tokens = List.copyOf(tokens);
    }

    static ChatReply of(String model, ChatBody body) {
        boolean reasons = REASONING_MODELS.contains(model);
        List<String> reasoning = reasons ? REASONING : List.of();
        ChatBody.Message turn = body.lastTurn();
        int prompt = 0;
        for (ChatBody.Message message : body.messages()) {
            prompt += words(message.content());
        }
        if (!body.toolNames().isEmpty() && turn.role().equals("user") && WEATHER.matcher(turn.content()).find()) {
            return new ChatReply(reasoning, List.of(), body.toolNames().getFirst(), "tool_calls", prompt,
                    reasoning.size() + TOOL_ARGUMENT_PIECES.size(), false, reasons);
        }
        String answer = turn.role().equals("tool") ? "Tool said: " + turn.content().strip() : answer(turn.content());
        List<String> tokens = body.jsonMode() ? jsonTokens(answer) : tokens(answer);
        int limit = body.maxTokens().orElse(Integer.MAX_VALUE);
        String finish = "stop";
        if (tokens.size() > limit && !body.jsonMode()) {
            tokens = tokens.subList(0, limit);
            finish = "length";
        }
        return new ChatReply(reasoning, tokens, null, finish, prompt, reasoning.size() + tokens.size(), body.jsonMode(),
                reasons);
    }

    /** The whole text, all tokens joined. */
    String text() {
        return String.join("", tokens);
    }

    static String answer(String userText) {
        return userText.toLowerCase(Locale.ROOT).contains("hello") ? GREETING : "Echo: " + userText.strip();
    }

    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text.stripLeading());
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }

    /** {@code {"answer":"<text>"}} in three pieces, so that it streams. */
    private static List<String> jsonTokens(String answer) {
        String quoted = Json.quote(answer);
        return List.of("{\"answer\":", quoted, "}");
    }

    private static int words(String text) {
        return text == null || text.isBlank() ? 0 : text.strip().split("\\s+").length;
    }
}
