package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.cli.CliRunner.Result;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code flare4j models --no-browser}: the same option as chat's, for the playground only. */
class ModelsNoBrowserTest extends EmulatorTestBase {

  Result models(Map<String, String> env, String... args) {
    return CliRunner.run("", env, CliRunner.args(List.of(
        "models", "--base-url", emulator.baseUrl(), "--cache-dir", cacheDir.toString()), args));
  }

  @Test
  void listsThePlaygroundsModelsWithTheirAliases() {
    Result result = models(Map.of(), "--no-browser");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out().lines()).anySatisfy(line -> assertThat(line)
        .startsWith("@cf/meta/llama-3.3-70b-instruct-fp8-fast  aliases: ").contains("llama-3.3-70b"));
    assertThat(result.err()).isEmpty();
  }

  @Test
  void isAUsageErrorForWorkersAi() {
    Result result = models(Map.of("CLOUDFLARE_ACCOUNT_ID", emulator.accountId(),
        "CLOUDFLARE_API_TOKEN", emulator.apiToken()), "--no-browser");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).startsWith("flare4j: Option '--no-browser' is for --provider playground");
  }
}
