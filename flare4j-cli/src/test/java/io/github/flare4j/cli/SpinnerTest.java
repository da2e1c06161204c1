package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.cli.CliRunner.Result;
import io.github.flare4j.emulator.Fault;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The spinner of {@code flare4j chat}, in-process: forced on as on a terminal ({@value
 * Spinner#ENV}=on), it draws on standard error and erases itself before the reply; off, standard
 * error has no escape code.
 */
class SpinnerTest extends EmulatorTestBase {

  Result chat(Map<String, String> env, String... args) {
    return CliRunner.run("", env, CliRunner.args(List.of(
        "chat", "--base-url", emulator.baseUrl(), "--cache-dir", cacheDir.toString()), args));
  }

  @Test
  void onATerminalItSpinsOnStandardErrorAndErasesItself() {
    Result result = chat(Map.of(Spinner.ENV, "on"), "ping");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo("Echo: ping\n"); // the reply untouched
    assertThat(result.err()).startsWith("\r" + Spinner.FRAMES[0] + " connecting")
        .endsWith(Spinner.ERASE);
    assertThat(result.out()).doesNotContain("\033", "\r");
  }

  @Test
  void aFailureErasesTheSpinnerBeforeTheErrorLine() {
    emulator.enqueueFault(Fault.SERVER_ERROR);

    Result result = chat(Map.of(Spinner.ENV, "on"), "--transport", "inference", "--retries", "0",
        "ping");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.SERVICE);
    assertThat(result.err()).contains(Spinner.ERASE + "flare4j: ");
  }

  @Test
  void aRetrySaysItsWaitAfterTheRetryLineAndIsErasedBeforeTheReply() {
    emulator.rateLimitRetryAfter(1);
    emulator.enqueueFault(Fault.RATE_LIMIT);

    Result result = chat(Map.of(Spinner.ENV, "on"), "--transport", "inference", "ping");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo("Echo: ping\n");
    String err = result.err();
    int notice = err.indexOf(Spinner.ERASE + "flare4j: attempt 1 failed");
    int phase = err.indexOf(" retrying in 1 s after 429...\033[K");
    assertThat(notice).as("the retry line, on a clean line: %s", err).isNotNegative();
    assertThat(phase).as("the wait, drawn after the retry line: %s", err).isGreaterThan(notice);
    assertThat(err).endsWith(Spinner.ERASE);
  }

  @Test
  void aWarningWhileItTurnsStartsOnAClearedLine() {
    emulator.enqueueAgentFault(io.github.flare4j.emulator.AgentFault.RPC_ERROR);

    Result result = chat(Map.of(Spinner.ENV, "on"), "--transport", "agents", "ping");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.err()).as("the warning is logged while the spinner turns")
        .contains(Spinner.ERASE + "flare4j: warning: ")
        .contains("getModels failed")
        .doesNotContain("...flare4j:");
  }

  @Test
  void notOnATerminalThereIsNoEscapeCode() {
    Result result = chat(Map.of(Spinner.ENV, "off", "NO_COLOR", "1"), "ping");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo("Echo: ping\n");
    assertThat(result.err()).doesNotContain("\033", "\r");
  }

  @Test
  void withoutTheVariableATestRunIsNotATerminal() {
    Result result = chat(Map.of(), "ping");

    assertThat(result.err()).doesNotContain("\033");
  }
}
