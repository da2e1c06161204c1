package io.github.flare4j.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/models} and routing, through {@link HttpClient}. */
class ModelsRouteTest {

    private final Emulator emulator = Emulator.start();
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        client.close();
        emulator.close();
    }

    @Test
    void listsRealisticModelsAsJson() throws Exception {
        HttpResponse<String> response = get("/api/models");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.headers().firstValue("set-cookie")).hasValueSatisfying(
                cookie -> assertThat(cookie).matches("_cfuvid=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=None"));
        assertThat(response.body()).startsWith("{\"models\":[{\"id\":\"").endsWith("}]}");
        assertThat(emulator.models()).hasSizeGreaterThanOrEqualTo(15).contains(
                "@cf/meta/llama-3.3-70b-instruct-fp8-fast",
                "@cf/meta/llama-3.1-8b-instruct-fp8",
                "@cf/qwen/qwq-32b",
                "@cf/deepseek-ai/deepseek-r1-distill-qwen-32b",
                "@cf/google/gemma-3-12b-it",
                "@cf/moonshotai/kimi-k2.6",
                "@cf/openai/gpt-oss-120b")
                .doesNotContain("@hf/thebloke/deepseek-coder-6.7b-base-awq"); // retired in 2026
        for (String id : emulator.models()) {
            assertThat(response.body()).contains("\"name\":\"" + id + "\",\"description\":\"");
        }
        assertThat(response.body()).contains("\"task\":{\"id\":\"c329a1f9-323d-4e91-b2aa-582dd4188d34\",\"name\":\"Text Generation\"");
    }

    @Test
    void listCanBeReplaced() throws Exception {
        emulator.models(List.of("@cf/test/one", "@hf/test/two"));

        String body = get("/api/models").body();

        assertThat(body).contains("\"name\":\"@cf/test/one\"", "\"name\":\"@hf/test/two\"").doesNotContain("llama");
        assertThat(body.split("\"source\":1")).hasSize(3);
        assertThat(emulator.takeRequest().path()).isEqualTo("/api/models");
        emulator.assertNoUnexpectedRequests();
    }

    @Test
    void otherPathsAreNotFoundAndOtherMethodsNotAllowed() throws Exception {
        HttpResponse<String> missing = get("/api/nope");
        HttpResponse<String> prefixed = get("/v1/api/models");
        HttpResponse<String> getInference = get("/api/inference");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"error\":\"Not Found\"}");
        assertThat(prefixed.statusCode()).isEqualTo(404);
        assertThat(getInference.statusCode()).isEqualTo(405);
        assertThat(getInference.headers().firstValue("allow")).hasValue("POST");
        assertThat(emulator.takeRemainingRequests()).extracting(RecordedRequest::path)
                .containsExactly("/api/nope", "/v1/api/models", "/api/inference");
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
