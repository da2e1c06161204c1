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
  /** The embedding models the emulator lists among them, as the command shows them. */
  static final String EMBEDDINGS = String.join("\n",
      "@cf/baai/bge-base-en-v1.5  aliases: bge-base-en-v1.5  task: Text Embeddings  context: 512",
      "@cf/baai/bge-large-en-v1.5  aliases: bge-large-en-v1.5  task: Text Embeddings  context: 512",
      "@cf/baai/bge-m3  aliases: bge-m3  task: Text Embeddings  context: 8192",
      "@cf/baai/bge-small-en-v1.5  aliases: bge-small-en-v1.5  task: Text Embeddings  context: 512",
      "@cf/google/embeddinggemma-300m  aliases: embeddinggemma-300m  task: Text Embeddings"
          + "  context: 2048") + "\n";
  /** What the command prints for the emulator's list: the first two models, the embedding
   * models listed after them, the third; the image model is not shown. */
  static final String LISTED = MODELS.get(0) + "\n" + MODELS.get(1) + "\n" + EMBEDDINGS
      + MODELS.get(2) + "\n";

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
    // The emulator lists embedding models and an image model too: the image model is not shown.
    assertThat(result.out()).isEqualTo(LISTED);
    assertThat(result.err()).isEmpty();
    RecordedRequest request = emulator.takeRequest();
    assertThat(request.path()).startsWith(searchPath + "?");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + emulator.apiToken());
  }

  @Test
  void workersAiIsTheDefaultWithBothVariables() {
    Result result = models(credentials());

    assertThat(result.out()).isEqualTo(LISTED);
    assertThat(emulator.takeRequest().path()).startsWith(searchPath + "?");
  }

  @Test
  void openAiListsTheSameModels() {
    Result result = models(credentials(), "--provider", "openai");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo(LISTED);
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
    List<String> ids = result.out().lines().map(line -> line.split(" ")[0]).toList();
    assertThat(ids).first().isEqualTo(WorkersAiChatTest.DEFAULT_MODEL);
    assertThat(ids).doesNotHaveDuplicates().doesNotContain(MODELS.getFirst());
  }
}
