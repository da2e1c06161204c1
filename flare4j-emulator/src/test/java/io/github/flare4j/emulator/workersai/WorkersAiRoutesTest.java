package io.github.flare4j.emulator.workersai;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.emulator.Emulator;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Workers AI routes' bytes, against the reference samples where there is one. */
class WorkersAiRoutesTest extends RouteTestBase {

    private static final String MODEL = "@cf/meta/llama-3.1-8b-instruct-fp8";
    private static final String HELLO = "{\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]";

    private String chat() {
        return ai("v1/chat/completions");
    }

    @Test
    void defaultsAreDocumented() {
        assertThat(emulator.accountId()).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(emulator.apiToken()).isEqualTo("test-token");
    }

    @Test
    void wrongTokenGetsTheAuthSampleByteForByte() {
        Raw.Response response = Raw.post(emulator.port(), run(MODEL), HELLO + "}", "Authorization: Bearer nope");

        assertThat(response.statusLine()).isEqualTo("HTTP/1.1 403 Forbidden");
        assertThat(response.body()).isEqualTo(Raw.sampleBody("workers-ai-error-auth.http"));
        assertThat(response.headerNames()).containsSubsequence("content-type", "Date");
        assertThat(response.header("content-type")).isEqualTo("application/json");
    }

    @Test
    void missingTokenIs401WithCode10000() {
        Raw.Response response = Raw.post(emulator.port(), run(MODEL), HELLO + "}");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(Raw.sampleBody("workers-ai-error-auth.http"));
    }

    @Test
    void unknownModelGetsTheModelSampleByteForByte() {
        Raw.Response response = Raw.post(emulator.port(), run("@cf/nope/none"), HELLO + "}", bearer);

        assertThat(response.statusLine()).isEqualTo("HTTP/1.1 400 Bad Request");
        assertThat(response.body()).isEqualTo(Raw.sampleBody("workers-ai-error-model.http"));
    }

