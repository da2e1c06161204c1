package io.github.flare4j.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reasoning models stream reasoning first; a weather question with tools gets a tool call. */
class ReasoningAndToolsTest {

    private static final String DEEPSEEK = "@cf/deepseek-ai/deepseek-r1-distill-qwen-32b";

    private final Emulator emulator = Emulator.start();

    @AfterEach
    void close() {
        emulator.close();
    }

    @Test
    void v4ReasoningPrecedesText() throws Exception {
        String body = PlaygroundRequest.user("why").model(DEEPSEEK).system(null).json();

        RawHttp.Response response = post(body, "x-emulator-format: v4");

        assertThat(response.chunks().subList(1, response.chunks().size())).containsExactly(
                "g:\"Let me think \"\n",
                "g:\"about this.\"\n",
                "0:\"Echo: \"\n",
                "0:\"why\"\n",
                "e:{\"finishReason\":\"stop\",\"usage\":{\"promptTokens\":1,\"completionTokens\":4},\"isContinued\":false}\n",
                "d:{\"finishReason\":\"stop\",\"usage\":{\"promptTokens\":1,\"completionTokens\":4}}\n");
    }

    @Test
    void v5ReasoningIsABlockOfItsOwn() throws Exception {
        String body = PlaygroundRequest.user("why").model("@cf/qwen/qwq-32b").system(null).json();

        RawHttp.Response response = post(body, "x-emulator-format: v5");

        assertThat(response.chunks().subList(2, response.chunks().size())).containsExactly(
                "data: {\"type\":\"reasoning-start\",\"id\":\"reasoning-0\"}\n\n",
                "data: {\"type\":\"reasoning-delta\",\"id\":\"reasoning-0\",\"delta\":\"Let me think \"}\n\n",
                "data: {\"type\":\"reasoning-delta\",\"id\":\"reasoning-0\",\"delta\":\"about this.\"}\n\n",
                "data: {\"type\":\"reasoning-end\",\"id\":\"reasoning-0\"}\n\n",
                "data: {\"type\":\"text-start\",\"id\":\"txt-0\"}\n\n",
                "data: {\"type\":\"text-delta\",\"id\":\"txt-0\",\"delta\":\"Echo: \"}\n\n",
                "data: {\"type\":\"text-delta\",\"id\":\"txt-0\",\"delta\":\"why\"}\n\n",
                "data: {\"type\":\"text-end\",\"id\":\"txt-0\"}\n\n",
                "data: {\"type\":\"finish-step\"}\n\n",
                "data: {\"type\":\"finish\",\"finishReason\":\"stop\",\"messageMetadata\":"
                        + "{\"usage\":{\"inputTokens\":1,\"outputTokens\":4,\"totalTokens\":5}}}\n\n",
                "data: [DONE]\n\n");
    }

    @Test
    void v4WeatherWithToolsIsAStreamedToolCall() throws Exception {
        String body = PlaygroundRequest.user("What is the weather in Paris?").system(null)
                .tool("get_weather").tool("get_time").json();

        RawHttp.Response response = post(body, "x-emulator-format: v4");

        assertThat(response.chunks().subList(1, response.chunks().size())).containsExactly(
                "b:{\"toolCallId\":\"call_1\",\"toolName\":\"get_weather\"}\n",
                "c:{\"toolCallId\":\"call_1\",\"argsTextDelta\":\"{\\\"city\\\":\"}\n",
                "c:{\"toolCallId\":\"call_1\",\"argsTextDelta\":\"\\\"Paris\\\"}\"}\n",
                "9:{\"toolCallId\":\"call_1\",\"toolName\":\"get_weather\",\"args\":{\"city\":\"Paris\"}}\n",
                "e:{\"finishReason\":\"tool-calls\",\"usage\":{\"promptTokens\":6,\"completionTokens\":2},\"isContinued\":false}\n",
                "d:{\"finishReason\":\"tool-calls\",\"usage\":{\"promptTokens\":6,\"completionTokens\":2}}\n");
    }

    @Test
    void v5WeatherWithToolsIsAToolInput() throws Exception {
        String body = PlaygroundRequest.user("weather?").system(null).tool("lookup").json();

        RawHttp.Response response = post(body, "x-emulator-format: v5");

        assertThat(response.chunks().subList(2, response.chunks().size())).containsExactly(
                "data: {\"type\":\"tool-input-start\",\"toolCallId\":\"call_1\",\"toolName\":\"lookup\"}\n\n",
                "data: {\"type\":\"tool-input-delta\",\"toolCallId\":\"call_1\",\"inputTextDelta\":\"{\\\"city\\\":\"}\n\n",
                "data: {\"type\":\"tool-input-delta\",\"toolCallId\":\"call_1\",\"inputTextDelta\":\"\\\"Paris\\\"}\"}\n\n",
                "data: {\"type\":\"tool-input-available\",\"toolCallId\":\"call_1\",\"toolName\":\"lookup\","
                        + "\"input\":{\"city\":\"Paris\"}}\n\n",
                "data: {\"type\":\"finish-step\"}\n\n",
                "data: {\"type\":\"finish\",\"finishReason\":\"tool-calls\",\"messageMetadata\":"
                        + "{\"usage\":{\"inputTokens\":1,\"outputTokens\":2,\"totalTokens\":3}}}\n\n",
                "data: [DONE]\n\n");
    }

    @Test
    void weatherWithoutToolsIsPlainText() throws Exception {
        String body = PlaygroundRequest.user("weather").system(null).json();

        RawHttp.Response response = post(body, "x-emulator-format: v4");

        assertThat(response.body()).contains("0:\"Echo: \"\n0:\"weather\"\n").doesNotContain("9:");
    }

    private RawHttp.Response post(String body, String header) throws Exception {
        return RawHttp.exchange(emulator.port(), RawHttp.post(emulator.port(), "/api/inference", body, header));
    }
}
