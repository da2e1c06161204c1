package io.github.flare4j.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every fault, observed from the client side of a real connection. */
class FaultTest {

    private static final String BODY = PlaygroundRequest.user("one two three four").system(null).json();

    private final Emulator emulator = Emulator.start();

    @AfterEach
    void close() {
        emulator.close();
    }

    @Test
    void challengeIsCloudflaresJustAMomentPage() throws Exception {
        emulator.enqueueFault(Fault.CHALLENGE);

        RawHttp.Response response = inference();

        assertThat(response.statusLine()).isEqualTo("HTTP/1.1 403 Forbidden");
        // the capture's headers, in its order, and Cloudflare's request id (cf-ray) as on every error answer
        assertThat(response.headerLines()).filteredOn(line -> line.startsWith("cf-ray: ")).hasSize(1);
        java.util.List<String> captured = response.headerLines().stream()
                .filter(line -> !line.startsWith("cf-ray: ")).toList();
        assertThat(captured).hasSize(8);
        assertThat(captured.subList(0, 4)).containsExactly(
                "content-type: text/html; charset=UTF-8",
                "cf-mitigated: challenge",
                "server: cloudflare",
                "cache-control: private, max-age=0, no-store, no-cache, must-revalidate");
        assertThat(captured.get(4)).startsWith("Date: ");
        assertThat(captured.subList(5, 8)).containsExactly(
                "Connection: keep-alive", "Keep-Alive: timeout=30", "Transfer-Encoding: chunked");
        assertThat(response.body())
                .hasSize(613)
                .startsWith("<!DOCTYPE html><html lang=\"en-US\"><head><title>Just a moment...</title>")
                .contains("window._cf_chl_opt={cvId: '3',cType: 'managed'};")
                .endsWith("</script></body></html>");
    }

