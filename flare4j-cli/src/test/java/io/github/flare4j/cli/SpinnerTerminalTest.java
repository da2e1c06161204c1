package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.Fault;
import io.github.flare4j.emulator.ReplyHold;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The spinner of {@code flare4j chat} as a person sees it: the CLI runs in a child JVM in a real
 * pseudo-terminal (tmux), against the emulator, which first answers 429 and then holds the reply
 * before its first token until the test lets it go. On the terminal the screen shows a frame and
 * what the call waits on, and nothing of it once the reply is there; with standard error sent to a
 * file, that file has the retry's line and no spinner and no escape code.
 */
class SpinnerTerminalTest extends EmulatorTestBase {
  /** A frame of the spinner, then what it says, as the screen shows it. */
  private static final Pattern SPINNING = Pattern.compile("([|/\\\\-]) ([a-z0-9 ]+)\\.\\.\\.");

  /** The retry's wait of 2 s, as the spinner counts it down. */
  private static final Pattern RETRYING = Pattern.compile("retrying in [12] s after 429\\.\\.\\.");

  private final TmuxTerminal terminal = new TmuxTerminal();
  private ReplyHold hold;

  @BeforeEach
  void needTmux() {
    TmuxTerminal.assumePresent("the spinner");
  }

  @AfterEach
  void stopTerminal() throws Exception {
    if (hold != null) {
      hold.release();
    }
    terminal.close();
  }

  /** {@code flare4j chat ... Hello}, its exit code echoed, the shell kept for the screen. */
  private String chat(String redirect, String... env) {
    List<String> args = new ArrayList<>(List.of("chat", "--base-url", emulator.baseUrl(),
        "--cache-dir", cacheDir.toString(), "--no-browser", "--transport", "inference", "ping"));
    return "env -u " + Spinner.ENV + " " + String.join(" ", env) + " " + TmuxTerminal.cli(args)
        + redirect + "; echo exited $?; sleep 600";
  }

  /**
   * A 429 asking for {@code retryAfter} s, then a reply held after its first frame (its start, no
   * text).
   */
  private void rateLimitedThenHeld(int retryAfter) {
    emulator.rateLimitRetryAfter(retryAfter);
    emulator.enqueueFault(Fault.RATE_LIMIT, Emulator.INFERENCE_PATH);
    hold = emulator.holdReply(Emulator.INFERENCE_PATH, 1); // the reply's start, no token
  }

  @Test
  void onATerminalItSaysWhatItWaitsOnAndIsGoneBeforeTheReply() throws Exception {
    rateLimitedThenHeld(2);
    terminal.start(chat("", "NO_COLOR=1"), 100, 20);

    String retrying = terminal.screen(s -> RETRYING.matcher(s).find());
    assertThat(retrying).as("the retry's own line, and the wait (counted down) after a frame")
        .contains("flare4j: attempt 1 failed")
        .containsPattern("[|/\\\\-] " + RETRYING.pattern());

    hold.awaitHeld(TmuxTerminal.DEADLINE);
    String waiting = terminal.screen(s -> s.contains("waiting for the first token..."));
    String firstFrame = frame(waiting);
    String turned = terminal.screen(s -> s.contains("waiting for the first token...")
        && !frame(s).equals(firstFrame));
    assertThat(frame(turned)).as("it turns while it waits").isNotEqualTo(firstFrame);
    assertThat(terminal.captureWithAttributes()).as("NO_COLOR: no colour, nor any attribute")
        .doesNotContain("\033[");

    hold.release();
    String done = terminal.screen(s -> s.contains("exited 0"));
    assertThat(done).contains("Echo: ping")
        .doesNotContain("after 429...", "waiting for the first token...");
    System.out.println("--- screen while held ---\n" + waiting + "--- at the end ---\n" + done);
  }

  @Test
  void withStandardErrorInAFileThereIsNoSpinnerAndNoEscapeCode() throws Exception {
    rateLimitedThenHeld(1);
    Path err = cacheDir.resolve("err.txt");
    terminal.start(chat(" 2>" + TmuxTerminal.quote(err.toString())), 100, 20);

    // the spinner would draw its first frame before the request; the reply is held after it
    hold.awaitHeld(TmuxTerminal.DEADLINE);
    String held = terminal.screen(s -> true);
    hold.release();
    String done = terminal.screen(s -> s.contains("exited 0"));

    String written = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(written).as("standard error went to the file")
        .contains("flare4j: attempt 1 failed")
        .doesNotContain("\033", "\r", "...");
    assertThat(held).doesNotContain("...");
    assertThat(done).contains("Echo: ping").doesNotContain("flare4j:");
  }

  /** The spinner's frame on {@code screen}; "" when none is shown. */
  private static String frame(String screen) {
    Matcher matcher = SPINNING.matcher(screen);
    return matcher.find() ? matcher.group(1) : "";
  }
}
