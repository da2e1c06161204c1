package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.cli.CliRunner.Result;
import io.github.flare4j.emulator.AgentFault;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.RecordedRequest;
import io.github.flare4j.emulator.Fault;
import io.github.flare4j.emulator.proxy.TestProxy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flare4j models} against a real emulator, in-process. */
class ModelsCommandTest {
  static final String DEFAULT_MODEL = "@cf/meta/llama-3.3-70b-instruct-fp8-fast";

  @TempDir
  Path cacheDir;

  Emulator emulator;

  @BeforeEach
  void startEmulator() {
    emulator = Emulator.builder()
        .models(List.of("@cf/test/first-model", "@hf/test/second-model", "@cf/test/third"))
        .start();
  }

  @AfterEach
  void stopEmulator() {
    emulator.close();
  }

  Result models(String... args) {
    return CliRunner.run(CliRunner.args(List.of(
        "models", "--base-url", emulator.baseUrl(), "--cache-dir", cacheDir.toString()), args));
  }

  @Test
  void listsTheModelIdsOnePerLine() {
    Result result = models();

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out())
        .isEqualTo("@cf/test/first-model\n@hf/test/second-model\n@cf/test/third\n");
    assertThat(result.err()).isEmpty();
    assertThat(emulator.takeRequest().path()).as("the agent's getModels RPC")
        .startsWith(Emulator.AGENTS_PATH);
    assertThat(emulator.requestCount()).isEqualTo(1);
  }

  @Test
  void theOlderListServesWhenTheAgentCannotList() {
    emulator.enqueueAgentFault(AgentFault.RPC_ERROR);

    Result result = models();

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out())
        .isEqualTo("@cf/test/first-model\n@hf/test/second-model\n@cf/test/third\n");
    assertThat(emulator.requests()).extracting(RecordedRequest::path).last()
        .isEqualTo(Emulator.MODELS_PATH);
  }

  @Test
  void fallsBackToTheBuiltInListWithOneWarning() {
    emulator.enqueueAgentFault(AgentFault.RPC_ERROR);
    emulator.enqueueFault(Fault.SERVER_ERROR, Emulator.MODELS_PATH);

    Result result = models();

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.errLines()).singleElement().asString()
        .startsWith("flare4j: warning: cannot fetch the model list, showing the built-in one: ")
        .contains("getModels", "HTTP 500");
    List<String> ids = result.out().lines().map(line -> line.split(" ")[0]).toList();
    assertThat(ids).first().isEqualTo(DEFAULT_MODEL);
    assertThat(ids).contains("@cf/meta/llama-3.1-8b-instruct-fp8").doesNotHaveDuplicates()
        .doesNotContain("@cf/test/first-model");
    assertThat(result.out().lines()).first()
        .isEqualTo(DEFAULT_MODEL + "  aliases: llama-3.3-70b");
    assertThat(emulator.requestCount()).as("asks each way once").isEqualTo(2);
  }

  @Test
  void eachLineShowsTheAliasesContextWindowAndFeaturesTheListGives() {
    emulator.models(List.of(DEFAULT_MODEL, "@cf/moonshotai/kimi-k2.6",
        "@cf/meta/llama-3.1-8b-instruct-fp8", "@cf/test/first-model"));

    Result result = models();

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo(
        DEFAULT_MODEL + "  aliases: llama-3.3-70b  context: 24000  features: tools\n"
        + "@cf/moonshotai/kimi-k2.6  aliases: kimi-k2.5, kimi-k2.6  context: 262144"
        + "  features: tools, images, reasoning\n"
        + "@cf/meta/llama-3.1-8b-instruct-fp8  aliases: llama-3.1-8b  context: 32000\n"
        + "@cf/test/first-model\n");
    assertThat(emulator.requestCount()).isEqualTo(1);
  }

  @Test
  void jsonPrintsTheListObject() {
    emulator.models(List.of(DEFAULT_MODEL, "@cf/test/first-model"));

    Result result = models("--json");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo("{\"object\":\"list\",\"data\":["
        + "{\"id\":\"" + DEFAULT_MODEL + "\",\"object\":\"model\",\"aliases\":[\"llama-3.3-70b\"],"
        + "\"task\":\"Text Generation\",\"context_window\":24000,\"features\":[\"tools\"],"
        + "\"described\":true},"
        + "{\"id\":\"@cf/test/first-model\",\"object\":\"model\",\"aliases\":[],"
        + "\"task\":\"Text Generation\",\"features\":[],\"described\":true}]}\n");
  }

  @Test
  void debugShowsTheStackTraceOfTheFailedFetch() {
    emulator.enqueueAgentFault(AgentFault.RPC_ERROR);
    emulator.enqueueFault(Fault.CHALLENGE, Emulator.MODELS_PATH);

    Result result = models("--debug");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).contains("CloudflareChallengeException").contains("\tat ");
  }

  @Test
  void aBadProxyUrlIsAUsageError() {
    Result result = models("--proxy", "not a url");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines().getLast()).isEqualTo("Try 'flare4j models --help' for more information.");
  }

  @Test
  void theModelListGoesThroughTheProxy() {
    // The getModels socket is tunnelled through the HTTP proxy (CONNECT), as browsers do for
    // WebSockets: the proxy records the tunnel's target.
    try (TestProxy proxy = TestProxy.http()) {
      Result result = CliRunner.run("models", "--base-url", emulator.baseUrl(),
          "--proxy", proxy.url(), "--cache-dir", cacheDir.toString());

      assertThat(proxy.seen()).containsExactly("127.0.0.1:" + emulator.port());
      assertThat(emulator.takeRequest().path()).contains(Emulator.AGENTS_PATH);
      assertThat(result.exitCode()).as("%s", result).isZero();
      assertThat(result.out()).contains("@cf/test/first-model");
    }
  }
}
