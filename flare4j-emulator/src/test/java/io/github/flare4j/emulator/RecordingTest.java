package io.github.flare4j.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every request is recorded, in order, with its headers, body and cookies. */
class RecordingTest {

    private final Emulator emulator = Emulator.start();

    @AfterEach
    void close() {
        emulator.close();
    }

    @Test
    void recordsMethodPathHeadersBodyAndCookies() throws Exception {
        String body = PlaygroundRequest.user("héllo wörld").json();

        RawHttp.exchange(emulator.port(), RawHttp.post(emulator.port(), "/api/inference?debug=1", body,
                "Cookie: __cf_bm=abc; _cfuvid=x=y", "X-Trace: one", "x-trace: two"));

        RecordedRequest request = emulator.takeRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/inference?debug=1");
        assertThat(request.body()).isEqualTo(body);
        assertThat(request.header("content-type")).isEqualTo("application/json");
        assertThat(request.header("X-TRACE")).isEqualTo("one");
        assertThat(request.headerValues("x-trace")).containsExactly("one", "two");
        assertThat(request.header("missing")).isNull();
        assertThat(request.headers()).extracting(RecordedRequest.Header::name)
                .containsSubsequence("Host", "Content-Type", "Content-Length", "Cookie");
        assertThat(request.cookies()).containsExactly(
                org.assertj.core.api.Assertions.entry("__cf_bm", "abc"),
                org.assertj.core.api.Assertions.entry("_cfuvid", "x=y"));
        emulator.assertNoUnexpectedRequests();
    }

    @Test
    void cookieSetByOneResponseIsSentBackAndRecorded() throws Exception {
        try (HttpClient client = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/api/inference"))
                    .POST(HttpRequest.BodyPublishers.ofString(PlaygroundRequest.user("hi").json())).build();

            HttpResponse<String> first = client.send(request, HttpResponse.BodyHandlers.ofString());
            client.send(request, HttpResponse.BodyHandlers.ofString());

            String cookie = first.headers().firstValue("set-cookie").orElseThrow();
            String value = cookie.substring("__cf_bm=".length(), cookie.indexOf(';'));
            assertThat(emulator.takeRequest().cookies()).isEmpty();
            assertThat(emulator.takeRequest().cookies()).containsEntry("__cf_bm", value);
            emulator.assertNoUnexpectedRequests();
        }
    }

    @Test
    void keepsHistoryAndCount() throws Exception {
        RawHttp.exchange(emulator.port(), RawHttp.get(emulator.port(), "/api/models"));
        RawHttp.exchange(emulator.port(), RawHttp.get(emulator.port(), "/nowhere"));

        assertThat(emulator.requestCount()).isEqualTo(2);
        assertThat(emulator.requests()).extracting(RecordedRequest::path).containsExactly("/api/models", "/nowhere");
        assertThat(emulator.takeRequest().path()).isEqualTo("/api/models");
        assertThat(emulator.requests()).hasSize(2);
    }

    @Test
    void takeRequestFailsWhenNothingArrives() {
        assertThatThrownBy(() -> emulator.takeRequest(Duration.ofMillis(50)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no request");
    }
}