    @Test
    void restStreamIsFramedLikeTheSample() {
        Raw.Response response = Raw.post(emulator.port(), run(MODEL), HELLO + ",\"stream\":true}", bearer);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headerNames()).containsSubsequence("content-type", "cache-control", "Date");
        assertThat(response.header("content-type")).isEqualTo("text/event-stream");
        assertThat(response.header("Transfer-Encoding")).isEqualTo("chunked");
        String sample = Raw.sampleBody("workers-ai-run-stream.http");
        assertThat(shape(response.body())).isEqualTo(shape(sample));
        assertThat(response.body()).startsWith("data: {\"response\":\"Hello! \",\"p\":\"")
                .endsWith("\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":12,\"total_tokens\":13}}\n\n"
                        + "data: [DONE]\n\n");
    }

    @Test
    void restJsonIsTheV4Envelope() {
        Raw.Response response = Raw.post(emulator.port(), run(MODEL), HELLO + "}", bearer);

        assertThat(response.body()).isEqualTo("{\"result\":{\"response\":\"Hello! I am the flare4j emulator. How can I"
                + " help you today?\",\"tool_calls\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":12,"
                + "\"total_tokens\":13}},\"success\":true,\"errors\":[],\"messages\":[]}");
        assertThat(response.headerNames()).containsSubsequence("content-type", "Date");
    }

    @Test
    void openAiStreamIsFramedLikeTheSample() {
        Raw.Response response = Raw.post(emulator.port(), chat(),
                "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}],"
                        + "\"stream\":true,\"stream_options\":{\"include_usage\":true}}", bearer);

        String body = response.body();
        String first = body.substring(0, body.indexOf("\n\n") + 2);
        assertThat(first).matches("data: \\{\"id\":\"chatcmpl-[A-Za-z0-9]{24}\",\"object\":\"chat.completion.chunk\","
                + "\"created\":\\d+,\"model\":\"" + Pattern.quote(MODEL) + "\",\"choices\":\\[\\{\"index\":0,"
                + "\"delta\":\\{\"role\":\"assistant\",\"content\":\"\"\\},\"logprobs\":null,\"finish_reason\":null\\}\\],"
                + "\"usage\":null\\}\n\n");
        assertThat(body).contains("\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null}\n\n")
                .contains("\"choices\":[],\"usage\":{\"prompt_tokens\":1,")
                .endsWith("data: [DONE]\n\n");
    }

    @Test
    void openAiStreamWithoutIncludeUsageHasNoUsageChunk() {
        Raw.Response response = Raw.post(emulator.port(), chat(),
                "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}],\"stream\":true}",
                bearer);

        assertThat(response.body()).doesNotContain("\"choices\":[]");
    }

    @Test
    void toolCallIsStreamedInPiecesByIndex() {
        Raw.Response response = Raw.post(emulator.port(), run(MODEL),
                "{\"messages\":[{\"role\":\"user\",\"content\":\"weather in Paris?\"}],\"stream\":true,"
                        + "\"tools\":[{\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\"}}]}", bearer);

        assertThat(response.body()).contains(
                "\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":"
                        + "\"get_weather\",\"arguments\":\"{\\\"city\\\":\"}}]",
                "\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]");
    }

    /** workers-ai-provider documents and skips this piece, so a client must not take it for a call. */
    @Test
    void restToolCallEndsWithTheClosingNullPieceBeforeTheUsage() {
        Raw.Response response = Raw.post(emulator.port(), run(MODEL),
                "{\"messages\":[{\"role\":\"user\",\"content\":\"weather in Paris?\"}],\"stream\":true,"
                        + "\"tools\":[{\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\"}}]}", bearer);

        String body = response.body();
        int closing = body.indexOf("\"tool_calls\":[{\"id\":null,\"type\":null,\"function\":{\"name\":null}}]");
        assertThat(closing).isGreaterThan(body.indexOf("\\\"Paris\\\"}"));
        assertThat(body.indexOf("\"usage\"")).isGreaterThan(closing);
    }

    @Test
    void openAiToolCallHasNoClosingNullPiece() {
        Raw.Response response = Raw.post(emulator.port(), chat(),
                "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"weather in Paris?\"}],"
                        + "\"stream\":true,\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}]}",
                bearer);

        assertThat(response.body()).contains("get_weather").doesNotContain("\"id\":null");
    }

    @Test
    void badBodyIs5006() {
        Raw.Response response = Raw.post(emulator.port(), run(MODEL), "{\"nothing\":1}", bearer);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).startsWith("{\"result\":null,\"success\":false,\"errors\":[{\"code\":5006,");
    }

    @Test
    void aPaidOnlyModelOnTheFreePlanIs403With5035OnBothRoutes() {
        String paid = "@cf/zai-org/glm-5.2";
        Raw.Response rest = Raw.post(emulator.port(), run(paid), "{\"prompt\":\"hi\"}", bearer);
        Raw.Response openAi = Raw.post(emulator.port(), chat(),
                "{\"model\":\"" + paid + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", bearer);
        emulator.workersPaid(true);
        Raw.Response onPaid = Raw.post(emulator.port(), run(paid), "{\"prompt\":\"hi\"}", bearer);

        assertThat(rest.status()).isEqualTo(403);
        assertThat(rest.body()).startsWith("{\"result\":null,\"success\":false,\"errors\":[{\"code\":5035,");
        assertThat(openAi.status()).isEqualTo(403);
        assertThat(openAi.body()).contains("\"code\":5035");
        assertThat(onPaid.status()).isEqualTo(200);
    }

    @Test
    void aBusyModelRefusesOnlyARequestThatAsksNotToWait() {
        emulator.busy(true);
        Raw.Response rejecting = Raw.post(emulator.port(), run(MODEL),
                "{\"prompt\":\"hi\",\"options\":{\"rejectIfBusy\":true}}", bearer);
        Raw.Response waiting = Raw.post(emulator.port(), run(MODEL), "{\"prompt\":\"hi\"}", bearer);

        assertThat(rejecting.status()).isEqualTo(429);
        assertThat(rejecting.body()).contains("\"code\":3040", "Capacity temporarily exceeded");
        assertThat(waiting.status()).isEqualTo(200);
        assertThat(emulator.requests().getFirst().body()).contains("\"rejectIfBusy\":true");
    }

    @Test
    void injectedErrorCodeHasItsStatus() {
        Raw.Response response = Raw.post(emulator.port(), run(MODEL), HELLO + "}", bearer,
                WorkersAiRoutes.ERROR_HEADER + ": 3040");

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.header("Retry-After")).isEqualTo("7");
        assertThat(response.body()).contains("\"code\":3040");
    }

    @Test
    void wrongMethodIs405() {
        assertThat(Raw.get(emulator.port(), run(MODEL), bearer).status()).isEqualTo(405);
    }

    @Test
    void modelSearchIsPaginatedAndListsOtherTasksToo() {
        String path = "/client/v4/accounts/" + emulator.accountId() + "/ai/models/search";
        Raw.Response first = Raw.get(emulator.port(), path + "?task=Text%20Generation&page=1&per_page=5", bearer);
        Raw.Response last = Raw.get(emulator.port(), path + "?page=6&per_page=5", bearer);

        assertThat(first.body()).startsWith("{\"result\":[{\"id\":\"")
                .contains("\"name\":\"Text Embeddings\"", "\"name\":\"Text-to-Image\"")
                .contains("\"properties\":[{\"property_id\":\"context_window\",\"value\":\"24000\"},"
                        + "{\"property_id\":\"function_calling\",\"value\":\"true\"}")
                .endsWith("\"result_info\":{\"count\":5,\"page\":1,\"per_page\":5,\"total_count\":30}}");
        assertThat(last.body()).endsWith("\"result_info\":{\"count\":5,\"page\":6,\"per_page\":5,\"total_count\":30}}");
    }

    @Test
    void modelSearchCapsThePageSizeAndSaysSo() {
        emulator.models(java.util.stream.IntStream.range(0, 120).mapToObj(i -> "@cf/test/model-" + i).toList());
        String path = "/client/v4/accounts/" + emulator.accountId() + "/ai/models/search";

        Raw.Response page = Raw.get(emulator.port(), path + "?page=1&per_page=100", bearer);

        assertThat(page.body()).endsWith("\"result_info\":{\"count\":" + ModelSearch.MAX_PER_PAGE + ",\"page\":1,\"per_page\":"
                + ModelSearch.MAX_PER_PAGE + ",\"total_count\":126}}");
    }

    @Test
    void gatewayAnswersWithItsHeadersAndRecordsTheRequests() {
        String path = "/v1/" + emulator.accountId() + "/gw/workers-ai/" + MODEL;
        Raw.Response first = Raw.post(emulator.port(), path, HELLO + "}", bearer, "cf-aig-metadata: {\"a\":1}");
        Raw.Response second = Raw.post(emulator.port(), path, HELLO + "}", bearer);

        assertThat(first.header(WorkersAiRoutes.CACHE_STATUS_HEADER)).isEqualTo("MISS");
        assertThat(second.header(WorkersAiRoutes.CACHE_STATUS_HEADER)).isEqualTo("HIT");
        assertThat(first.header(WorkersAiRoutes.LOG_ID_HEADER)).matches("[0-9A-Z]{26}");
        assertThat(emulator.takeRequest().header("cf-aig-metadata")).isEqualTo("{\"a\":1}");
    }

    @Test
    void gatewayChecksTheTokenToo() {
        Raw.Response response = Raw.post(emulator.port(), "/v1/" + emulator.accountId() + "/gw/workers-ai/v1/chat/completions",
                "{\"model\":\"" + MODEL + "\"," + HELLO.substring(1) + "}");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header(WorkersAiRoutes.LOG_ID_HEADER)).isNotNull();
    }

    @Test
    void configuredAccountAndTokenAreTheOnesAccepted() {
        try (Emulator custom = Emulator.builder().accountId("acc").apiToken("secret").start()) {
            String path = "/client/v4/accounts/acc/ai/run/" + MODEL;
            assertThat(Raw.post(custom.port(), path, HELLO + "}", "Authorization: Bearer secret").status())
                    .isEqualTo(200);
            assertThat(Raw.post(custom.port(), path, HELLO + "}", bearer).status()).isEqualTo(403);
        }
    }

    /** Each line named by its kind (token event, usage event, [DONE], blank), repeats removed. */
    private static List<String> shape(String body) {
        assertThat(body).matches("(data: [^\n]*\n\n)+");
        return body.lines()
                .map(line -> {
                    if (line.matches("data: \\{\"response\":\"(?:[^\"\\\\]|\\\\.)*\",\"p\":\"[A-Za-z0-9]+\"\\}")) {
                        return "token";
                    }
                    if (line.matches("data: \\{\"response\":\"\",\"usage\":\\{\"prompt_tokens\":\\d+,"
                            + "\"completion_tokens\":\\d+,\"total_tokens\":\\d+\\}\\}")) {
                        return "usage";
                    }
                    return line;
                })
                .distinct()
                .toList();
    }
}
