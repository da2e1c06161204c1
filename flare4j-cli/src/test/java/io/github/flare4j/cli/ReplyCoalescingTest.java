package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.emulator.Emulator;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code chat} shows each token as it arrives but writes a fast reply in large pieces: standard
 * output is flushed only when no more of the reply has arrived, not once per token.
 */
class ReplyCoalescingTest {
  @TempDir Path cache;

  /** A writer that keeps what was flushed, flush by flush. */
  static final class FlushRecorder extends Writer {
    final StringBuilder pending = new StringBuilder();
    final List<String> flushed = new ArrayList<>();

    @Override
    public void write(char[] chars, int offset, int length) {
      pending.append(chars, offset, length);
    }

    @Override
    public void flush() {
      if (!pending.isEmpty()) {
        flushed.add(pending.toString());
        pending.setLength(0);
      }
    }

    @Override
    public void close() {
      flush();
    }

    String all() {
      return String.join("", flushed) + pending;
    }
  }

  FlushRecorder chat(Emulator emulator, String... more) {
    FlushRecorder out = new FlushRecorder();
    List<String> args = new ArrayList<>(List.of("chat", "--base-url", emulator.baseUrl(),
        "--no-browser", "--cache-dir", cache.toString(), "--max-tokens", "100000"));
    args.addAll(List.of(more));
    args.add("Write a long story.");
    StringWriter err = new StringWriter();
    int exit = Flare4jCli.commandLine(new ByteArrayInputStream(new byte[0]), new PrintWriter(out),
        new PrintWriter(err), Map.of()).execute(args.toArray(String[]::new));
    assertThat(exit).as("%s", err).isZero();
    assertThat(out.pending).as("nothing is left unflushed").isEmpty();
    return out;
  }

  /**
   * Over HTTP a read brings many tokens at once; over the Agents socket each token is a frame of
   * its own, so fewer arrive together, but still many more than one per flush.
   */
  @ParameterizedTest(name = "--transport {0}")
  @CsvSource({"inference, 2000", "agents, 10000"})
  void aFastReplyIsWrittenInFewPieces(String transport, int mostFlushes) {
    try (Emulator emulator = Emulator.builder().replyTokens(20_000).coalesceWrites(true).start()) {
      FlushRecorder out = chat(emulator, "--transport", transport);
      FlushRecorder json = chat(emulator, "--transport", transport, "--json");

      assertThat(out.all().split(" ")).hasSize(20_001); // 20,000 words and the final newline
      assertThat(out.flushed.size()).as("flushes of 20,000 tokens").isLessThan(mostFlushes);
      assertThat(json.all().lines().filter(l -> l.contains("\"type\":\"text\""))).hasSize(20_000);
      assertThat(json.flushed.size()).as("flushes of 20,000 --json lines").isLessThan(mostFlushes);
    }
  }

  @ParameterizedTest(name = "--transport {0}")
  @ValueSource(strings = {"inference", "agents"})
  void aSlowReplyShowsEachTokenAsItArrives(String transport) {
    try (Emulator emulator = Emulator.builder().replyTokens(4)
        .tokenDelay(Duration.ofMillis(150)).start()) {
      FlushRecorder out = chat(emulator, "--transport", transport);

      assertThat(out.flushed).as("each token flushed on its own")
          .containsSubsequence("The ", "quick ", "brown ", "fox ");
    }
  }
}
