package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The prompt read from standard input, and the notice while it does not come. */
class PromptInputTest {
  @Test
  void whenToldTheNoticeComesWhileInputIsSilentAndThePromptIsReadAfterIt() throws Exception {
    CountDownLatch said = new CountDownLatch(1);
    StringWriter text = new StringWriter();
    PrintWriter err = new PrintWriter(new Writer() {
      @Override
      public void write(char[] buffer, int offset, int length) {
        text.write(buffer, offset, length);
        if (text.toString().contains("\n")) {
          said.countDown();
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    });
    PipedOutputStream writer = new PipedOutputStream();
    PipedInputStream in = new PipedInputStream(writer);
    Thread feeder = Thread.ofVirtual().start(() -> {
      try {
        // the prompt comes only once the notice has been printed: the input was silent till then
        assertThat(said.await(30, TimeUnit.SECONDS)).isTrue();
        writer.write("Hello there".getBytes(StandardCharsets.UTF_8));
        writer.close();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });

    byte[] prompt = PromptInput.readAll(in, err, true, Duration.ZERO);
    feeder.join();

    assertThat(new String(prompt, StandardCharsets.UTF_8)).isEqualTo("Hello there");
    assertThat(text.toString()).isEqualTo(PromptInput.NOTICE + System.lineSeparator());
  }

  @Test
  void whenNotToldNothingIsPrinted() throws Exception {
    StringWriter err = new StringWriter();
    byte[] prompt = PromptInput.readAll(
        new ByteArrayInputStream("Hi".getBytes(StandardCharsets.UTF_8)), new PrintWriter(err),
        false, Duration.ZERO);
    assertThat(new String(prompt, StandardCharsets.UTF_8)).isEqualTo("Hi");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void aChatWhoseStandardErrorIsNotATerminalSaysNothingAboutItsInput() {
    // in-process: standard error is a writer, never a terminal
    CliRunner.Result result = CliRunner.run("", java.util.Map.of(), "chat", "-");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE); // the prompt is empty
    assertThat(result.err()).doesNotContain("reading the prompt from standard input");
  }
}
