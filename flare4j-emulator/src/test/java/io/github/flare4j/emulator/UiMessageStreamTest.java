package io.github.flare4j.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The v5 UI message stream, byte for byte, over real HTTP. */
class UiMessageStreamTest {

    private final Emulator emulator = Emulator.builder().format(StreamFormat.V5).start();

    @AfterEach
    void close() {
        emulator.close();
    }

    @Test
    void replyIsOneServerSentEventPerChunk() throws Exception {
        String body = PlaygroundRequest.user("tell me one two").system("Be brief.").json();

        RawHttp.Response response = RawHttp.exchange(emulator.port(), RawHttp.post(emulator.port(), "/api/inference", body));

        String messageId = DataStreamTest.messageId(response.chunks().getFirst());
        assertThat(messageId).matches("msg-[0-9A-Za-z]{24}");
        assertThat(response.chunks()).containsExactly(
                "data: {\"type\":\"start\",\"messageId\":\"" + messageId + "\"}\n\n",
                "data: {\"type\":\"start-step\"}\n\n",
                "data: {\"type\":\"text-start\",\"id\":\"txt-0\"}\n\n",
                "data: {\"type\":\"text-delta\",\"id\":\"txt-0\",\"delta\":\"Echo: \"}\n\n",
                "data: {\"type\":\"text-delta\",\"id\":\"txt-0\",\"delta\":\"tell \"}\n\n",
                "data: {\"type\":\"text-delta\",\"id\":\"txt-0\",\"delta\":\"me \"}\n\n",
                "data: {\"type\":\"text-delta\",\"id\":\"txt-0\",\"delta\":\"one \"}\n\n",
                "data: {\"type\":\"text-delta\",\"id\":\"txt-0\",\"delta\":\"two\"}\n\n",
                "data: {\"type\":\"text-end\",\"id\":\"txt-0\"}\n\n",
                "data: {\"type\":\"finish-step\"}\n\n",
                "data: {\"type\":\"finish\",\"finishReason\":\"stop\",\"messageMetadata\":"
                        + "{\"usage\":{\"inputTokens\":6,\"outputTokens\":5,\"totalTokens\":11}}}\n\n",
                "data: [DONE]\n\n");
    }

    @Test
    void headersAreThoseOfTheSdkInTheirOrder() throws Exception {
        RawHttp.Response response = RawHttp.exchange(emulator.port(),
                RawHttp.post(emulator.port(), "/api/inference", PlaygroundRequest.user("hi").json()));

        List<String> lines = response.headerLines();
        assertThat(lines).hasSize(8);
        assertThat(lines.subList(0, 5)).containsExactly(
                "cache-control: no-cache",
                "connection: keep-alive",
                "content-type: text/x-unknown",
                "x-accel-buffering: no",
                "x-vercel-ai-ui-message-stream: v1");
        assertThat(lines.get(5)).startsWith("Date: ");
        assertThat(lines.get(6)).matches("Set-Cookie: __cf_bm=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=None");
        assertThat(lines.get(7)).isEqualTo("Transfer-Encoding: chunked");
    }

    @Test
    void maxTokensGivesFinishReasonLength() throws Exception {
        String body = PlaygroundRequest.user("a b c").system(null).maxTokens(1).json();

        RawHttp.Response response = RawHttp.exchange(emulator.port(), RawHttp.post(emulator.port(), "/api/inference", body));

        assertThat(response.body()).contains("data: {\"type\":\"text-delta\",\"id\":\"txt-0\",\"delta\":\"Echo: \"}\n\n"
                + "data: {\"type\":\"text-end\",\"id\":\"txt-0\"}\n\n");
        assertThat(response.body()).contains("{\"type\":\"finish\",\"finishReason\":\"length\",\"messageMetadata\":"
                + "{\"usage\":{\"inputTokens\":3,\"outputTokens\":1,\"totalTokens\":4}}}");
    }

    @Test
    void formatCanBeSwitchedAtRuntimeOrPerRequest() throws Exception {
        String body = PlaygroundRequest.user("hi").json();

        emulator.format(StreamFormat.V4);
        RawHttp.Response v4 = RawHttp.exchange(emulator.port(), RawHttp.post(emulator.port(), "/api/inference", body));
        RawHttp.Response v5 = RawHttp.exchange(emulator.port(),
                RawHttp.post(emulator.port(), "/api/inference", body, "x-emulator-format: V5"));

        assertThat(emulator.format()).isEqualTo(StreamFormat.V4);
        assertThat(v4.body()).startsWith("f:{\"messageId\":");
        assertThat(v5.body()).startsWith("data: {\"type\":\"start\"").endsWith("data: [DONE]\n\n");
    }

    @Test
    void unknownFormatHeaderIsABadRequest() throws Exception {
        RawHttp.Response response = RawHttp.exchange(emulator.port(),
                RawHttp.post(emulator.port(), "/api/inference", PlaygroundRequest.user("hi").json(), "x-emulator-format: v6"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"error\":\"unknown stream format 'v6' (expected v4 or v5)\"}");
    }
}
