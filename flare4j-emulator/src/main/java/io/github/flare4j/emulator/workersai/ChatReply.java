package io.github.flare4j.emulator.workersai;

import io.github.flare4j.emulator.ReplyScript;
import java.util.List;

/**
 * What the emulator answers to a Workers AI chat request, decided deterministically.
 *
 * <ul>
 *   <li>Text: {@value ReplyScript#GREETING} when the last user message contains "hello", {@code Echo: } and the
 *       message otherwise, and {@code Tool said: } and the result when the last message is a tool
 *       result; streamed one word (with its trailing whitespace) per token, cut at {@code max_tokens}
 *       (finish reason {@code length}).</li>
 *   <li>JSON mode ({@code response_format}): the text is the object {@code {"answer":"<text>"}}.</li>
 *   <li>Tools offered and "weather" in the last user message: a call of the first tool with
 *       {@code {"city":"Paris"}}, id {@value #TOOL_CALL_ID}, finish reason {@code tool_calls}.</li>
 *   <li>The reasoning models {@value ReplyScript#DEEPSEEK_R1} and {@value ReplyScript#QWQ} first reason in two pieces, and
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

    static final String TOOL_CALL_ID = ReplyScript.TOOL_CALL_ID;
    static final List<String> TOOL_ARGUMENT_PIECES = ReplyScript.TOOL_INPUT_DELTAS;

    ChatReply {
        reasoning = List.copyOf(reasoning);
        tokens = List.copyOf(tokens);
    }

    static ChatReply of(String model, ChatBody body) {
        return of(model, body, 0);
    }

    /** The reply; its text is {@code replyTokens} filler tokens when that is positive and the turn is a user's. */
    static ChatReply of(String model, ChatBody body, int replyTokens) {
        boolean reasons = ReplyScript.isReasoningModel(model);
        List<String> reasoning = reasons ? ReplyScript.REASONING : List.of();
        ChatBody.Message turn = body.lastTurn();
        int prompt = 0;
        for (ChatBody.Message message : body.messages()) {
            prompt += ReplyScript.wordCount(message.content());
        }
        if (!body.toolNames().isEmpty() && turn.role().equals("user") && ReplyScript.asksForWeather(turn.content())) {
            return new ChatReply(reasoning, List.of(), body.toolNames().getFirst(), "tool_calls", prompt,
                    reasoning.size() + TOOL_ARGUMENT_PIECES.size(), false, reasons);
        }
        String answer = turn.role().equals("tool") ? "Tool said: " + turn.content().strip() : ReplyScript.answer(turn.content());
        if (turn.images() > 0) {
            answer = "I see " + turn.images() + (turn.images() == 1 ? " image. " : " images. ") + answer;
        }
        boolean filled = replyTokens > 0 && turn.role().equals("user") && !body.jsonMode();
        List<String> tokens = filled ? ReplyScript.filler(replyTokens)
                : body.jsonMode() ? jsonTokens(answer) : ReplyScript.tokens(answer);
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

    /** {@code {"answer":"<text>"}} in three pieces, so that it streams. */
    private static List<String> jsonTokens(String answer) {
        String quoted = Json.quote(answer);
        return List.of("{\"answer\":", quoted, "}");
    }
}
