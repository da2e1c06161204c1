package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.RecordedRequest;
import io.github.flare4j.emulator.ReplyHold;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The interactive chat in a real pseudo-terminal: the CLI runs in a child JVM inside tmux, the test
 * types into it ({@code tmux send-keys}) and reads the screen ({@code tmux capture-pane}).
 */
class InteractiveChatTest extends EmulatorTestBase {
  private final TmuxTerminal terminal = new TmuxTerminal();
  private boolean started;

  @BeforeEach
  void needTmux() {
    TmuxTerminal.assumePresent("the interactive chat");
  }

  @AfterEach
  void stopTmux() throws Exception {
    if (started) {
      // the chat leaves (and saves its history) before the cache folder is deleted
      if (!capture().contains("exited")) {
        terminal.keys("C-c"); // clears a line typed (or stops a reply)
        type("/exit");
        screen(s -> s.contains("exited"));
      }
      terminal.close();
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
    terminal.keys("C-c");
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
    terminal.keys("C-c"); // stops the reply
    screen(s -> s.contains("flare4j: reply stopped") && count(s, "you>") == 2);
    // at the prompt (shown once it reads keys): Ctrl-C clears what was typed, then Ctrl-D leaves
    terminal.keys("-l", "half");
    screen(s -> s.strip().endsWith("you> half"));
    terminal.keys("C-c");
    screen(s -> s.strip().endsWith("you>"));
    terminal.keys("C-d");
    String last = screen(s -> s.contains("exited"));
    assertThat(last).contains("exited 0");
    assertThat(inferenceRequests()).hasSize(1);
  }

  @Test
  void aLineEndingInABackslashGoesOnAndTextIsSentAsTyped() throws Exception {
    start("--transport", "inference");
    screen(s -> s.contains("you>"));
    type("line one \\");
    screen(s -> s.contains("...>"));
    type("don't say \"great!!\" or !1");
    screen(s -> count(s, "you>") == 2);
    List<RecordedRequest> inference = inferenceRequests();
    assertThat(inference).hasSize(1);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> messages =
        (List<Map<String, Object>>) JsonSupport.object(inference.getLast().body()).get("messages");
    assertThat(messages.getLast().get("content"))
        .isEqualTo("line one \ndon't say \"great!!\" or !1");
  }

  @Test
  void eachTurnShowsTheSpinnerUntilItsFirstToken() throws Exception {
    ReplyHold hold = emulator.holdReply(Emulator.INFERENCE_PATH, 1); // the start, no token yet
    startWith("env -u " + Spinner.ENV + " ", "--transport", "inference");
    screen(s -> s.contains("you>"));
    type("Hello there");
    hold.awaitHeld(TmuxTerminal.DEADLINE);
    screen(s -> s.contains("waiting for the first token..."));
    hold.release();
    String done = screen(s -> count(s, "you>") == 2);
    assertThat(done).contains("flare4j emulator").doesNotContain("waiting for the first token");
  }

  @Test
  void ctrlCAtThePromptDropsTheLineTyped() throws Exception {
    start("--transport", "inference");
    screen(s -> s.contains("you>"));
    type("First");
    screen(s -> count(s, "you>") == 2);
    terminal.keys("-l", "half a line");
    screen(s -> s.contains("you> half a line"));
    terminal.keys("C-c");
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
    terminal.keys("C-d");
    screen(s -> s.contains("exited"));
    Path history = cacheDir.resolve(InteractiveChat.HISTORY_FILE);
    assertThat(Files.readString(history)).contains("Remember this line");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(history)))
        .isEqualTo("rw-------");
    terminal.close();

    start("--transport", "inference");
    screen(s -> s.contains("you>") && !s.contains("Remember"));
    terminal.keys("Up");
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
    terminal.keys("C-d"); // cat ends, and so does the prompt
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
    List<String> args = new ArrayList<>(List.of("chat", "--base-url", emulator.baseUrl(),
        "--cache-dir", cacheDir.toString(), "--no-browser"));
    args.addAll(List.of(options));
    terminal.start(prefix + TmuxTerminal.cli(args) + "; echo exited $?; sleep 600", 120, 40);
    started = true;
  }

  private void type(String line) throws Exception {
    terminal.type(line);
  }

  private String capture() throws Exception {
    return terminal.capture();
  }

  /** Polls the screen until it shows what is expected, or fails at the deadline with the screen. */
  private String screen(Predicate<String> expected) throws Exception {
    return terminal.screen(expected);
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
