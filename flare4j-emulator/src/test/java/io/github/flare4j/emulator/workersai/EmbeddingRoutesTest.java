package io.github.flare4j.emulator.workersai;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.emulator.Fault;
import io.github.flare4j.emulator.RecordedRequest;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The embedding routes' bytes: the REST API's v4 envelope and the OpenAI-compatible list. */
class EmbeddingRoutesTest extends RouteTestBase {
    private static final Pattern VECTOR = Pattern.compile("\\[(-?[0-9][-0-9.E,]*)\\]");

    private String embeddings() {
        return ai("v1/embeddings");
    }

    /** The numbers of each vector in a body, in order. */
    private static double[][] vectors(String body) {
        Matcher matcher = VECTOR.matcher(body);
        return matcher.results()
                .map(found -> Arrays.stream(found.group(1).split(",")).mapToDouble(Double::parseDouble).toArray())
                .toArray(double[][]::new);
    }

    @Test
    void restEmbeddingIsTheV4EnvelopeWithShapeAndData() {
        Raw.Response response = Raw.post(emulator.port(), run("@cf/baai/bge-small-en-v1.5"),
                "{\"text\":[\"a cat\",\"a dog\"]}", bearer);

        assertThat(response.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(response.header("content-type")).isEqualTo("application/json");
        assertThat(response.body()).startsWith("{\"result\":{\"shape\":[2,384],\"data\":[[")
                .endsWith("]],\"pooling\":\"cls\"},\"success\":true,\"errors\":[],\"messages\":[]}");
        double[][] vectors = vectors(response.body().substring(response.body().indexOf("\"data\"")));
        assertThat(vectors).hasNumberOfRows(2);
        assertThat(vectors[0]).hasSize(384);
        assertThat(vectors[1]).hasSize(384);
        assertThat(vectors[0]).isNotEqualTo(vectors[1]);
        assertThat(Arrays.stream(vectors[0]).map(x -> x * x).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void restTakesOneStringAndAnswersTheSameVectorForTheSameText() {
        String first = Raw.post(emulator.port(), run("@cf/baai/bge-m3"), "{\"text\":\"hello\"}", bearer).body();
        String again = Raw.post(emulator.port(), run("@cf/baai/bge-m3"), "{\"text\":[\"hello\"]}", bearer).body();

        assertThat(first).startsWith("{\"result\":{\"shape\":[1,1024],\"data\":[[").isEqualTo(again);
        assertThat(vectors(first.substring(first.indexOf("\"data\"")))[0]).hasSize(1024);
    }

    @Test
    void openAiEmbeddingIsTheListObjectWithUsage() {
        Raw.Response response = Raw.post(emulator.port(), embeddings(),
                "{\"model\":\"@cf/baai/bge-base-en-v1.5\",\"input\":[\"hello big world\",\"x\"]}", bearer);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).isEqualTo("application/json");
        assertThat(response.body()).startsWith("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
                        + "\"embedding\":[")
                .contains("]},{\"object\":\"embedding\",\"index\":1,\"embedding\":[")
                .endsWith("]}],\"model\":\"@cf/baai/bge-base-en-v1.5\","
                        + "\"usage\":{\"prompt_tokens\":4,\"total_tokens\":4}}");
        double[][] vectors = vectors(response.body());
        assertThat(vectors).hasNumberOfRows(2);
        assertThat(vectors[0]).hasSize(768);
    }

    @Test
    void bothRoutesGiveTheSameVectorsForTheSameModelAndText() {
        String rest = Raw.post(emulator.port(), run("@cf/google/embeddinggemma-300m"), "{\"text\":[\"same\"]}",
                bearer).body();
        String openAi = Raw.post(emulator.port(), embeddings(),
                "{\"model\":\"@cf/google/embeddinggemma-300m\",\"input\":\"same\"}", bearer).body();

        assertThat(vectors(rest.substring(rest.indexOf("\"data\"")))[0]).hasSize(768)
                .isEqualTo(vectors(openAi)[0]);
    }

    @Test
    void anUnknownModelIs5007OnBothRoutes() {
        String expected = "{\"result\":null,\"success\":false,\"errors\":[{\"code\":5007,"
                + "\"message\":\"No such model @cf/baai/bge-nope or task\"}],\"messages\":[]}";

        Raw.Response rest = Raw.post(emulator.port(), run("@cf/baai/bge-nope"), "{\"text\":[\"a\"]}", bearer);
        Raw.Response openAi = Raw.post(emulator.port(), embeddings(),
                "{\"model\":\"@cf/baai/bge-nope\",\"input\":[\"a\"]}", bearer);

        assertThat(rest.statusLine()).isEqualTo("HTTP/1.1 400 Bad Request");
        assertThat(rest.body()).isEqualTo(expected);
        assertThat(openAi.status()).isEqualTo(400);
        assertThat(openAi.body()).isEqualTo(expected);
    }

    @Test
    void aBodyWithoutInputsIs5006() {
        Raw.Response response = Raw.post(emulator.port(), embeddings(), "{\"model\":\"@cf/baai/bge-m3\"}", bearer);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("\"code\":5006").contains("'input'");
    }

    @Test
    void theAccountAndTokenAreChecked() {
        Raw.Response noToken = Raw.post(emulator.port(), embeddings(),
                "{\"model\":\"@cf/baai/bge-m3\",\"input\":[\"a\"]}");
        Raw.Response otherAccount = Raw.post(emulator.port(),
                "/client/v4/accounts/ffffffffffffffffffffffffffffffff/ai/run/@cf/baai/bge-m3", "{\"text\":[\"a\"]}",
                bearer);

        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.body()).contains("\"code\":10000");
        assertThat(otherAccount.status()).isEqualTo(403);
        assertThat(otherAccount.body()).contains("\"code\":10000");
    }

    @Test
    void theRequestIsRecordedAndStatusFaultsApply() {
        emulator.enqueueFault(Fault.SERVICE_UNAVAILABLE, embeddings());
        String body = "{\"model\":\"@cf/baai/bge-m3\",\"input\":[\"a\"]}";

        Raw.Response failed = Raw.post(emulator.port(), embeddings(), body, bearer);
        Raw.Response answered = Raw.post(emulator.port(), embeddings(), body, bearer);

        assertThat(failed.status()).isEqualTo(503);
        assertThat(answered.status()).isEqualTo(200);
        RecordedRequest recorded = emulator.takeRequest();
        assertThat(recorded.method()).isEqualTo("POST");
        assertThat(recorded.path()).isEqualTo(embeddings());
        assertThat(recorded.body()).isEqualTo(body);
        assertThat(emulator.takeRequest().body()).isEqualTo(body); // the retry, answered
        emulator.assertNoUnexpectedRequests();
    }
}
