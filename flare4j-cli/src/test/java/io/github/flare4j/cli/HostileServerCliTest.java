package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.cli.CliRunner.Result;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.Fault;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code flare4j chat} against a hostile server or reader: a closed standard output cancels the call
 * at once and exits 141 without a word, and no control character from the server reaches standard
 * error.
 */
class HostileServerCliTest extends EmulatorTestBase {
  private String[] inference(String... args) {
    return CliRunner.args(List.of("chat", "--base-url", emulator.baseUrl(), "--cache-dir",
        cacheDir.toString(), "--transport", "inference"), args);
  }

  /** A pipe whose reader ({@code head -c N}) leaves after {@code limit} bytes. */
  static final class ClosingPipe extends OutputStream {
    private int left;
    int failedWrites;

    ClosingPipe(int limit) {
      this.left = limit;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      if (length > left) {
        left = 0;
        failedWrites++;
        throw new IOException("Broken pipe");
      }
      left -= length;
    }
  }

  @Test
  void aClosedStandardOutputCancelsTheCallAndExits141Quietly() {
    emulator.replyTokens(1_000_000); // megabytes: the reply cannot be sent whole before the cancel
    ClosingPipe pipe = new ClosingPipe(10);

    Result result = CliRunner.run(pipe, inference("--max-tokens", "1000000", "Tell me a long story"));

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.OUTPUT_CLOSED);
    assertThat(result.err()).as("no message, no stack trace").isEmpty();
    assertThat(emulator.takeAbandoned(Duration.ofSeconds(20)))
        .as("the emulator saw the connection closed before the reply was complete")
        .isEqualTo(Emulator.INFERENCE_PATH);
  }

  @Test
  void aReplyWrittenWholeExitsZero() {
    Result result = CliRunner.run(new ClosingPipe(Integer.MAX_VALUE), inference("Hello"));

    assertThat(result.exitCode()).as("%s", result).isZero();
  }

  @Test
  void aReplyLeftOpenIsPrintedWholeAndExitsZero() {
    emulator.enqueueFault(Fault.LEFT_OPEN);

    Result result = CliRunner.run("", Map.of(), inference("--timeout", "120", "Hello, how are you?"));

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo(ChatCommandTest.GREETING + "\n");
    assertThat(emulator.takeAbandoned(Duration.ofSeconds(20))).isEqualTo(Emulator.INFERENCE_PATH);
  }

  @Test
  void aRedirectIsARefusalThatNamesWhereItPointed() {
    emulator.enqueueFault(Fault.REDIRECT);

    Result result = CliRunner.run("", Map.of(), inference("Hello"));

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.SERVICE);
    assertThat(result.err()).contains("HTTP 302", "'/moved'", "check the base URL");
    assertThat(result.out()).isEmpty();
    assertThat(emulator.requestCount()).isEqualTo(1);
  }

  @Test
  void helpListsExitCode141() {
    Result result = CliRunner.run("", Map.of(), "chat", "--help");

    assertThat(result.out()).contains("141").contains("standard output closed");
  }

  @Test
  void controlCharactersFromTheServerDoNotReachTheTerminal() {
    emulator.enqueueFault(Fault.CONTROL_CHARACTERS);

    Result result = CliRunner.run("", Map.of(), inference("--retries", "0", "Hello"));

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.SERVICE);
    assertThat(result.err()).contains("the server says no").contains("\\u001b[2J")
        .doesNotContain("\u001b", "\u0007", "\u0000");
  }

  @Test
  void theErrorReporterEscapesWhatAnyMessageHolds() {
    assertThat(new ErrorReporterProbe().print(new IllegalStateException("bell\u0007 esc\u001b[2J")))
        .doesNotContain("\u0007", "\u001b").contains("\\u0007");
  }

  /** Runs the execution handler on one failure and returns what it printed. */
  static final class ErrorReporterProbe {
    String print(Exception failure) {
      java.io.StringWriter err = new java.io.StringWriter();
      picocli.CommandLine commandLine = Flare4jCli.commandLine(
          new java.io.ByteArrayInputStream(new byte[0]), new java.io.PrintWriter(new java.io.StringWriter()),
          new java.io.PrintWriter(err), Map.of());
      new ErrorReporter().handleExecutionException(failure, commandLine, null);
      return err.toString();
    }
  }
}
