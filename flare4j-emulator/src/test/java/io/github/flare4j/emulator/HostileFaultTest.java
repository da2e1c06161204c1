package io.github.flare4j.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The faults of a hostile or broken server (a complete reply left open, a {@code Content-Length}
 * that promises too much, JSON of no API, redirects, control characters), and how the emulator
 * notices a client that leaves a response before it ended.
 */
class HostileFaultTest {

    private static final String BODY = PlaygroundRequest.user("one two three four").system(null).json();
    private static final String FINISH = "d:{\"finishReason\":\"stop\"";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Emulator emulator = Emulator.start();

    @AfterEach
    void close() {
        emulator.close();
    }

    @Test
    void leftOpenSendsTheWholeReplyThenKeepsTheBodyOpen() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", emulator.port())) {
            socket.setSoTimeout(10_000);
            RawHttp.send(socket, RawHttp.post(emulator.port(), Emulator.INFERENCE_PATH, BODY,
                    "x-emulator-fault: left-open"));

            String received = readUntil(socket.getInputStream(), FINISH);

            assertThat(received).startsWith("HTTP/1.1 200 OK").contains("Transfer-Encoding: chunked")
                    .contains("0:\"one \"");
            assertThat(received).as("the last chunk is never sent").doesNotContain("\r\n0\r\n\r\n");
            assertThat(emulator.takeAbandoned(Duration.ZERO)).as("the client is still there").isNull();
        }
        assertThat(emulator.takeAbandoned(WAIT)).as("the client closed the held response")
                .isEqualTo(Emulator.INFERENCE_PATH);
    }

    @Test
    void overstatedLengthPromisesFarMoreThanTheReply() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", emulator.port())) {
            socket.setSoTimeout(10_000);
            RawHttp.send(socket, RawHttp.post(emulator.port(), Emulator.INFERENCE_PATH, BODY,
                    "x-emulator-fault: overstated-length"));

            String received = readUntil(socket.getInputStream(), FINISH);

            assertThat(received).contains("Content-Length: " + Fault.OVERSTATED_CONTENT_LENGTH)
                    .doesNotContain("Transfer-Encoding");
        }
        assertThat(emulator.takeAbandoned(WAIT)).isEqualTo(Emulator.INFERENCE_PATH);
    }

    @Test
    void leftOpenOnWorkersAiEndsItsStreamWithDone() throws Exception {
        String path = "/client/v4/accounts/" + emulator.accountId() + "/ai/run/@cf/meta/llama-3.1-8b-instruct-fp8";
        try (Socket socket = new Socket("127.0.0.1", emulator.port())) {
            socket.setSoTimeout(10_000);
            RawHttp.send(socket, RawHttp.post(emulator.port(), path,
                    "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true}",
                    "Authorization: Bearer " + emulator.apiToken(), "x-emulator-fault: left-open"));

            String received = readUntil(socket.getInputStream(), "data: [DONE]");

            assertThat(received).startsWith("HTTP/1.1 200 OK").contains("\"usage\"");
        }
        assertThat(emulator.takeAbandoned(WAIT)).isEqualTo(path);
    }

    @Test
    void aClientThatLeavesALongReplyIsNoticed() throws Exception {
        emulator.replyTokens(2_000_000); // megabytes: far more than the sockets' buffers hold
        try (Socket socket = new Socket("127.0.0.1", emulator.port())) {
            socket.setSoTimeout(10_000);
            RawHttp.send(socket, RawHttp.post(emulator.port(), Emulator.INFERENCE_PATH, BODY));
            readUntil(socket.getInputStream(), "0:\"");
        }
        assertThat(emulator.takeAbandoned(WAIT)).isEqualTo(Emulator.INFERENCE_PATH);
    }

    @Test
    void aCompleteReplyIsNotAbandoned() throws Exception {
        RawHttp.Response response = RawHttp.exchange(emulator.port(),
                RawHttp.post(emulator.port(), Emulator.INFERENCE_PATH, BODY));

        assertThat(response.body()).contains(FINISH);
        assertThat(emulator.takeAbandoned(Duration.ofMillis(200))).isNull();
    }

    @Test
    void unrecognisedJsonIsADocumentOfNoApi() throws Exception {
        RawHttp.Response response = RawHttp.exchange(emulator.port(), RawHttp.post(emulator.port(),
                Emulator.INFERENCE_PATH, BODY, "x-emulator-fault: unrecognised-json"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).isEqualTo("application/json");
        assertThat(response.body()).isEqualTo("{\"foo\":1}");
    }

    @Test
    void redirectSendsTheClientElsewhere() throws Exception {
        RawHttp.Response response = RawHttp.exchange(emulator.port(), RawHttp.post(emulator.port(),
                Emulator.INFERENCE_PATH, BODY, "x-emulator-fault: redirect"));

        assertThat(response.statusLine()).isEqualTo("HTTP/1.1 302 Found");
        assertThat(response.header("Location")).isEqualTo("/moved");
    }

    @Test
    void redirectLoopRedirectsToItselfForever() throws Exception {
        RawHttp.Response first = RawHttp.exchange(emulator.port(), RawHttp.post(emulator.port(),
                Emulator.INFERENCE_PATH, BODY, "x-emulator-fault: redirect-loop"));
        RawHttp.Response followed = RawHttp.exchange(emulator.port(),
                RawHttp.post(emulator.port(), first.header("Location"), BODY));

        assertThat(first.status()).isEqualTo(307);
        assertThat(first.header("Location")).isEqualTo(Emulator.REDIRECT_LOOP_PATH);
        assertThat(followed.status()).isEqualTo(307);
        assertThat(followed.header("Location")).isEqualTo(Emulator.REDIRECT_LOOP_PATH);
    }

    @Test
    void controlCharactersAreRawOnThePlaygroundAndEscapedJsonOnWorkersAi() throws Exception {
        RawHttp.Response playground = RawHttp.exchange(emulator.port(), RawHttp.post(emulator.port(),
                Emulator.INFERENCE_PATH, BODY, "x-emulator-fault: control-characters"));
        RawHttp.Response workersAi = RawHttp.exchange(emulator.port(), RawHttp.post(emulator.port(),
                "/client/v4/accounts/" + emulator.accountId() + "/ai/run/@cf/meta/llama-3.1-8b-instruct-fp8",
                "{\"prompt\":\"hi\"}", "x-emulator-fault: control-characters"));

        assertThat(playground.status()).isEqualTo(400);
        assertThat(playground.body()).contains("\u001b]0;", "\u0007", "\u001b[2J", "\u0000");
        assertThat(workersAi.status()).isEqualTo(400);
        assertThat(workersAi.body()).startsWith("{\"result\":null,\"success\":false,\"errors\":[{\"code\":7001,")
                .contains("\\u001b[2J").doesNotContain("\u001b");
    }

    @Test
    void emptyEventsComeAfterTheFirstEventOfAnSseStream() throws Exception {
        RawHttp.Response v5 = RawHttp.exchange(emulator.port(), RawHttp.post(emulator.port(),
                Emulator.INFERENCE_PATH, BODY, "x-emulator-fault: empty-event", "x-emulator-format: v5"));
        RawHttp.Response rest = RawHttp.exchange(emulator.port(), RawHttp.post(emulator.port(),
                "/client/v4/accounts/" + emulator.accountId() + "/ai/run/@cf/meta/llama-3.1-8b-instruct-fp8",
                "{\"prompt\":\"hi\",\"stream\":true}", "Authorization: Bearer " + emulator.apiToken(),
                "x-emulator-fault: empty-event"));

        assertThat(v5.body()).contains("\n\ndata:\n\ndata: \n\n").endsWith("data: [DONE]\n\n");
        assertThat(rest.body()).contains("\n\ndata:\n\ndata: \n\n").endsWith("data: [DONE]\n\n");
    }

    /** Reads the raw response until {@code marker} has arrived; what was read. */
    private static String readUntil(InputStream in, String marker) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!received.toString(StandardCharsets.UTF_8).contains(marker)) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("the connection ended before '" + marker + "': " + received);
            }
            received.write(buffer, 0, n);
        }
        return received.toString(StandardCharsets.UTF_8);
    }
}