    @Test
    void rateLimitSaysWhenToRetry() throws Exception {
        emulator.enqueueFault(Fault.RATE_LIMIT);

        RawHttp.Response response = inference();

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.header("Retry-After")).isEqualTo("7");
        assertThat(response.body()).isEqualTo("error code: 1015");
    }

    @Test
    void serverErrorAndUnauthorizedHaveTheirStatus() throws Exception {
        emulator.enqueueFault(Fault.SERVER_ERROR);
        emulator.enqueueFault(Fault.UNAUTHORIZED);

        RawHttp.Response first = inference();
        RawHttp.Response second = inference();
        RawHttp.Response third = inference();

        assertThat(first.status()).isEqualTo(500);
        assertThat(first.body()).isEqualTo("{\"error\":\"Internal Server Error\"}");
        assertThat(second.status()).isEqualTo(401);
        assertThat(second.body()).isEqualTo("{\"error\":\"Unauthorized\"}");
        assertThat(third.status()).isEqualTo(200);
    }

    @Test
    void truncatedV4EndsCleanlyBeforeTheFinish() throws Exception {
        emulator.enqueueFault(Fault.TRUNCATED);

        RawHttp.Response response = inference();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.chunks()).hasSize(3);
        assertThat(response.chunks().subList(1, 3)).containsExactly("0:\"Echo: \"\n", "0:\"one \"\n");
    }

    @Test
    void truncatedV5StopsWithoutFinishOrDone() throws Exception {
        emulator.format(StreamFormat.V5);
        emulator.enqueueFault(Fault.TRUNCATED);

        RawHttp.Response response = inference();

        assertThat(response.chunks()).last().isEqualTo("data: {\"type\":\"text-delta\",\"id\":\"txt-0\",\"delta\":\"one \"}\n\n");
        assertThat(response.body()).doesNotContain("finish", "[DONE]");
    }

    @Test
    void malformedLineIsFollowedByTheRestOfTheReply() throws Exception {
        emulator.enqueueFault(Fault.MALFORMED_LINE);

        RawHttp.Response response = inference();

        assertThat(response.chunks().subList(1, 4)).containsExactly("0:\"Echo: \"\n", "0:{not json\n", "0:\"one \"\n");
        assertThat(response.chunks()).last().asString().startsWith("d:{\"finishReason\":\"stop\"");
    }

    @Test
    void malformedLineInV5IsABrokenEvent() throws Exception {
        RawHttp.Response response = inference("x-emulator-format: v5", "x-emulator-fault: malformed-line");

        assertThat(response.chunks()).contains("data: {not json\n\n").last().isEqualTo("data: [DONE]\n\n");
    }

    @Test
    void errorPartInV4IsCodeThree() throws Exception {
        emulator.enqueueFault(Fault.ERROR_PART);

        RawHttp.Response response = inference();

        assertThat(response.chunks().subList(1, response.chunks().size()))
                .containsExactly("0:\"Echo: \"\n", "0:\"one \"\n", "3:\"Error during inference\"\n");
    }

    @Test
    void errorPartInV5IsAnErrorEventThenDone() throws Exception {
        RawHttp.Response response = inference("x-emulator-format: v5", "x-emulator-fault: error_part");

        assertThat(response.chunks()).endsWith(
                "data: {\"type\":\"text-delta\",\"id\":\"txt-0\",\"delta\":\"one \"}\n\n",
                "data: {\"type\":\"error\",\"errorText\":\"Error during inference\"}\n\n",
                "data: [DONE]\n\n");
    }

    @Test
    void resetCutsTheConnectionAfterTheFirstLines() throws Exception {
        emulator.enqueueFault(Fault.RESET);
        ByteArrayOutputStream received = new ByteArrayOutputStream();

        try (Socket socket = new Socket("127.0.0.1", emulator.port())) {
            socket.setSoTimeout(5_000);
            RawHttp.send(socket, RawHttp.post(emulator.port(), "/api/inference", BODY));
            InputStream in = socket.getInputStream();
            assertThatThrownBy(() -> {
                byte[] buffer = new byte[1024];
                for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                    received.write(buffer, 0, n);
                }
            }).isInstanceOf(SocketException.class).hasMessageContaining("reset");
        }
        assertThat(received.toString(StandardCharsets.UTF_8))
                .startsWith("HTTP/1.1 200 OK\r\n")
                .contains("0:\"one \"\n")
                .doesNotContain("e:{");
    }

    @Test
    void resetIsAnIOExceptionForHttpClient() {
        emulator.enqueueFault(Fault.RESET);

        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/api/inference"))
                    .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();

            assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void stallKeepsTheConnectionOpenAndSilent() throws Exception {
        emulator.enqueueFault(Fault.STALL);

        try (Socket socket = new Socket("127.0.0.1", emulator.port())) {
            socket.setSoTimeout(1_000);
            RawHttp.send(socket, RawHttp.post(emulator.port(), "/api/inference", BODY));

            assertThatThrownBy(() -> RawHttp.read(socket.getInputStream())).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void stallEndsCleanlyOnceItsDurationIsOver() throws Exception {
        try (Emulator brief = Emulator.builder().stallDuration(Duration.ofMillis(300)).start()) {
            brief.enqueueFault(Fault.STALL);

            RawHttp.Response response = RawHttp.exchange(brief.port(), RawHttp.post(brief.port(), "/api/inference", BODY));

            assertThat(response.chunks()).hasSize(3).last().isEqualTo("0:\"one \"\n");
        }
    }

    @Test
    void closeDoesNotWaitForAStalledResponse() throws Exception {
        emulator.enqueueFault(Fault.STALL);

        try (Socket socket = new Socket("127.0.0.1", emulator.port())) {
            socket.setSoTimeout(5_000);
            RawHttp.send(socket, RawHttp.post(emulator.port(), "/api/inference", BODY));
            InputStream in = socket.getInputStream();
            assertThat(RawHttp.line(in)).isEqualTo("HTTP/1.1 200 OK");

            // the stall lasts 60 s: a close that waited for it would trip this guard
            assertTimeoutPreemptively(Duration.ofSeconds(30), emulator::close);
            assertThatThrownBy(() -> {
                while (in.read() != -1) {
                    // what was sent before the stall
                }
                throw new IOException("closed");
            }).isInstanceOf(IOException.class).isNotInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void headerChoosesTheFaultInAnySpellingAndLeavesTheQueueAlone() throws Exception {
        emulator.enqueueFault(Fault.SERVER_ERROR);

        RawHttp.Response dashed = inference("x-emulator-fault: rate-limit");
        RawHttp.Response upper = inference("X-Emulator-Fault: RATE_LIMIT");
        RawHttp.Response queued = inference();

        assertThat(dashed.status()).isEqualTo(429);
        assertThat(upper.status()).isEqualTo(429);
        assertThat(queued.status()).isEqualTo(500);
    }

    @Test
    void unknownFaultHeaderIsABadRequest() throws Exception {
        RawHttp.Response response = inference("x-emulator-fault: gremlins");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"error\":\"unknown fault 'gremlins'\"}");
    }

    @Test
    void faultsCanTargetAnotherPath() throws Exception {
        emulator.enqueueFault(Fault.UNAUTHORIZED, "/api/models");

        RawHttp.Response inference = inference();
        RawHttp.Response models = RawHttp.exchange(emulator.port(), RawHttp.get(emulator.port(), "/api/models"));
        RawHttp.Response modelsAgain = RawHttp.exchange(emulator.port(), RawHttp.get(emulator.port(), "/api/models"));

        assertThat(inference.status()).isEqualTo(200);
        assertThat(models.status()).isEqualTo(401);
        assertThat(modelsAgain.status()).isEqualTo(200);
    }

    @Test
    void truncatedModelListIsAnIncompleteDocument() throws Exception {
        emulator.enqueueFault(Fault.TRUNCATED, "/api/models");

        RawHttp.Response response = RawHttp.exchange(emulator.port(), RawHttp.get(emulator.port(), "/api/models"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"models\":[").doesNotEndWith("]}");
        assertThat(ModelsRoute.document(emulator.models())).startsWith(response.body());
    }

    @Test
    void bodyFaultsOnTheModelListSpoilTheJson() throws Exception {
        RawHttp.Response malformed = RawHttp.exchange(emulator.port(),
                RawHttp.get(emulator.port(), "/api/models", "x-emulator-fault: malformed_line"));
        RawHttp.Response error = RawHttp.exchange(emulator.port(),
                RawHttp.get(emulator.port(), "/api/models", "x-emulator-fault: error-part"));

        assertThat(malformed.body()).isEqualTo("{\"models\":[{not json");
        assertThat(error.body()).isEqualTo("{\"error\":\"Error during inference\"}");
    }

    private RawHttp.Response inference(String... headers) throws IOException {
        return RawHttp.exchange(emulator.port(), RawHttp.post(emulator.port(), "/api/inference", BODY, headers));
    }
}
