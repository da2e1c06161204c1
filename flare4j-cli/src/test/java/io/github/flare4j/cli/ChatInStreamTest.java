package io.github.flare4j.cli;

import static io.github.flare4j.cli.ChatErrorTest.assertNoStackTrace;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.cli.CliRunner.Result;
import io.github.flare4j.emulator.AgentFault;
import io.github.flare4j.emulator.ReplyScript;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What {@code flare4j chat} shows for what the playground's agent reports inside its stream: a
 * Workers AI rate limit (one clear line, exit 4) and a step it started over.
 */
class ChatInStreamTest extends EmulatorTestBase {
  static final String DETAILS = "3021: rate limiting: inference request per min rate reached";

  Result chat(String... args) {
    return CliRunner.run("", Map.of(), CliRunner.args(List.of(
        "chat", "--base-url", emulator.baseUrl(), "--cache-dir", cacheDir.toString()), args));
  }

  @Test
  void aSocketRateLimitIsOneLineInTheServicesWordsAndExit4() {
    emulator.enqueueAgentFault(AgentFault.RATE_LIMIT_FRAME);

    Result result = chat("--retries", "0", "hello");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.RATE_LIMITED);
    assertThat(result.out()).isEmpty();
    assertThat(result.errLines()).as("%s", result).singleElement().asString()
        .matches("flare4j: WebSocket ws://127\\.0\\.0\\.1:\\d+/agents/playground/flare4j-[0-9a-f-]{36}"
            + " reported a rate limit: Inference failed \\(\\Q" + DETAILS + "\\E\\)\\."
            + " Wait a minute before trying again");
    assertNoStackTrace(result);
  }

  @Test
  void aSocketRateLimitBeforeAnyTextIsRetriedAndTheReplyPrinted() {
    emulator.enqueueAgentFault(AgentFault.RATE_LIMIT_FRAME);

    Result result = chat("--debug", "hello");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo(ReplyScript.GREETING + "\n");
    assertThat(result.errLines()).anySatisfy(line -> assertThat(line)
        .startsWith("flare4j: debug: attempt 1 failed (").contains("reported a rate limit", "retrying in"));
  }

  @Test
  void aSocketRateLimitAfterTextKeepsItAndStillExits4() {
    emulator.enqueueAgentFault(AgentFault.RATE_LIMIT_TEXT_FRAME);

    Result result = chat("one two three four five six seven eight");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.RATE_LIMITED);
    assertThat(result.out()).as("the text that arrived is kept, its line ended")
        .isNotBlank().endsWith("\n").doesNotEndWith("\n\n");
    assertThat(result.errLines()).as("%s", result).singleElement().asString()
        .startsWith("flare4j: WebSocket ")
        .contains(" reported a rate limit: " + DETAILS + ". Wait a minute before trying again")
        .contains("cut short after").endsWith("what was printed is only part of it");
    assertNoStackTrace(result);
  }

  @Test
  void aStepStartedOverIsNotedOnStandardErrorAndTheRestPrinted() {
    emulator.enqueueAgentFault(AgentFault.PROTOCOL_DRIFT);

    Result result = chat("hello");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).as("what was printed stays printed")
        .isEqualTo("A first draft, withdrawn. " + ReplyScript.GREETING + "\n");
    assertThat(result.errLines()).as("%s", result).contains(
        "flare4j: note: the service started the current step over: the last 26 characters of text"
            + " printed, 28 characters of reasoning and 1 tool call are not part of the reply any more");
    assertThat(result.errLines()).anySatisfy(line -> assertThat(line)
        .startsWith("flare4j: warning: ").contains("refused the settings", "State update rejected"));
  }

  @Test
  void jsonPrintsAStepResetEvent() {
    emulator.enqueueAgentFault(AgentFault.PROTOCOL_DRIFT);

    Result result = chat("--json", "hello");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out().lines()).containsSubsequence(
        "{\"type\":\"text\",\"text\":\"A first draft, withdrawn. \"}",
        "{\"type\":\"step_reset\",\"text_length\":26,\"reasoning_length\":28,\"tool_calls\":1}",
        "{\"type\":\"text\",\"text\":\"Hello! \"}");
  }
}
