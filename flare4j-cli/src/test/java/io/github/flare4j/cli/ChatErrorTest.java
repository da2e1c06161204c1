package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.cli.CliRunner.Result;
import io.github.flare4j.emulator.AgentFault;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How {@code flare4j chat} fails: exit codes, one line on stderr, stack traces only with --debug.
 * The HTTP faults are queued for {@code /api/inference}, so those runs use
 * {@code --transport inference}; the Agents socket's faults are tested over the default transport.
 * The environment is empty: no Chromium is found.
 */
class ChatErrorTest extends EmulatorTestBase {
  static final String SECRET = "s3cr3t-cookie-value-42";

  /**
   * Over {@code /api/inference}, where {@link Emulator#enqueueFault(Fault)} applies, in one attempt:
   * these tests are about how each failure is reported.
   */
  Result chat(String... args) {
    return agents(CliRunner.args(List.of("--transport", "inference", "--retries", "0"), args));
  }

  @Test
  void aServerErrorIsRetriedAndTheReplyArrives() {
    emulator.enqueueFault(Fault.SERVER_ERROR);

    Result result = agents("--transport", "inference", "--debug", "hi");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isNotEmpty();
    assertThat(result.errLines()).anySatisfy(line -> assertThat(line)
        .startsWith("flare4j: debug: attempt 1 failed (").contains("HTTP 500", "retrying in"));
    assertThat(emulator.requests()).extracting(r -> r.path())
        .containsExactly(Emulator.INFERENCE_PATH, Emulator.INFERENCE_PATH);
  }

  /** With the default transport ({@code auto}: the Agents socket first). */
  Result agents(String... args) {
    return run(Map.of(), args);
  }

