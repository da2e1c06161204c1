package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.cli.CliRunner.Result;
import org.junit.jupiter.api.Test;

/** The top command: help, version, usage errors, and the emulator command's options. */
class Flare4jCliTest {

  @Test
  void helpListsTheCommandsAndTheExitCodes() {
    Result result = CliRunner.run("--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("chat", "models", "emulator")
        .contains("Exit codes:")
        .containsPattern("(?m)^\\s+3\\s+credentials missing or refused, model needs the Workers"
            + "\\s+Paid plan,\\s+Cloudflare challenge, or no browser \\(Chromium\\) to pass it")
        .containsPattern("(?m)^\\s+4\\s+rate limited")
        .containsPattern("(?m)^\\s+8\\s+unknown model");
  }

  @Test
  void chatHelpListsTheExitCodes() {
    Result result = CliRunner.run("chat", "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("--model", "--system", "--max-tokens", "--proxy", "--timeout", "--cookie",
            "--base-url", "--cache-dir", "--json", "--show-reasoning", "--debug",
            "--transport=auto|agents|inference", "--no-browser", "FLARE4J_CHROMIUM")
        .contains("--browser-window", "DISPLAY", "apt-get install xvfb")
        .doesNotContain("--idle-timeout")
        .contains("Exit codes:")
        .containsPattern("(?m)^\\s+2\\s+usage error");
  }

  @Test
  void modelsHelpListsTheBrowserWindow() {
    Result result = CliRunner.run("models", "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("--browser-window");
  }

  @Test
  void emulatorHelpListsTheChallengeOptions() {
    Result result = CliRunner.run("emulator", "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("--port", "--format", "--challenge", "--browsers-only-sockets");
    assertThat(result.out()).contains("--challenge-unpassable");
  }

  @Test
  void versionNamesTheProjectVersion() {
    Result result = CliRunner.run("--version");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("flare4j ").doesNotStartWith("flare4j unknown");
  }

  @Test
  void noCommandIsAUsageError() {
    Result result = CliRunner.run();

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines()).containsExactly(
        "flare4j: Missing command: use 'flare4j chat', 'flare4j models', 'flare4j embed', 'flare4j serve' or 'flare4j emulator'",
        "Try 'flare4j --help' for more information.");
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    Result result = CliRunner.run("chta", "hi");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines().getFirst()).startsWith("flare4j: ").contains("chta");
  }

  @Test
  void theEmulatorCommandChecksItsOptions() {
    Result badFormat = CliRunner.run("emulator", "--format", "v9");
    Result badPort = CliRunner.run("emulator", "--port", "70000");

    assertThat(badFormat.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badFormat.errLines().getFirst()).contains("--format").contains("v4 or v5");
    assertThat(badPort.exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void exitCodesMapTheLibraryErrors() {
    assertThat(ErrorReporter.exitCode(new io.github.flare4j.error.RequestTimeoutException(
        io.github.flare4j.error.RequestTimeoutException.Phase.IDLE, java.time.Duration.ofSeconds(1),
        "POST http://x/api/inference", null))).isEqualTo(ExitCodes.NETWORK);
    assertThat(ErrorReporter.exitCode(new io.github.flare4j.error.ModelNotFoundException(
        "Cloudflare AI", "x", java.util.List.of()))).isEqualTo(ExitCodes.MODEL_NOT_FOUND);
    assertThat(ErrorReporter.exitCode(new io.github.flare4j.error.MissingRequirementsException(
        "No Chromium found"))).isEqualTo(ExitCodes.AUTH);
    assertThat(ErrorReporter.exitCode(new IllegalStateException("bug")))
        .isEqualTo(ExitCodes.INTERNAL);
  }

  @Test
  void anUnresolvableHostPointsAtTheEmulatorForATryOffline() {
    String message = ErrorReporter.message(new io.github.flare4j.error.NetworkException(
        "POST https://playground.example/api/inference could not be reached: the host name"
            + " playground.example cannot be resolved (is there a network connection?)", null),
        false);

    assertThat(message).contains("cannot be resolved").contains("'flare4j emulator' answers offline")
        .doesNotContain("Exception");
  }
}
