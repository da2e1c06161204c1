package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.flare4j.emulator.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The interactive chat in a real pseudo-terminal: the CLI runs in a child JVM inside tmux, the test
 * types into it ({@code tmux send-keys}) and reads the screen ({@code tmux capture-pane}).
 */
class InteractiveChatTest extends EmulatorTestBase {
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final Path TMUX = Path.of("/usr/bin/tmux");

  private String socket = "flare4j-test-" + UUID.randomUUID();
  private boolean started;

  @BeforeEach
  void needTmux() {
    boolean present = Files.isExecutable(TMUX);
    if (!present && "true".equals(System.getenv("CI"))) {
      fail("tmux is needed for the interactive chat's tests and CI=true");
    }
    assumeTrue(present, "tmux is not installed: the interactive chat cannot be driven in a terminal");
  }

  @AfterEach
  void stopTmux() throws Exception {
    if (started) {
      // the chat leaves (and saves its history) before the cache folder is deleted
      if (!capture().contains("exited")) {
        tmux("send-keys", "-t", "chat", "C-c"); // clears a line typed (or stops a reply)
        type("/exit");
        screen(s -> s.contains("exited"));
      }
      tmux("kill-server");
    }
  }

  @Test
  void threeTurnsWithModelAndExitSendTheWholeConversation() throws Exception {
    start("--transport", "inference");
    screen(s -> s.contains("you>"));
    type("Hello there");
    screen(s -> count(s, "you>") == 2);
    type("/model llama-3.3-70b");
    screen(s -> s.contains("Model: @cf/meta/llama-3.3-70b"));
    type("/model no-such-model-at-all");
    screen(s -> s.contains("flare4j: ") && s.contains("no-such-model-at-all")
        && s.contains("The model stays @cf/meta/llama-3.3-70b"));
    type("Second question");
    screen(s -> count(s, "you>") == 5);
    type("Third question");
    screen(s -> count(s, "you>") == 6);
    type("/exit");
    String last = screen(s -> s.contains("exited 0"));
    System.out.println("--- screen capture ---\n" + capture() + "\n--- end ---");

    List<RecordedRequest> inference = inferenceRequests();
    assertThat(inference).hasSize(3);
    Map<String, Object> third = JsonSupport.object(inference.get(2).body());
    assertThat(third.get("model")).isEqualTo("@cf/meta/llama-3.3-70b-instruct-fp8-fast");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> messages = (List<Map<String, Object>>) third.get("messages");
    assertThat(messages).extracting(m -> m.get("role"))
        .containsExactly("user", "assistant", "user", "assistant", "user");
    assertThat(messages.get(0).get("content")).isEqualTo("Hello there");
    assertThat(messages.get(2).get("content")).isEqualTo("Second question");
    assertThat(messages.get(4).get("content")).isEqualTo("Third question");
    assertThat((String) messages.get(1).get("content")).isNotBlank();
    assertThat(last).doesNotContain("reply stopped");
  }

  @Test
  void anUnknownModelEndsTheChatBeforeTheFirstPrompt() throws Exception {
    start("--transport", "inference", "-m", "no-such-model-at-all");
    String last = screen(s -> s.contains("exited"));
    assertThat(last).contains("no-such-model-at-all").contains("exited " + ExitCodes.MODEL_NOT_FOUND)
        .doesNotContain("you>");
    assertThat(inferenceRequests()).isEmpty();
  }

  @Test
  void aKnownModelNameIsShownAsItsIdAndUsedForEveryTurn() throws Exception {
    start("--transport", "inference", "-m", "llama-3.3-70b");
    screen(s -> s.contains("model @cf/meta/llama-3.3-70b") && s.contains("you>"));
    type("Hello there");
    screen(s -> count(s, "you>") == 2);
    assertThat(JsonSupport.object(inferenceRequests().getFirst().body()).get("model"))
        .isEqualTo("@cf/meta/llama-3.3-70b-instruct-fp8-fast");
  }

