package io.github.flare4j.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.CallProgress;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.Fault;
import io.github.flare4j.emulator.RecordedRequest;
import io.github.flare4j.error.CloudflareChallengeException;
import io.github.flare4j.error.NetworkException;
import io.github.flare4j.error.RequestTimeoutException;
import io.github.flare4j.spi.SessionArgs;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real headless Chromium passing the emulator's JavaScript challenge. */
class ChromiumArgsAcquirerTest {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  Emulator emulator;
  ChromiumArgsAcquirer acquirer;

  @BeforeEach
  void start() {
    acquirer = new ChromiumArgsAcquirer(RealChromium.requireOrSkip());
    emulator = Emulator.builder().challenge(true).start();
  }

  @AfterEach
  void stop() {
    if (emulator != null) {
      emulator.close();
      RealChromium.assertNothingLeaked();
    }
  }

  @Test
  void argsAreAcquiredThroughTheJavaScriptChallenge() {
    long start = System.nanoTime();
    SessionArgs args = acquirer.getArgs(emulator.baseUrl(), null, TIMEOUT);
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    System.err.println("[flare4j-browser] acquisition through the challenge took " + millis + " ms");

    assertThat(args.cookies()).containsKey("cf_clearance");
    assertThat(args.header("origin")).isEqualTo(emulator.baseUrl());
    assertThat(args.header("referer")).isEqualTo(emulator.baseUrl() + "/");
    assertThat(args.header("user-agent")).contains("Chrome/").doesNotContain("Headless");
  }

  /** The challenge script sets the clearance with {@code max-age=1800}: Chromium's expiry is kept. */
  @Test
  void theClearanceComesWithTheExpiryTheBrowserGaveIt() {
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    SessionArgs args = acquirer.getArgs(emulator.baseUrl(), null, TIMEOUT);
    Instant after = Instant.now().plusSeconds(1);

    assertThat(args.expiry("cf_clearance")).get().satisfies(expiry -> assertThat(expiry)
        .isBetween(before.plusSeconds(1800 - 60), after.plusSeconds(1800)));
    assertThat(args.withoutExpired(after.plusSeconds(1800)).cookies())
        .doesNotContainKey("cf_clearance");
  }

  @Test
  void theChallengeOnThePageIsToldOnceBeforeItIsPassed() {
    List<CallProgress> told = new CopyOnWriteArrayList<>();

    SessionArgs args = acquirer.getArgs(emulator.baseUrl(), null, TIMEOUT, told::add);

    assertThat(args.cookies()).containsKey("cf_clearance");
    assertThat(told).containsExactly(CallProgress.challenge("headless Chromium"));
  }

  @Test
  void aPageWithNoChallengeTellsNothing() {
    emulator.close();
    emulator = Emulator.start();
    List<CallProgress> told = new CopyOnWriteArrayList<>();

    acquirer.getArgs(emulator.baseUrl(), null, TIMEOUT, told::add);

    assertThat(told).isEmpty();
  }

  @Test
  void thePageShowsTheChallengeFirstAndTheBrowserNeverSaysHeadless() {
    acquirer.getArgs(emulator.baseUrl(), null, TIMEOUT);

    List<RecordedRequest> pages = emulator.requests().stream()
        .filter(request -> request.path().equals("/")).toList();
    assertThat(pages).hasSizeGreaterThanOrEqualTo(2);
    assertThat(pages.getFirst().cookies()).doesNotContainKey("cf_clearance");
    assertThat(pages.getLast().cookies()).containsKey("cf_clearance");
    assertThat(emulator.requests()).allSatisfy(request ->
        assertThat(request.header("User-Agent")).doesNotContain("Headless"));
  }

  @Test
  void aSiteThatCannotBeReachedIsANetworkErrorAndLeavesNothingBehind() {
    String closed = emulator.baseUrl();
    emulator.close();

    assertThatThrownBy(() -> acquirer.getArgs(closed, null, TIMEOUT))
        .isInstanceOf(NetworkException.class)
        .hasMessageContaining("Chromium could not open " + closed);
  }

  @Test
  void aChallengeThatIsNeverPassedIsAChallengeErrorAndLeavesNothingBehind() {
    emulator.enqueueFault(Fault.CHALLENGE, "/stuck/");

    // Was a RequestTimeoutException: a page that loaded and kept its challenge is now said to be one.
    assertThatThrownBy(() -> acquirer.getArgs(emulator.baseUrl() + "/stuck", null,
        Duration.ofSeconds(4)))
        .isInstanceOf(CloudflareChallengeException.class)
        .hasMessageContaining("Just a moment...");
  }
}
