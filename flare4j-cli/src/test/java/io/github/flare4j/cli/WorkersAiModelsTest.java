package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.cli.CliRunner.Result;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.Fault;
import io.github.flare4j.emulator.RecordedRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code flare4j models --provider workers-ai} (and {@code openai}) against a real emulator. */
class WorkersAiModelsTest {
  static final List<String> MODELS =
      List.of("@cf/test/first-model", "@hf/test/second-model", "@cf/test/third");

  Emulator emulator;
  String searchPath;

  @BeforeEach
  void startEmulator() {
    emulator = Emulator.builder().models(MODELS).start();
    searchPath = "/client/v4/accounts/" + emulator.accountId() + "/ai/models/search";
  }

  @AfterEach
  void stopEmulator() {
    emulator.close();
  }

  Map<String, String> credentials() {
    return Map.of("CLOUDFLARE_ACCOUNT_ID", emulator.accountId(),
        "CLOUDFLARE_API_TOKEN", emulator.apiToken());
  }

  Result models(Map<String, String> env, String... args) {
    return CliRunner.run("", env,
        CliRunner.args(List.of("models", "--base-url", emulator.baseUrl()), args));
  }

  @Test
  void listsTheAccountsTextModelsOnePerLine() {
    Result result = models(credentials(), "--provider", "workers-ai");

    assertThat(result.exitCode()).as("%s", result).isZero();
    // The emulator lists an embedding and an image model too: only text generation is shown.
    assertThat(result.out()).isEqualTo(String.join("\n", MODELS) + "\n");
    assertThat(result.err()).isEmpty();
    RecordedRequest request = emulator.takeRequest();
    assertThat(request.path()).startsWith(searchPath + "?");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + emulator.apiToken());
  }

  @Test
  void workersAiIsTheDefaultWithBothVariables() {
    Result result = models(credentials());

    assertThat(result.out()).isEqualTo(String.join("\n", MODELS) + "\n");
    assertThat(emulator.takeRequest().path()).startsWith(searchPath + "?");
  }

  @Test
  void openAiListsTheSameModels() {
    Result result = models(credentials(), "--provider", "openai");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo(String.join("\n", MODELS) + "\n");
  }

  @Test
  void aRefusedTokenEndsWithCode3InsteadOfAList() {
    Result result = models(Map.of("CLOUDFLARE_ACCOUNT_ID", emulator.accountId(),
        "CLOUDFLARE_API_TOKEN", "wrong-token"));

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.AUTH);
    assertThat(result.out()).isEmpty();
    assertThat(result.errLines()).singleElement().asString()
        .startsWith("flare4j: ").contains("10000");
  }

  @Test
  void missingCredentialsEndWithCode3() {
    Result result = models(Map.of(), "--provider", "workers-ai");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.AUTH);
    assertThat(result.errLines()).singleElement().asString()
        .contains("CLOUDFLARE_ACCOUNT_ID", "CLOUDFLARE_API_TOKEN", "--api-token-file");
    assertThat(emulator.requestCount()).isZero();
  }

  @Test
  void otherFailuresFallBackToTheBuiltInListWithOneWarning() {
    emulator.enqueueFault(Fault.SERVER_ERROR, searchPath);

    Result result = models(credentials(), "--provider", "workers-ai");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.errLines()).singleElement().asString()
        .startsWith("flare4j: warning: cannot fetch the model list, showing the built-in one: ");
    List<String> ids = result.out().lines().toList();
    assertThat(ids).first().isEqualTo(WorkersAiChatTest.DEFAULT_MODEL);
    assertThat(ids).doesNotHaveDuplicates().doesNotContain(MODELS.getFirst());
  }
}
