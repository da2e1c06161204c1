package io.github.flare4j.workersai;

import static io.github.flare4j.workersai.WorkersAiFixture.openAi;
import static io.github.flare4j.workersai.WorkersAiFixture.rest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.CallListener;
import io.github.flare4j.CallOptions;
import io.github.flare4j.EmbeddingRequest;
import io.github.flare4j.EmbeddingResult;
import io.github.flare4j.Usage;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.Fault;
import io.github.flare4j.emulator.RecordedRequest;
import io.github.flare4j.error.ModelNotFoundException;
import io.github.flare4j.error.StreamProtocolException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingDeque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link WorkersAI#embed} and {@link WorkersAIOpenAI#embed} against the emulator's embedding routes. */
class WorkersAiEmbeddingsTest {
  Emulator emulator;
  String ai;

  @BeforeEach
  void start() {
    emulator = Emulator.start();
    ai = "/client/v4/accounts/" + emulator.accountId() + "/ai";
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void restEmbedsEachInputWithTheModelsDimension() {
    EmbeddingResult result = rest(emulator).embed(EmbeddingRequest.builder()
        .model("bge-small-en-v1.5").input("a cat").input("a dog").build());

    assertThat(result.size()).isEqualTo(2);
    assertThat(result.dimensions()).isEqualTo(384);
    assertThat(result.vector(0)).isNotEqualTo(result.vector(1));
    assertThat(result.model()).isEqualTo("@cf/baai/bge-small-en-v1.5");
    assertThat(result.usage()).isEmpty();
    RecordedRequest request = emulator.takeRequest();
    assertThat(request.path()).isEqualTo(ai + "/run/@cf/baai/bge-small-en-v1.5");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + emulator.apiToken());
    assertThat(request.body()).isEqualTo("{\"text\":[\"a cat\",\"a dog\"]}");
  }

  @Test
  void noModelMeansBgeBase() {
    EmbeddingResult result = rest(emulator).embed(EmbeddingRequest.of("hello"));

    assertThat(result.dimensions()).isEqualTo(768);
    assertThat(emulator.takeRequest().path()).isEqualTo(ai + "/run/@cf/baai/bge-base-en-v1.5");
  }

  @Test
  void openAiEmbedsAndReadsTheModelAndUsage() {
    LinkedBlockingDeque<Optional<Usage>> ended = new LinkedBlockingDeque<>();
    CallOptions call = CallOptions.builder().listener(new CallListener() {
      @Override
      public void callEnd(Optional<Usage> usage, Duration sinceStart) {
        ended.add(usage);
      }
    }).build();

    EmbeddingResult result = openAi(emulator).embed(EmbeddingRequest.builder().model("bge-m3")
        .inputs(List.of("hello big world", "x")).build(), call);

    assertThat(result.size()).isEqualTo(2);
    assertThat(result.dimensions()).isEqualTo(1024);
    assertThat(result.model()).isEqualTo("@cf/baai/bge-m3");
    assertThat(result.usage()).contains(new Usage(4, 0, 4));
    assertThat(ended).containsExactly(Optional.of(new Usage(4, 0, 4)));
    RecordedRequest request = emulator.takeRequest();
    assertThat(request.path()).isEqualTo(ai + "/v1/embeddings");
    assertThat(request.body())
        .isEqualTo("{\"model\":\"@cf/baai/bge-m3\",\"input\":[\"hello big world\",\"x\"]}");
  }

  @Test
  void bothRoutesReadTheSameNumbers() {
    EmbeddingRequest request = EmbeddingRequest.builder().model("embeddinggemma-300m")
        .input("same text").build();

    float[] viaRest = rest(emulator).embed(request).vector(0);
    float[] viaOpenAi = openAi(emulator).embed(request).vector(0);

    assertThat(viaRest).hasSize(768).isEqualTo(viaOpenAi);
  }

  @Test
  void a503IsRetriedBeforeTheResult() {
    emulator.enqueueFault(Fault.SERVICE_UNAVAILABLE, ai + "/run/@cf/baai/bge-base-en-v1.5");

    EmbeddingResult result = rest(emulator).embed(EmbeddingRequest.of("again"));

    assertThat(result.dimensions()).isEqualTo(768);
    assertThat(emulator.requestCount()).isEqualTo(2);
  }