  Result run(Map<String, String> env, String... args) {
    return CliRunner.run("", env, CliRunner.args(List.of(
        "chat", "--base-url", emulator.baseUrl(), "--cache-dir", cacheDir.toString()), args));
  }

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of(Fault.CHALLENGE, ExitCodes.AUTH),
        Arguments.of(Fault.UNAUTHORIZED, ExitCodes.AUTH),
        Arguments.of(Fault.RATE_LIMIT, ExitCodes.RATE_LIMITED),
        Arguments.of(Fault.SERVER_ERROR, ExitCodes.SERVICE),
        Arguments.of(Fault.RESET, ExitCodes.NETWORK),
        Arguments.of(Fault.TRUNCATED, ExitCodes.PROTOCOL),
        Arguments.of(Fault.MALFORMED_LINE, ExitCodes.PROTOCOL),
        Arguments.of(Fault.ERROR_PART, ExitCodes.PROTOCOL));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("faults")
  void eachFaultEndsWithItsExitCodeAndOneLineOnStderr(Fault fault, int exitCode) {
    emulator.enqueueFault(fault);

    Result result = chat("one two three four five six seven eight");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(exitCode);
    assertThat(result.errLines()).as("%s", result).singleElement().asString()
        .startsWith("flare4j: ");
    assertNoStackTrace(result);
    assertThat(result.out()).as("stdout ends its line, whatever was printed")
        .satisfiesAnyOf(out -> assertThat(out).isEmpty(), out -> assertThat(out).endsWith("\n"));
  }

  static Stream<Arguments> cutShort() {
    return Stream.of(
        Arguments.of(Fault.TRUNCATED, ExitCodes.PROTOCOL),
        Arguments.of(Fault.RESET, ExitCodes.NETWORK));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("cutShort")
  void aReplyCutShortKeepsThePrintedTextEndsTheLineAndSaysItIsPartial(Fault fault, int exitCode) {
    emulator.enqueueFault(fault);

    Result result = chat("one two three four five six seven eight");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(exitCode);
    assertThat(result.out()).as("the text that arrived is kept, its line ended")
        .isNotBlank().endsWith("\n").doesNotEndWith("\n\n");
    assertThat(result.errLines()).as("%s", result).singleElement().asString()
        .contains("cut short after").contains("what was printed is only part of it");
  }

  static Stream<Arguments> agentFaults() {
    return Stream.of(
        Arguments.of(AgentFault.ERROR_FRAME, ExitCodes.PROTOCOL),
        Arguments.of(AgentFault.CLOSE_MID_STREAM, ExitCodes.NETWORK),
        Arguments.of(AgentFault.NO_FRAME, ExitCodes.NETWORK));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("agentFaults")
  void eachAgentsFaultEndsWithItsExitCodeAndOneLineOnStderr(AgentFault fault, int exitCode) {
    emulator.enqueueAgentFault(fault);

    Result result = agents("--idle-timeout", "1", "one two three four five six seven eight");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(exitCode);
    assertThat(result.errLines()).as("%s", result)
        .singleElement().asString().startsWith("flare4j: ").contains("WebSocket");
    assertNoStackTrace(result);
    assertThat(result.out()).satisfiesAnyOf(
        out -> assertThat(out).isEmpty(), out -> assertThat(out).endsWith("\n"));
  }

  @Test
  void anInvalidTransportIsAUsageError() {
    Result result = agents("--transport", "carrier-pigeon", "hi");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines()).containsExactly(
        "flare4j: Invalid value for option '--transport': expected auto, agents or inference,"
            + " not 'carrier-pigeon'",
        "Try 'flare4j chat --help' for more information.");
    assertThat(emulator.requestCount()).isZero();
  }

  @Test
  void aChallengeWithoutChromiumSaysHowToInstallIt() {
    emulator.challenge(true);

    Result result = agents("hi");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.AUTH);
    assertThat(result.errLines()).singleElement().asString()
        .startsWith("flare4j: ")
        .contains("Cloudflare challenge")
        .contains("A browser is needed to pass it and none was found")
        .contains("apt-get install chromium")
        .contains("FLARE4J_CHROMIUM");
    assertNoStackTrace(result);
  }

  @Test
  void noBrowserMeetsAChallengeWithExitCode3AndSaysABrowserIsNeeded() throws IOException {
    emulator.challenge(true);
    // A "Chromium" that leaves a mark when started: --no-browser must not start it.
    Path fakeChromium = Files.writeString(cacheDir.resolve("fake-chromium"),
        "#!/bin/sh\ntouch \"$0.started\"\nexit 1\n");
    Assumptions.assumeTrue(fakeChromium.toFile().setExecutable(true), "cannot make a script executable");

    Result result = run(Map.of("FLARE4J_CHROMIUM", fakeChromium.toString()), "--no-browser", "hi");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.AUTH);
    assertThat(result.errLines()).singleElement().asString()
        .startsWith("flare4j: ")
        .contains("Cloudflare challenge")
        .contains("A browser is needed to pass it and --no-browser turned it off")
        .contains("apt-get install chromium")
        .contains("--cookie");
    assertNoStackTrace(result);
    assertThat(cacheDir.resolve("fake-chromium.started")).as("a browser was started").doesNotExist();
  }

  @Test
  void agentsForcedWithTheSocketRefusedAndNoChromiumToRelayItExitsWith3() {
    emulator.browsersOnlySockets(true);

    Result result = agents("--transport", "agents", "hi");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.AUTH);
    assertThat(result.errLines()).singleElement().asString()
        .startsWith("flare4j: No Chromium found")
        .contains("apt-get install chromium");
  }

  @Test
  void rateLimitSaysWhenToRetry() {
    emulator.enqueueFault(Fault.RATE_LIMIT);

    Result result = chat("hi");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.RATE_LIMITED);
    assertThat(result.err()).contains("HTTP 429").containsIgnoringCase("retry after 7 s");
  }

  @Test
  void challengeSaysWhatToDo() {
    emulator.enqueueFault(Fault.CHALLENGE);

    Result result = chat("hi");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.AUTH);
    assertThat(result.err()).contains("challenge").contains("--cookie");
  }

  @Test
  void textPrintedBeforeAnErrorEndsItsLine() {
    emulator.enqueueFault(Fault.ERROR_PART);

    Result result = chat("one two three four five six");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.PROTOCOL);
    assertThat(result.out()).isNotEmpty().endsWith("\n");
    assertThat(result.out().lines()).hasSize(1);
    assertThat(result.err()).contains("reported an error in the stream");
  }

  @Test
  void aStalledStreamFailsAfterTheIdleLimit() {
    emulator.enqueueFault(Fault.STALL);

    Result result = chat("--idle-timeout", "0.2", "one two three");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.NETWORK);
    assertThat(result.errLines()).singleElement().asString()
        .startsWith("flare4j: ").contains("stalled");
    assertThat(result.out()).satisfiesAnyOf(
        out -> assertThat(out).isEmpty(), out -> assertThat(out).endsWith("\n"));
    assertNoStackTrace(result);
  }

  @Test
  void aStalledStreamFailsAfterTheTotalTimeout() {
    emulator.enqueueFault(Fault.STALL);

    Result result = chat("--timeout", "0.5", "one two three");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.NETWORK);
    assertThat(result.errLines()).singleElement().asString().contains("--timeout");
  }

  @Test
  void anUnreachableServiceIsANetworkError() {
    String baseUrl = emulator.baseUrl();
    emulator.close();

    Result result = CliRunner.run("chat", "--base-url", baseUrl, "--cache-dir", cacheDir.toString(), "hi");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.NETWORK);
    // One line per retry (the default two), then the failure's.
    assertThat(result.errLines()).hasSize(3);
    assertThat(result.errLines().subList(0, 2)).allSatisfy(line -> assertThat(line)
        .startsWith("flare4j: attempt ").contains("could not be reached", "retrying in"));
    assertThat(result.errLines().getLast()).contains("could not be reached")
        .doesNotContain("retrying");
  }

  @Test
  void debugAddsTheStackTrace() {
    emulator.enqueueFault(Fault.SERVER_ERROR);

    Result result = chat("--debug", "hi");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.SERVICE);
    assertThat(result.errLines()).filteredOn(line -> line.startsWith("flare4j: debug: "))
        .isNotEmpty();
    assertThat(result.errLines()).filteredOn(line -> line.contains("HTTP 500")).first().asString()
        .startsWith("flare4j: POST ");
    assertThat(result.err())
        .contains("io.github.flare4j.error.ResponseStatusException")
        .contains("\tat ");
  }

  @Test
  void cookieValuesNeverReachStandardError() {
    emulator.enqueueFault(Fault.CHALLENGE);
    Result refused = chat("--debug", "--cookie", "cf_clearance=" + SECRET, "hi");
    assertThat(emulator.takeRequest().cookies()).containsEntry("cf_clearance", SECRET);

    Result malformed = chat("--cookie", "bad name=" + SECRET, "hi");
    Result mistyped = chat("--cookei=cf_clearance=" + SECRET, "hi");
    emulator.enqueueFault(Fault.STALL);
    Result stalled = chat("--debug", "--idle-timeout", "0.2", "--cookie", "a=" + SECRET, "hi");

    assertThat(refused.exitCode()).isEqualTo(ExitCodes.AUTH);
    assertThat(malformed.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(mistyped.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(stalled.exitCode()).isEqualTo(ExitCodes.NETWORK);
    for (Result result : List.of(refused, malformed, mistyped, stalled)) {
      assertThat(result.err()).as("%s", result).isNotEmpty().doesNotContain(SECRET);
      assertThat(result.out()).doesNotContain(SECRET);
    }
  }

  @Test
  void aBadProxyUrlIsAUsageError() {
    Result result = chat("--proxy", "ftp://user:" + SECRET + "@proxy:21", "hi");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines()).hasSize(2);
    assertThat(result.errLines().getFirst()).startsWith("flare4j: Invalid value for option '--proxy'");
    assertThat(result.errLines().getLast()).isEqualTo("Try 'flare4j chat --help' for more information.");
    assertThat(result.err()).doesNotContain(SECRET);
    assertThat(emulator.requestCount()).isZero();
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    Result result = chat("--frobnicate", "hi");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines()).containsExactly(
        "flare4j: Unknown option: '--frobnicate'",
        "Try 'flare4j chat --help' for more information.");
  }

  @Test
  void badValuesAreUsageErrors() {
    assertThat(chat("--max-tokens", "0", "hi").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(chat("--max-tokens", "many", "hi").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(chat("--timeout", "-1", "hi").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(chat("--timeout", "soon", "hi").exitCode()).isEqualTo(ExitCodes.USAGE);
    Result badUrl = CliRunner.run("chat", "--base-url", "ftp://example.com", "hi");
    assertThat(badUrl.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badUrl.errLines().getFirst()).startsWith("flare4j: Invalid value for option '--base-url'");
    assertThat(emulator.requestCount()).isZero();
  }

  static void assertNoStackTrace(Result result) {
    assertThat(result.err()).as("%s", result)
        .doesNotContain("\tat ")
        .doesNotContain("Exception in thread")
        .doesNotContain("Caused by");
  }
}
