package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.cli.CliRunner.Result;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.RecordedRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flare4j chat} against an emulator behind Cloudflare's JavaScript challenge, with real
 * headless Chromium found through the run's environment. Skipped without Chromium, except on CI
 * ({@code CI=true}). After each test, no Chromium process or profile may be left.
 */
class ChatThroughChromiumTest {
  @TempDir
  Path cacheDir;

  RealChromium chromium;
  Emulator emulator;

  @BeforeEach
  void start() {
    chromium = RealChromium.requireOrSkip();
    emulator = Emulator.builder().challenge(true).start();
  }

  @AfterEach
  void stop() {
    if (emulator != null) {
      emulator.close();
      chromium.assertNothingLeaked();
    }
  }

  Result chat(String... args) {
    return CliRunner.run("", RealChromium.environment(), CliRunner.args(List.of(
        "chat", "--base-url", emulator.baseUrl(), "--cache-dir", cacheDir.toString(),
        "--timeout", "120"), args));
  }

  @Test
  void answersThroughTheChallengeOverTheAgentsSocket() {
    Result result = chat("Hello");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo(ChatCommandTest.GREETING + "\n");
    RecordedRequest upgrade = emulator.requests().stream()
        .filter(request -> request.path().startsWith(Emulator.AGENTS_PATH)).findFirst()
        .orElseThrow();
    assertThat(upgrade.cookies()).containsKey("cf_clearance");
    assertThat(upgrade.header("User-Agent")).contains("Chrome/").doesNotContain("Headless");
    assertThat(emulator.requests()).extracting(RecordedRequest::path)
        .doesNotContain(Emulator.INFERENCE_PATH);
  }

  @Test
  void answersThroughTheChallengeOverInference() {
    Result result = chat("--transport", "inference", "ping");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo("Echo: ping\n");
    RecordedRequest post = emulator.requests().stream()
        .filter(request -> request.path().equals(Emulator.INFERENCE_PATH)).findFirst()
        .orElseThrow();
    assertThat(post.cookies()).containsKey("cf_clearance");
  }

  @Test
  void answersThroughTheChallengeWithABrowserWindowOnItsOwnXvfb() {
    RealChromium.requireXvfbOrSkip(); // the run's environment has no DISPLAY

    Result result = chat("--browser-window", "--transport", "inference", "ping");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo("Echo: ping\n");
    RecordedRequest post = emulator.requests().stream()
        .filter(request -> request.path().equals(Emulator.INFERENCE_PATH)).findFirst()
        .orElseThrow();
    assertThat(post.cookies()).containsKey("cf_clearance");
    assertThat(post.header("User-Agent")).contains("Chrome/").doesNotContain("Headless");
  }

  @Test
  void aChallengeTheBrowserCannotPassIsExitCode3NamingWhatThePageShowed() {
    emulator.close();
    emulator = Emulator.builder().unpassableChallenge(true).start();

    Result result = CliRunner.run("", RealChromium.environment(), "chat", "--base-url",
        emulator.baseUrl(), "--cache-dir", cacheDir.toString(), "--timeout", "3", "Hello");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.AUTH);
    assertThat(result.errLines()).as("%s", result).singleElement().asString()
        .startsWith("flare4j: ")
        .contains("answered HTTP 403", "'Just a moment...'", "--browser-window", "--cookie");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void theSocketRunsInTheBrowserWhenPlainClientsAreRefused() {
    emulator.browsersOnlySockets(true);

    Result result = chat("--transport", "agents", "ping");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo("Echo: ping\n");
    List<RecordedRequest> sockets = emulator.requests().stream()
        .filter(request -> request.path().startsWith(Emulator.AGENTS_PATH)).toList();
    assertThat(sockets.getLast().header("Origin")).isEqualTo(emulator.baseUrl());
  }
}
