package io.github.flare4j.cli;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A real pseudo-terminal for a test: a tmux server of its own (a private socket), one window of a
 * given size running a shell command, keys typed with {@code send-keys}, the screen read with
 * {@code capture-pane}. {@link #close()} kills the server and whatever runs in it.
 */
final class TmuxTerminal implements AutoCloseable {
  static final Path TMUX = Path.of("/usr/bin/tmux");
  static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final String WINDOW = "term";

  /** A new one for each start: a server just killed may still hold the old one's socket. */
  private String socket;
  private boolean started;

  /** Skips the test when tmux is missing (fails it instead when {@code CI=true}). */
  static void assumePresent(String what) {
    boolean present = Files.isExecutable(TMUX);
    if (!present && "true".equals(System.getenv("CI"))) {
      fail("tmux is needed for " + what + " and CI=true");
    }
    assumeTrue(present, "tmux is not installed: " + what + " cannot be tried in a terminal");
  }

  /**
   * The command line of the CLI in a child JVM with the test's class path, each word quoted for the
   * shell, followed by {@code args}.
   */
  static String cli(List<String> args) {
    List<String> java = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        "io.github.flare4j.cli.Main"));
    java.addAll(args);
    return String.join(" ", java.stream().map(TmuxTerminal::quote).toList());
  }

  /** {@code word} quoted for a POSIX shell. */
  static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /** Runs {@code shellCommand} in a new window of {@code columns} by {@code rows}. */
  void start(String shellCommand, int columns, int rows) throws IOException, InterruptedException {
    socket = "flare4j-test-" + UUID.randomUUID();
    tmux("new-session", "-d", "-s", WINDOW, "-x", Integer.toString(columns), "-y",
        Integer.toString(rows), shellCommand);
    started = true;
  }

  /** Types {@code line} and Enter. */
  void type(String line) throws IOException, InterruptedException {
    tmux("send-keys", "-t", WINDOW, "-l", line);
    keys("Enter");
  }

  /** Sends keys by their tmux names ({@code C-c}, {@code Up}, {@code Enter}). */
  void keys(String... keys) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("send-keys", "-t", WINDOW));
    args.addAll(List.of(keys));
    tmux(args.toArray(String[]::new));
  }

  /** The screen's text, without its colours and other attributes. */
  String capture() throws IOException, InterruptedException {
    return tmux("capture-pane", "-p", "-t", WINDOW);
  }

  /** The screen's text with the escape codes of its colours and attributes, where it has any. */
  String captureWithAttributes() throws IOException, InterruptedException {
    return tmux("capture-pane", "-p", "-e", "-t", WINDOW);
  }

  /**
   * Polls the screen until it shows what is expected and returns it; fails at {@link #DEADLINE}
   * with the screen as it was.
   */
  String screen(Predicate<String> expected) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(DEADLINE);
    String shown = capture();
    while (!expected.test(shown)) {
      if (Instant.now().isAfter(deadline)) {
        fail("the screen did not show what was expected in " + DEADLINE + ":\n" + shown);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // poll
      shown = capture();
    }
    return shown;
  }

  /** Kills the server and what runs in it; nothing when it never started. */
  @Override
  public void close() throws IOException, InterruptedException {
    if (started) {
      started = false;
      tmux("kill-server");
    }
  }

  private String tmux(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(TMUX.toString(), "-L", socket));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0 && !args[0].equals("kill-server")) {
      throw new IOException("tmux " + String.join(" ", args) + " failed: " + output);
    }
    return output;
  }
}
