package io.github.flare4j.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The deterministic reply: text, tokens, usage, reasoning and tool calls. */
class ReplyScriptTest {

    @Test
    void tokensAreWordsWithTheirFollowingWhitespace() {
        assertThat(ReplyScript.tokens("Echo:  a\nb c")).containsExactly("Echo:  ", "a\n", "b ", "c");
        assertThat(ReplyScript.tokens("  ")).isEmpty();
    }

    @Test
    void helloInAnyCaseGetsTheGreeting() {
        assertThat(ReplyScript.answer("Well HELLO there")).isEqualTo(ReplyScript.GREETING);
        assertThat(ReplyScript.answer("  hi  ")).isEqualTo("Echo: hi");
    }

    @Test
    void answersTheLastUserMessage() throws Exception {
        InferenceRequest request = InferenceRequest.parse(
                "{\"messages\":[{\"role\":\"user\",\"content\":\"first\"},{\"role\":\"assistant\",\"content\":\"x\"},"
                        + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"text\":\"sec\"},{\"type\":\"text\",\"text\":\"ond\"}]}]}");

        Reply reply = ReplyScript.reply(request, "msg-1");

        assertThat(reply.parts()).containsExactly(new ReplyPart.Text("Echo: "), new ReplyPart.Text("second"));
        assertThat(reply.usage()).isEqualTo(new Usage(3, 2));
        assertThat(reply.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void reasoningCountsAsCompletionButNotAgainstMaxTokens() {
        InferenceRequest request = new InferenceRequest(ReplyScript.QWQ,
                List.of(new ChatMessage("user", "a b c")), null, OptionalInt.of(1), List.of());

        Reply reply = ReplyScript.reply(request, "msg-1");

        assertThat(reply.parts()).containsExactly(
                new ReplyPart.Reasoning("Let me think "), new ReplyPart.Reasoning("about this."), new ReplyPart.Text("Echo: "));
        assertThat(reply.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(reply.usage().completionTokens()).isEqualTo(3);
    }

    @Test
    void toolNamesAreReadInBothShapes() throws Exception {
        InferenceRequest request = InferenceRequest.parse("{\"messages\":[{\"role\":\"user\",\"content\":\"weather\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"forecast\"}},{\"name\":\"other\"}]}");

        Reply reply = ReplyScript.reply(request, "msg-1");

        assertThat(request.toolNames()).containsExactly("forecast", "other");
        assertThat(reply.parts()).first().isEqualTo(new ReplyPart.ToolInputStart("call_1", "forecast"));
        assertThat(reply.parts()).last().isEqualTo(new ReplyPart.ToolCall("call_1", "forecast", "{\"city\":\"Paris\"}"));
        assertThat(reply.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    }
}
