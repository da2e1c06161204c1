package io.github.flare4j.workersai;

import static io.github.flare4j.workersai.WorkersAiFixture.MODEL;
import static io.github.flare4j.workersai.WorkersAiFixture.TEST_TIMEOUTS;
import static io.github.flare4j.workersai.WorkersAiFixture.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.ChatStream;
import io.github.flare4j.ResponseInfo;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.RecordedRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Both providers through AI Gateway: its URLs, its request headers, its response headers. */
class AiGatewayTest {
  Emulator emulator;

  @BeforeEach
  void start() {
    emulator = Emulator.start();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private AiGateway.Builder gateway() {
    return AiGateway.builder(emulator.accountId(), "my-gateway").baseUrl(emulator.baseUrl());
  }

  private WorkersAI rest(AiGateway gateway) {
    return WorkersAI.builder().apiToken(emulator.apiToken()).gateway(gateway)
        .timeouts(TEST_TIMEOUTS).build();
  }

  private static ResponseInfo collect(ChatStream stream) {
    try (stream) {
      stream.collect();
      return stream.responseInfo().orElseThrow();
    }
  }

  @Test
  void restRequestGoesThroughTheGatewayWithItsHeaders() {
    AiGateway gateway = gateway().authorization("gw-secret").cacheTtl(Duration.ofMinutes(1))
        .metadata("user", "alice").metadata("n", 3).metadata("beta", true).build();

    ResponseInfo info = collect(rest(gateway).stream(ask("Hello")));

    RecordedRequest request = emulator.takeRequest();
    assertThat(request.path())
        .isEqualTo("/v1/" + emulator.accountId() + "/my-gateway/workers-ai/" + MODEL);
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + emulator.apiToken());
    assertThat(request.header("cf-aig-authorization")).isEqualTo("Bearer gw-secret");
    assertThat(request.header("cf-aig-cache-ttl")).isEqualTo("60");
    assertThat(request.header("cf-aig-metadata")).isEqualTo("{\"user\":\"alice\",\"n\":3,\"beta\":true}");
    assertThat(request.header("cf-aig-skip-cache")).isNull();
    assertThat(info.header(AiGateway.CACHE_STATUS_HEADER)).hasValue("MISS");
    assertThat(info.header(AiGateway.LOG_ID_HEADER)).hasValueSatisfying(id -> assertThat(id).hasSize(26));
  }

  @Test
  void repeatedRequestIsACacheHitUnlessSkipped() {
    WorkersAI provider = rest(gateway().build());
    WorkersAI skipping = rest(gateway().skipCache(true).build());

    assertThat(collect(provider.stream(ask("Hello"))).header(AiGateway.CACHE_STATUS_HEADER))
        .hasValue("MISS");
    assertThat(collect(provider.stream(ask("Hello"))).header(AiGateway.CACHE_STATUS_HEADER))
        .hasValue("HIT");
    assertThat(collect(skipping.stream(ask("Hello"))).header(AiGateway.CACHE_STATUS_HEADER))
        .hasValue("MISS");
    emulator.takeRequest();
    emulator.takeRequest();
    assertThat(emulator.takeRequest().header("cf-aig-skip-cache")).isEqualTo("true");
  }

  @Test
  void openAiRequestGoesToTheGatewaysChatCompletions() {
    WorkersAIOpenAI provider = WorkersAIOpenAI.builder().apiToken(emulator.apiToken())
        .gateway(gateway().build()).timeouts(TEST_TIMEOUTS).build();

    ResponseInfo info = collect(provider.stream(ask("Hello")));

    assertThat(emulator.takeRequest().path())
        .isEqualTo("/v1/" + emulator.accountId() + "/my-gateway/workers-ai/v1/chat/completions");
    assertThat(info.header(AiGateway.CACHE_STATUS_HEADER)).hasValue("MISS");
  }

  @Test
  void modelListIsStillAskedOfTheApi() {
    WorkersAI provider = WorkersAI.builder().apiToken(emulator.apiToken())
        .baseUrl(emulator.baseUrl()).gateway(gateway().build()).build();

    assertThat(provider.fetchModels()).isNotEmpty();
    assertThat(emulator.takeRequest().path())
        .startsWith("/client/v4/accounts/" + emulator.accountId() + "/ai/models/search");
  }

  @Test
  void defaultUrlsAreCloudflares() {
    AiGateway gateway = AiGateway.parse("acc/gw");

    assertThat(gateway.runUrl("@cf/meta/llama-3.1-8b-instruct").toString()).isEqualTo(
        "https://gateway.ai.cloudflare.com/v1/acc/gw/workers-ai/@cf/meta/llama-3.1-8b-instruct");
    assertThat(gateway.chatCompletionsUrl().toString()).isEqualTo(
        "https://gateway.ai.cloudflare.com/v1/acc/gw/workers-ai/v1/chat/completions");
  }

  @Test
  void toStringHidesTheAuthorizationToken() {
    AiGateway gateway = AiGateway.builder("acc", "gw").authorization("gw-secret").build();

    assertThat(gateway.toString()).doesNotContain("gw-secret").contains("***");
  }

  @Test
  void badGatewaysAreRefused() {
    assertThatThrownBy(() -> AiGateway.parse("only-one-part"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ACCOUNT_ID/GATEWAY_ID");
    assertThatThrownBy(() -> {
      AiGateway.Builder builder = AiGateway.builder("acc", "gw");
      for (int i = 0; i < 6; i++) {
        builder.metadata("k" + i, i);
      }
      builder.build();
    }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 5");
  }
}
