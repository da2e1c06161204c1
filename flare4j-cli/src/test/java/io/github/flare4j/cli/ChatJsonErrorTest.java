package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.cli.CliRunner.Result;
import io.github.flare4j.emulator.Fault;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code flare4j chat --json} ends with an error event when the call fails. */
class ChatJsonErrorTest extends EmulatorTestBase {

  Result chat(String... args) {
    return CliRunner.run("", Map.of(), CliRunner.args(List.of("chat", "--json", "--base-url",
        emulator.baseUrl(), "--cache-dir", cacheDir.toString(), "--transport", "inference",
        "--retries", "0"), args));
  }

  @Test
  void aFailedCallEndsWithAnErrorEvent() {
    emulator.enqueueFault(Fault.SERVER_ERROR);

    Result result = chat("hi");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.SERVICE);
    List<String> lines = result.out().lines().toList();
    Map<String, Object> last = JsonSupport.object(lines.getLast());
    assertThat(last).containsEntry("type", "error").containsEntry("exit_code", 7L);
    assertThat((String) last.get("message")).contains("500").doesNotContain("Exception");
    // and the usual line on standard error, with the same message
    assertThat(result.err()).startsWith("flare4j: " + last.get("message"));
  }

  @Test
  void aCallThatWorksHasNoErrorEvent() {
    Result result = chat("hi");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).doesNotContain("\"type\":\"error\"");
  }
}