  @Test
  void saveWritesTheConversationAsJson() throws Exception {
    start("--transport", "inference", "--system", "Be brief.");
    screen(s -> s.contains("you>"));
    type("Hello there");
    screen(s -> count(s, "you>") == 2);
    Path saved = cacheDir.resolve("talk.json");
    type("/save " + saved);
    screen(s -> s.contains("Saved 2 messages"));

    Map<String, Object> json = JsonSupport.object(Files.readString(saved));
    assertThat(json.get("system")).isEqualTo("Be brief.");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> messages = (List<Map<String, Object>>) json.get("messages");
    assertThat(messages).extracting(m -> m.get("role")).containsExactly("user", "assistant");
    assertThat(messages.get(0).get("content")).isEqualTo("Hello there");
    try (var files = Files.list(cacheDir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void ctrlCStopsALongReplyAndTheSessionGoesOn() throws Exception {
    emulator.replyTokens(2000);
    emulator.tokenDelay(Duration.ofMillis(20));
    start("--transport", "inference");
    screen(s -> s.contains("you>"));
    type("Tell me a long story");
    String before = screen(s -> count(s, "you>") == 1 && s.strip().length() > 200);
    assertThat(before).doesNotContain("reply stopped");
    tmux("send-keys", "-t", "chat", "C-c");
    screen(s -> s.contains("flare4j: reply stopped") && count(s, "you>") == 2);
    emulator.replyTokens(0);
    emulator.tokenDelay(Duration.ZERO);
    type("And now?");
    screen(s -> count(s, "you>") == 3);
    assertThat(inferenceRequests()).hasSize(2);
  }

  @Test
  void ctrlDAtAnEmptyPromptLeavesAfterCtrlCStoppedAReplyAndClearedThePrompt() throws Exception {
    emulator.replyTokens(2000);
    emulator.tokenDelay(Duration.ofMillis(20));
    start("--transport", "inference");
    screen(s -> s.contains("you>"));
    type("Tell me a long story");
    screen(s -> count(s, "you>") == 1 && s.strip().length() > 200);
    tmux("send-keys", "-t", "chat", "C-c"); // stops the reply
    screen(s -> s.contains("flare4j: reply stopped") && count(s, "you>") == 2);
    // typed at once, as a person does: Ctrl-C (nothing to clear) must not make Ctrl-D be lost
    tmux("send-keys", "-t", "chat", "C-c");
    tmux("send-keys", "-t", "chat", "C-d");
    String last = screen(s -> s.contains("exited"));
    assertThat(last).contains("exited 0");
    assertThat(inferenceRequests()).hasSize(1);
  }

  @Test
  void ctrlCAtThePromptDropsTheLineTyped() throws Exception {
    start("--transport", "inference");
    screen(s -> s.contains("you>"));
    type("First");
    screen(s -> count(s, "you>") == 2);
    tmux("send-keys", "-t", "chat", "-l", "half a line");
    screen(s -> s.contains("you> half a line"));
    tmux("send-keys", "-t", "chat", "C-c");
    // the prompt is empty again (JLine redraws it in place, or on the next line)
    screen(s -> s.strip().endsWith("you>"));
    type("Hello");
    screen(s -> s.contains("you> Hello") && s.contains("flare4j emulator"));
    List<RecordedRequest> inference = inferenceRequests();
    assertThat(inference).hasSize(2);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> messages =
        (List<Map<String, Object>>) JsonSupport.object(inference.getLast().body()).get("messages");
    assertThat(messages).extracting(m -> m.get("role")).containsExactly("user", "assistant", "user");
    assertThat(messages.getLast().get("content")).isEqualTo("Hello");
  }

  @Test
  void historyIsKeptAcrossRunsInTheCacheFolder() throws Exception {
    start("--transport", "inference");
    screen(s -> s.contains("you>"));
    type("Remember this line");
    screen(s -> count(s, "you>") == 2);
    tmux("send-keys", "-t", "chat", "C-d");
    screen(s -> s.contains("exited"));
    Path history = cacheDir.resolve(InteractiveChat.HISTORY_FILE);
    assertThat(Files.readString(history)).contains("Remember this line");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(history)))
        .isEqualTo("rw-------");
    tmux("kill-server");
    socket = "flare4j-test-" + UUID.randomUUID(); // a new server: starting one on a socket just killed races

    start("--transport", "inference");
    screen(s -> s.contains("you>") && !s.contains("Remember"));
    tmux("send-keys", "-t", "chat", "Up");
    screen(s -> s.contains("you> Remember this line"));
  }

  @Test
  void theDefaultTransportWorksToo() throws Exception {
    start();
    screen(s -> s.contains("you>"));
    type("Hello there");
    screen(s -> count(s, "you>") == 2);
    type("Again");
    screen(s -> count(s, "you>") == 3);
    assertThat(emulator.requests()).anyMatch(r -> r.path().startsWith(
        io.github.flare4j.emulator.Emulator.AGENTS_PATH));
    assertThat(inferenceRequests()).isEmpty();
  }

  @Test
  void aPipedPromptThatDoesNotComeIsSaidToBeAwaitedOnTheTerminal() throws Exception {
    // standard input a pipe that stays open (cat reads the terminal), standard error the terminal
    startWith("cat | ", "--transport", "inference");
    screen(s -> s.contains("reading the prompt from standard input"));
    assertThat(capture()).doesNotContain("you>"); // not the interactive chat: stdin is a pipe
    type("Hello there");
    tmux("send-keys", "-t", "chat", "C-d"); // cat ends, and so does the prompt
    String last = screen(s -> s.contains("exited"));
    assertThat(last).contains("flare4j emulator").contains("exited 0");
    assertThat(inferenceRequests()).hasSize(1);
  }

  private List<RecordedRequest> inferenceRequests() {
    return emulator.requests().stream().filter(r -> r.path().startsWith("/api/inference")).toList();
  }

  private void start(String... options) throws Exception {
    startWith("", options);
  }

  /** Starts the chat after {@code prefix}, e.g. a pipe into it. */
  private void startWith(String prefix, String... options) throws Exception {
    List<String> java = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "io.github.flare4j.cli.Main", "chat",
        "--base-url", emulator.baseUrl(), "--cache-dir", cacheDir.toString(), "--no-browser"));
    java.addAll(List.of(options));
    String command = prefix + String.join(" ", java.stream().map(InteractiveChatTest::quote).toList())
        + "; echo exited $?; sleep 600";
    tmux("new-session", "-d", "-s", "chat", "-x", "120", "-y", "40", command);
    started = true;
  }

  private static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  private void type(String line) throws Exception {
    tmux("send-keys", "-t", "chat", "-l", line);
    tmux("send-keys", "-t", "chat", "Enter");
  }

  private String capture() throws Exception {
    return tmux("capture-pane", "-p", "-t", "chat");
  }

  /** Polls the screen until it shows what is expected, or fails at the deadline with the screen. */
  private String screen(Predicate<String> expected) throws Exception {
    Instant deadline = Instant.now().plus(DEADLINE);
    String shown = capture();
    while (!expected.test(shown)) {
      if (Instant.now().isAfter(deadline)) {
        fail("the screen did not show what was expected in " + DEADLINE + ":\n" + shown);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // poll interval
      shown = capture();
    }
    return shown;
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }

  private String tmux(String... args) throws Exception {
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