  @Test
  void aModelTheServiceDoesNotKnowIsModelNotFoundWithCode5007() {
    EmbeddingRequest request = EmbeddingRequest.builder().model("@cf/baai/bge-nope").input("a")
        .build();

    assertThatThrownBy(() -> openAi(emulator).embed(request))
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessageContaining("@cf/baai/bge-nope");
    assertThatThrownBy(() -> rest(emulator).embed(request))
        .isInstanceOfSatisfying(ModelNotFoundException.class,
            e -> assertThat(e.serviceError()).hasValueSatisfying(
                error -> assertThat(error.code()).isEqualTo(5007)));
  }

  @Test
  void aShortNameThatIsNoEmbeddingModelIsRefusedBeforeSending() {
    EmbeddingRequest request = EmbeddingRequest.builder().model("bge-tiny").input("a").build();

    assertThatThrownBy(() -> rest(emulator).embed(request))
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessageContaining("bge-tiny");
    assertThat(emulator.requestCount()).isZero();
  }

  @Test
  void anUnrecognisedDocumentIsAProtocolErrorQuotingIt() {
    emulator.enqueueFault(Fault.UNRECOGNISED_JSON, ai + "/v1/embeddings");

    assertThatThrownBy(() -> openAi(emulator).embed(EmbeddingRequest.of("a")))
        .isInstanceOf(StreamProtocolException.class)
        .hasMessageContaining("no embedding reply")
        .hasMessageContaining("{\"foo\":1}");
  }

  @Test
  void aMalformedDocumentIsAProtocolError() {
    emulator.enqueueFault(Fault.MALFORMED_LINE, ai + "/run/@cf/baai/bge-base-en-v1.5");

    assertThatThrownBy(() -> rest(emulator).embed(EmbeddingRequest.of("a")))
        .isInstanceOf(StreamProtocolException.class)
        .hasMessageContaining("malformed embedding reply");
  }

  @Test
  void theResultHandsOutCopies() {
    EmbeddingResult result = rest(emulator).embed(EmbeddingRequest.of("a"));
    float first = result.vector(0)[0];

    result.vector(0)[0] = 42f;
    result.vectors().get(0)[0] = 42f;

    assertThat(result.vector(0)[0]).isEqualTo(first);
    assertThatThrownBy(() -> result.vectors().add(new float[768]))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void throughAiGatewayBothRoutesEmbed() {
    AiGateway gateway = AiGateway.builder(emulator.accountId(), "my-gateway")
        .baseUrl(emulator.baseUrl()).build();
    EmbeddingRequest request = EmbeddingRequest.builder().model("bge-m3").input("a").build();

    EmbeddingResult viaRest = WorkersAI.builder().apiToken(emulator.apiToken()).gateway(gateway)
        .timeouts(WorkersAiFixture.TEST_TIMEOUTS).build().embed(request);
    EmbeddingResult viaOpenAi = WorkersAIOpenAI.builder().apiToken(emulator.apiToken())
        .gateway(gateway).timeouts(WorkersAiFixture.TEST_TIMEOUTS).build().embed(request);

    assertThat(viaRest.vector(0)).hasSize(1024).isEqualTo(viaOpenAi.vector(0));
    String prefix = "/v1/" + emulator.accountId() + "/my-gateway/workers-ai/";
    assertThat(emulator.takeRequest().path()).isEqualTo(prefix + "@cf/baai/bge-m3");
    assertThat(emulator.takeRequest().path()).isEqualTo(prefix + "v1/embeddings");
  }

  @Test
  void aRequestNeedsAnInputAndNoNull() {
    assertThatThrownBy(() -> EmbeddingRequest.builder().model("bge-m3").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one input");
    assertThatThrownBy(() -> EmbeddingRequest.builder().input(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> EmbeddingRequest.of("a", null))
        .isInstanceOf(NullPointerException.class);
  }
}
