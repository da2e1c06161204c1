package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.cli.CliRunner.Result;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.Fault;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code --stats} after a reply, and the one standard-error line a retry gets without
 * {@code --debug}, so a wait is never silent.
 */
class StatsAndRetryNoticeTest extends EmulatorTestBase {

  Result chat(Map<String, String> env, String... args) {
    return CliRunner.run("", env, CliRunner.args(List.of(
        "chat", "--base-url", emulator.baseUrl(), "--cache-dir", cacheDir.toString()), args));
  }

  @Test
  void aRetryIsOneLineOnStandardErrorWithoutDebug() {
    emulator.enqueueFault(Fault.SERVER_ERROR);

    Result result = chat(Map.of(), "--transport", "inference", "hi");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isNotEmpty();
    assertThat(result.errLines()).singleElement().satisfies(line -> assertThat(line)
        .startsWith("flare4j: attempt 1 failed (").contains("HTTP 500").contains("retrying in"));
    assertThat(emulator.requests()).extracting(r -> r.path())
        .containsExactly(Emulator.INFERENCE_PATH, Emulator.INFERENCE_PATH);
  }

  @Test
  void statsFollowTheReplyWithUsageAndRetries() {
    Map<String, String> account = Map.of("CLOUDFLARE_ACCOUNT_ID", emulator.accountId(),
        "CLOUDFLARE_API_TOKEN", emulator.apiToken());

    Result result = CliRunner.run("", account, CliRunner.args(List.of("chat", "--base-url",
        emulator.baseUrl(), "--provider", "openai"), "--stats", "Hello"));

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).contains("flare4j emulator");
    assertThat(result.errLines()).singleElement().satisfies(line -> assertThat(line)
        .startsWith("stats: first token ").contains(" s · total ").contains("tokens/s")
        .containsPattern("usage \\d+ prompt \\+ \\d+ completion = \\d+ tokens")
        .endsWith("retries 0"));
  }

  @Test
  void withoutStatsNothingIsAdded() {
    Result result = chat(Map.of(), "--transport", "inference", "Hello");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.err()).isEmpty();
  }
}
