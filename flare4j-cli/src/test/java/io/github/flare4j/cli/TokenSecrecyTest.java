package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.cli.CliRunner.Result;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API token never reaches standard output or standard error: not on success, not on errors,
 * not with {@code --debug} (its log messages and stack traces), not when it is misplaced.
 */
class TokenSecrecyTest {
  static final String TOKEN = "s3cr3t-api-token-4711";
  static final String WRONG = "wr0ng-api-token-0815";

  @TempDir
  Path dir;

  Emulator emulator;
  final List<Result> results = new ArrayList<>();

  @BeforeEach
  void startEmulator() {
    emulator = Emulator.builder().apiToken(TOKEN).start();
  }

  @AfterEach
  void noSecretWasPrinted() {
    emulator.close();
    assertThat(results).isNotEmpty();
    for (Result result : results) {
      assertThat(result.out()).as("%s", result).doesNotContain(TOKEN).doesNotContain(WRONG);
      assertThat(result.err()).as("%s", result).doesNotContain(TOKEN).doesNotContain(WRONG);
    }
  }

  Result run(Map<String, String> env, String... args) {
    Result result = CliRunner.run("", env, args);
    results.add(result);
    return result;
  }

  Map<String, String> env(String token) {
    return Map.of("CLOUDFLARE_ACCOUNT_ID", emulator.accountId(), "CLOUDFLARE_API_TOKEN", token);
  }

  @Test
  void aSuccessfulChatWithDebugDoesNotShowIt() {
    Result result = run(env(TOKEN), "chat", "--debug", "--base-url", emulator.baseUrl(),
        "--gateway", emulator.accountId() + "/gw", "--json", "Hello");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.err()).as("--debug logs something").contains("flare4j: debug: ");
    assertThat(emulator.takeRequest().header("Authorization")).isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void aRefusedTokenWithDebugDoesNotShowIt() {
    Result chat = run(env(WRONG), "chat", "--debug", "--base-url", emulator.baseUrl(), "hi");
    Result openAi = run(env(WRONG), "chat", "--provider", "openai", "--debug",
        "--base-url", emulator.baseUrl(), "hi");
    Result models = run(env(WRONG), "models", "--debug", "--base-url", emulator.baseUrl());

    assertThat(chat.exitCode()).as("%s", chat).isEqualTo(ExitCodes.AUTH);
    assertThat(chat.err()).contains("\tat ");
    assertThat(openAi.exitCode()).as("%s", openAi).isEqualTo(ExitCodes.AUTH);
    assertThat(models.exitCode()).as("%s", models).isEqualTo(ExitCodes.AUTH);
  }

  @Test
  void failuresAfterTheRequestWithDebugDoNotShowIt() {
    emulator.enqueueFault(Fault.SERVER_ERROR, "/client/v4/accounts/" + emulator.accountId()
        + "/ai/run/@cf/meta/llama-3.3-70b-instruct-fp8-fast");
    Result serverError = run(env(TOKEN), "chat", "--debug", "--retries", "0",
        "--base-url", emulator.baseUrl(), "--model", "@cf/meta/llama-3.3-70b-instruct-fp8-fast",
        "hi");
    emulator.enqueueFault(Fault.STALL, "/client/v4/accounts/" + emulator.accountId()
        + "/ai/v1/chat/completions");
    Result stalled = run(env(TOKEN), "chat", "--debug", "--base-url", emulator.baseUrl(),
        "--idle-timeout", "0.2", "--provider", "openai", "one two three four");
    Result modelsFailed = run(env(TOKEN), "models", "--debug", "--base-url", "http://127.0.0.1:1");

    assertThat(serverError.exitCode()).as("%s", serverError).isEqualTo(ExitCodes.SERVICE);
    assertThat(serverError.err()).contains("\tat ");
    assertThat(stalled.exitCode()).as("%s", stalled).isEqualTo(ExitCodes.NETWORK);
    assertThat(modelsFailed.exitCode()).as("%s", modelsFailed).isZero();
    assertThat(modelsFailed.err()).contains("warning: cannot fetch the model list");
  }

  @Test
  void aTokenFileThatHoldsMoreThanATokenIsNotShown() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), TOKEN + "\n" + WRONG + "\n");

    Result result = run(Map.of("CLOUDFLARE_ACCOUNT_ID", emulator.accountId()), "chat", "--debug",
        "--provider", "workers-ai", "--base-url", emulator.baseUrl(),
        "--api-token-file", file.toString(), "hi");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines().getFirst()).contains(file.toString(), "more than a token");
    assertThat(emulator.requestCount()).isZero();
  }

  @Test
  void aTokenInTheEnvironmentThatHoldsSpacesIsNotShown() {
    Result result = run(env(TOKEN + " " + WRONG), "chat", "--debug", "--base-url",
        emulator.baseUrl(), "hi");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines().getFirst()).contains("CLOUDFLARE_API_TOKEN", "more than a token");
  }

  @Test
  void aTokenGivenAsAnArgumentIsRefusedAndNotShown() {
    Result spaced = run(env(TOKEN), "chat", "--base-url", emulator.baseUrl(), "--api-token", WRONG,
        "hi");
    Result joined = run(env(TOKEN), "chat", "--base-url", emulator.baseUrl(), "--debug",
        "--api-token=" + WRONG, "hi");

    assertThat(spaced.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(joined.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(emulator.requestCount()).isZero();
  }
}
