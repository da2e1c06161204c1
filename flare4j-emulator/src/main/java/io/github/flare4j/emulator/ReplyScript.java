package io.github.flare4j.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides, deterministically, what the emulator answers to an inference request.
 *
 * <ul>
 *   <li>The text is {@value #GREETING} when the last user message contains "hello" (any case), else
 *       {@code Echo: } followed by that message. It is streamed one word per token, each word with
 *       the whitespace after it ({@code "Echo: "}, {@code "hi "}, {@code "there"}), and cut to
 *       {@code max_tokens} tokens, in which case the finish reason is {@code length}.</li>
 *   <li>The reasoning models {@value #DEEPSEEK_R1} and {@value #QWQ} first stream two reasoning
 *       pieces.</li>
 *   <li>When the request offers tools and the last user message contains the word "weather", the
 *       reply is a call of the first tool with {@code {"city":"Paris"}} instead of text, finish
 *       reason {@code tool-calls}.</li>
 *   <li>Usage: prompt tokens are the whitespace-separated words of the system message and every
 *       message text; completion tokens are the delta parts streamed.</li>
 * </ul>
 */
public final class ReplyScript {

    public static final String GREETING = "Hello! I am the flare4j emulator. How can I help you today?";
    public static final String DEEPSEEK_R1 = "@cf/deepseek-ai/deepseek-r1-distill-qwen-32b";
    public static final String QWQ = "@cf/qwen/qwq-32b";
    public static final List<String> REASONING = List.of("Let me think ", "about this.");
    public static final String TOOL_CALL_ID = "call_1";
    public static final List<String> TOOL_INPUT_DELTAS = List.of("{\"city\":", "\"Paris\"}");

    private static final Set<String> REASONING_MODELS = Set.of(DEEPSEEK_R1, QWQ);
    private static final Pattern TOKEN = Pattern.compile("\\S+\\s*");
    private static final Pattern WEATHER = Pattern.compile("\\bweather\\b", Pattern.CASE_INSENSITIVE);

    private ReplyScript() {
    }

    /** Words that {@link #filler(int)} cycles through. */
    private static final List<String> FILLER = List.of("The ", "quick ", "brown ", "fox ", "jumps ", "over ",
            "the ", "lazy ", "dog. ");

    static Reply reply(InferenceRequest request, String messageId) {
        return reply(request, messageId, 0);
    }

    /**
     * The reply, its text made of {@code replyTokens} {@link #filler(int) filler} tokens when that is
     * positive (still cut at {@code max_tokens}).
     */
    static Reply reply(InferenceRequest request, String messageId, int replyTokens) {
        List<ReplyPart> parts = new ArrayList<>();
        if (isReasoningModel(request.model())) {
            REASONING.forEach(delta -> parts.add(new ReplyPart.Reasoning(delta)));
        }
        String userText = request.lastUserText();
        String toolResult = request.lastToolResult();
        FinishReason finishReason;
        if (toolResult != null) {
            // the tool's answer came back (on the assistant message that called it): say it
            tokens("Tool said: " + toolResult.strip()).forEach(token -> parts.add(new ReplyPart.Text(token)));
            finishReason = FinishReason.STOP;
        } else if (!request.toolNames().isEmpty() && asksForWeather(userText)) {
            parts.addAll(toolCall(request.toolNames().getFirst()));
            finishReason = FinishReason.TOOL_CALLS;
        } else {
            List<String> tokens = replyTokens > 0 ? filler(replyTokens) : tokens(answer(userText));
            int limit = request.maxTokens().orElse(Integer.MAX_VALUE);
            tokens.stream().limit(limit).forEach(token -> parts.add(new ReplyPart.Text(token)));
            finishReason = tokens.size() > limit ? FinishReason.LENGTH : FinishReason.STOP;
        }
        int completionTokens = (int) parts.stream().filter(ReplyPart::isDelta).count();
        return new Reply(messageId, parts, finishReason, new Usage(promptTokens(request), completionTokens));
    }

    /** The whole answer text to a user message. */
    public static String answer(String userText) {
        if (userText.toLowerCase(Locale.ROOT).contains("hello")) {
            return GREETING;
        }
        return "Echo: " + userText.strip();
    }

    /**
     * {@code count} tokens of filler text ({@code "The "}, {@code "quick "}, ...), for long replies.
     *
     * @param count how many
     * @return the tokens
     */
    public static List<String> filler(int count) {
        List<String> tokens = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tokens.add(FILLER.get(i % FILLER.size()));
        }
        return tokens;
    }

    /** Checks a reply length setting: 0 (the scripted answer) or more tokens. */
    static int requireReplyTokens(int replyTokens) {
        if (replyTokens < 0) {
            throw new IllegalArgumentException("reply tokens must be 0 or more, was " + replyTokens);
        }
        return replyTokens;
    }

    /** Splits text into tokens of one word each with the whitespace that follows it. */
    public static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text.stripLeading());
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }

    static int promptTokens(InferenceRequest request) {
        int words = wordCount(request.systemMessage());
        for (ChatMessage message : request.messages()) {
            words += wordCount(message.text());
        }
        return words;
    }

    /** Whether {@code model} is one of the scripted reasoning models. */
    public static boolean isReasoningModel(String model) {
        return model != null && REASONING_MODELS.contains(model);
    }

    /** Whether a user text asks for the weather, which makes a model with tools call one. */
    public static boolean asksForWeather(String userText) {
        return WEATHER.matcher(userText).find();
    }

    /** Whitespace-separated words: the emulator's honest token count. */
    public static int wordCount(String text) {
        return text == null || text.isBlank() ? 0 : text.strip().split("\\s+").length;
    }

    private static List<ReplyPart> toolCall(String toolName) {
        List<ReplyPart> parts = new ArrayList<>();
        parts.add(new ReplyPart.ToolInputStart(TOOL_CALL_ID, toolName));
        TOOL_INPUT_DELTAS.forEach(delta -> parts.add(new ReplyPart.ToolInputDelta(TOOL_CALL_ID, delta)));
        parts.add(new ReplyPart.ToolCall(TOOL_CALL_ID, toolName, String.join("", TOOL_INPUT_DELTAS)));
        return parts;
    }
}
