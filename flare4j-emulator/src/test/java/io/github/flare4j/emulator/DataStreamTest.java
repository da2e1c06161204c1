package io.github.flare4j.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The v4 data stream, byte for byte, over real HTTP. */
class DataStreamTest {

    private final Emulator emulator = Emulator.start();

    @AfterEach
    void close() {
        emulator.close();
    }

    @Test
    void greetingIsStreamedLineByLineWithUsage() throws Exception {
        String body = PlaygroundRequest.user("hello there").system("Be brief.").json();

        RawHttp.Response response = RawHttp.exchange(emulator.port(), RawHttp.post(emulator.port(), "/api/inference", body));

        String messageId = messageId(response.chunks().getFirst());
        assertThat(response.chunks()).containsExactly(
                "f:{\"messageId\":\"" + messageId + "\"}\n",
                "0:\"Hello! \"\n",
                "0:\"I \"\n",
                "0:\"am \"\n",
                "0:\"the \"\n",
                "0:\"flare4j \"\n",
                "0:\"emulator. \"\n",
                "0:\"How \"\n",
                "0:\"can \"\n",
                "0:\"I \"\n",
                "0:\"help \"\n",
                "0:\"you \"\n",
                "0:\"today?\"\n",
                "e:{\"finishReason\":\"stop\",\"usage\":{\"promptTokens\":4,\"completionTokens\":12},\"isContinued\":false}\n",
                "d:{\"finishReason\":\"stop\",\"usage\":{\"promptTokens\":4,\"completionTokens\":12}}\n");
        assertThat(messageId).matches("msg-[0-9A-Za-z]{24}");
    }

    @Test
    void headersAreThoseOfThePlaygroundInTheirOrder() throws Exception {
        RawHttp.Response response = RawHttp.exchange(emulator.port(),
                RawHttp.post(emulator.port(), "/api/inference", PlaygroundRequest.user("hi").json()));

        assertThat(response.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        List<String> lines = response.headerLines();
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).isEqualTo("content-type: text/x-unknown");
        assertThat(lines.get(1)).isEqualTo("x-vercel-ai-data-stream: v1");
        assertThat(lines.get(2)).matches("Date: \\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
        assertThat(lines.get(3)).isEqualTo("Connection: keep-alive");
        assertThat(lines.get(4)).isEqualTo("Keep-Alive: timeout=30");
        assertThat(lines.get(5)).matches("Set-Cookie: __cf_bm=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=None");
        assertThat(lines.get(6)).isEqualTo("Transfer-Encoding: chunked");
    }

    @Test
    void echoEscapesJsonAndCountsEveryWord() throws Exception {
        String body = PlaygroundRequest.user("say \"hi\"\tnow\\").system(null).json();

        RawHttp.Response response = RawHttp.exchange(emulator.port(), RawHttp.post(emulator.port(), "/api/inference", body));

        assertThat(response.chunks()).containsSubsequence(
                "0:\"Echo: \"\n",
                "0:\"say \"\n",
                "0:\"\\\"hi\\\"\\t\"\n",
                "0:\"now\\\\\"\n",
                "e:{\"finishReason\":\"stop\",\"usage\":{\"promptTokens\":3,\"completionTokens\":4},\"isContinued\":false}\n");
    }

    @Test
    void maxTokensCutsTheReplyWithFinishReasonLength() throws Exception {
        String body = PlaygroundRequest.user("one two three four").system(null).maxTokens(2).json();

        RawHttp.Response response = RawHttp.exchange(emulator.port(), RawHttp.post(emulator.port(), "/api/inference", body));

        assertThat(response.chunks()).hasSize(5);
        assertThat(response.chunks().subList(1, 5)).containsExactly(
                "0:\"Echo: \"\n",
                "0:\"one \"\n",
                "e:{\"finishReason\":\"length\",\"usage\":{\"promptTokens\":4,\"completionTokens\":2},\"isContinued\":false}\n",
                "d:{\"finishReason\":\"length\",\"usage\":{\"promptTokens\":4,\"completionTokens\":2}}\n");
    }

    @Test
    void promptTokensCountTheSystemMessageAndEveryMessage() throws Exception {
        String body = PlaygroundRequest.user("first question here")
                .message("assistant", "an answer")
                .message("user", "and another")
                .system("You are terse.")
                .json();

        RawHttp.Response response = RawHttp.exchange(emulator.port(), RawHttp.post(emulator.port(), "/api/inference", body));

        assertThat(response.body()).contains("\"usage\":{\"promptTokens\":10,\"completionTokens\":3}");
        assertThat(response.body()).contains("0:\"Echo: \"\n0:\"and \"\n0:\"another\"\n");
    }

    @Test
    void sdkContentTypeCanReplaceThePlaygroundOne() throws Exception {
        try (Emulator sdk = Emulator.builder().sdkContentTypes(true).start()) {
            RawHttp.Response response = RawHttp.exchange(sdk.port(),
                    RawHttp.post(sdk.port(), "/api/inference", PlaygroundRequest.user("hi").json()));

            assertThat(response.header("content-type")).isEqualTo("text/plain; charset=utf-8");
        }
    }

    static String messageId(String startFrame) {
        return startFrame.replaceAll("^(?:f:|data: )\\{.*\"messageId\":\"([^\"]+)\"\\}\\n+$", "$1");
    }
}
