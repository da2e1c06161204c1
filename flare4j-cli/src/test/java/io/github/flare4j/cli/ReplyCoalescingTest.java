package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.ReplyHold;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code chat} shows each token as it arrives but writes a fast reply in large pieces: standard
 * output is flushed only when no more of the reply has arrived, not once per token.
 */
class ReplyCoalescingTest {
  /** How long a test waits for a signal: generous, only a hang reaches it. */
  static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path cache;

  /** A writer that keeps what was flushed, flush by flush, and hands each flush to a waiting test. */
  static final class FlushRecorder extends Writer {
    final StringBuilder pending = new StringBuilder();
    final List<String> flushed = new ArrayList<>();
    final BlockingQueue<String> flushes = new LinkedBlockingQueue<>();

    @Override
    public void write(char[] chars, int offset, int length) {
      pending.append(chars, offset, length);
    }

    @Override
    public void flush() {
      if (!pending.isEmpty()) {
        flushed.add(pending.toString());
        flushes.add(pending.toString());
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
    return chat(new FlushRecorder(), emulator, more);
  }

  FlushRecorder chat(FlushRecorder out, Emulator emulator, String... more) {
    List<String> args = new ArrayList<>(List.of("chat", "--base-url", emulator.baseUrl(),
        "--no-browser", "--cache-dir", cache.toString()));
    args.addAll(List.of(more));
    if (args.contains("inference")) { // /api/inference gets 2048 when none is set: raise it
      args.addAll(List.of("--max-tokens", "100000"));
    }
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

  /**
   * The emulator holds the reply right after its first token (frames before it: {@code f:} over
   * HTTP; start, start-step, text-start over the socket): that token is flushed on its own while
   * the rest is known not to have arrived.
   */
  @ParameterizedTest(name = "--transport {0}")
  @CsvSource({"inference, 2", "agents, 4"})
  void aSlowReplyShowsEachTokenAsItArrives(String transport, int framesWithTheFirstToken)
      throws Exception {
    try (Emulator emulator = Emulator.builder().replyTokens(4).start()) {
      FlushRecorder out = new FlushRecorder();
      CompletableFuture<FlushRecorder> run;
      try (ReplyHold hold = emulator.holdReply(transport.equals("agents") ? Emulator.AGENTS_PATH
          : Emulator.INFERENCE_PATH, framesWithTheFirstToken)) {
        run = CompletableFuture.supplyAsync(() -> chat(out, emulator, "--transport", transport));
        hold.awaitHeld(WAIT);

        assertThat(out.flushes.poll(WAIT.toSeconds(), TimeUnit.SECONDS))
            .as("the first token, flushed while the rest is held back").isEqualTo("The ");
      }
      run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(out.all()).isEqualTo("The quick brown fox \n");
    }
  }
}
