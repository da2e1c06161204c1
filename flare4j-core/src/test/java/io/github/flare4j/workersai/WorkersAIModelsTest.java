package io.github.flare4j.workersai;

import static io.github.flare4j.workersai.WorkersAiFixture.rest;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.RecordedRequest;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET .../ai/models/search}: paginated, filtered on the client, cached. */
class WorkersAIModelsTest {
  Emulator emulator;

  @BeforeEach
  void start() {
    emulator = Emulator.start();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void modelsAreTheAccountsTextGenerationModels() {
    List<String> models = rest(emulator).fetchModels();

    assertThat(models).containsExactlyElementsOf(emulator.models());
    RecordedRequest request = emulator.takeRequest();
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.path()).startsWith(
        "/client/v4/accounts/" + emulator.accountId() + "/ai/models/search?");
    assertThat(request.path()).contains("page=1", "per_page=100").doesNotContain("task=");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + emulator.apiToken());
  }

  /** The service answers at most 50 a page whatever was asked: result_info says so. */
  @Test
  void everyPageIsReadWhenTheServiceCapsThePageSize() {
    List<String> many = IntStream.range(0, 150).mapToObj(i -> "@cf/test/model-" + i).toList();
    emulator.models(many);

    List<String> models = rest(emulator).fetchModels();

    assertThat(models).containsExactlyElementsOf(many);
    assertThat(emulator.takeRequest().path()).contains("page=1", "per_page=100");
    assertThat(emulator.takeRequest().path()).contains("page=2");
    assertThat(emulator.takeRequest().path()).contains("page=3");
    assertThat(emulator.requestCount()).isEqualTo(4); // 156 entries with the six of other tasks
  }

  @Test
  void listIsCached() {
    WorkersAI provider = rest(emulator);

    List<String> first = provider.getModels();
    List<String> second = provider.getModels();

    assertThat(second).isEqualTo(first).isNotEmpty();
    assertThat(emulator.requestCount()).isEqualTo(1);
  }

  @Test
  void refusedListFallsBackToTheAliasTargets() {
    WorkersAI wrong = WorkersAI.builder().accountId(emulator.accountId()).apiToken("nope")
        .baseUrl(emulator.baseUrl()).build();

    assertThat(wrong.getModels()).contains(wrong.defaultModel());
  }
}
