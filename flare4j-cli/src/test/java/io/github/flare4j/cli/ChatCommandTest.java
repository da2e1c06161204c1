package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.cli.CliRunner.Result;
import io.github.flare4j.emulator.AgentFault;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.RecordedRequest;
import io.github.flare4j.emulator.StreamFormat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code flare4j chat} against a real emulator, in-process: over the Agents socket (the default,
 * {@code --transport auto}) and over {@code /api/inference} ({@code --transport inference}), where
 * the tests look at the HTTP request the service received. The environment is empty, so no
 * Chromium is found and none is started.
 */
class ChatCommandTest extends EmulatorTestBase {
  static final String GREETING = "Hello! I am the flare4j emulator. How can I help you today?";

  Result chat(String... args) {
    return chatWithInput("", args);
  }

  Result chatWithInput(String stdin, String... args) {
    return CliRunner.run(stdin, Map.of(), CliRunner.args(List.of(
        "chat", "--base-url", emulator.baseUrl(), "--cache-dir", cacheDir.toString()), args));
  }

  /** Over {@code POST /api/inference}. */
  Result inference(String... args) {
    return inferenceWithInput("", args);
  }

  Result inferenceWithInput(String stdin, String... args) {
    return chatWithInput(stdin, CliRunner.args(List.of("--transport", "inference"), args));
  }

  /** The frames the client sent on the Agents socket: resume probe, getModels, state, request. */
  List<Map<String, Object>> agentFrames(int count) {
    List<Map<String, Object>> frames = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      frames.add(JsonSupport.object(emulator.takeAgentFrame(Duration.ofSeconds(10))));
    }
    return frames;
  }

  @Test
  void talksOverTheAgentsSocketByDefault() {
    Result result = chat("Hello, how are you?");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo(GREETING + "\n");
    RecordedRequest upgrade = emulator.takeRequest();
    assertThat(upgrade.method()).isEqualTo("GET");
    assertThat(upgrade.path()).startsWith(Emulator.AGENTS_PATH + "/");
    List<Map<String, Object>> frames = agentFrames(4);
    assertThat(frames).extracting(frame -> frame.get("type")).containsExactly(
        "cf_agent_stream_resume_request", "rpc", "cf_agent_state", "cf_agent_use_chat_request");
    String body = (String) ((Map<?, ?>) frames.get(3).get("init")).get("body");
    assertThat(body).contains("Hello, how are you?").contains("submit-message");
    assertThat(emulator.requests()).extracting(RecordedRequest::path)
        .doesNotContain(Emulator.INFERENCE_PATH);
  }

  /**
   * The agent has no max_tokens setting: flare4j cuts its reply at 4 characters a token, says so
   * as for a service's limit, and cancels the turn.
   */
  @Test
  void maxTokensOverTheAgentsSocketCutsTheReplyOnTheClient() {
    Result result = chat("--max-tokens", "2", "tell me a story");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo("Echo: te\n");
    assertThat(result.err()).isEqualTo(
        "flare4j: warning: the reply was cut off at the token limit (--max-tokens 2)\n");
    assertThat(agentFrames(5)).extracting(frame -> frame.get("type")).containsExactly(
        "cf_agent_stream_resume_request", "rpc", "cf_agent_state", "cf_agent_use_chat_request",
        "cf_agent_chat_request_cancel");
  }

  /** What the agent cannot honour is refused by name before anything is sent. */
  @Test
  void theAgentsSocketRefusesASeedByName() {
    Result result = chat("--seed", "7", "tell me a story");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("Option '--seed' is not taken by");
    assertThat(emulator.requestCount()).isZero();
  }

  @Test
  void theAgentsSocketCarriesTheSystemPromptModelTemperatureAndCookies() {
    Result result = chat(
        "--system", "Answer like a pirate.",
        "-m", "llama-3.1-8b",
        "--temperature", "0.4",
        "--cookie", "cf_clearance=abc123",
        "tell me a story");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo("Echo: tell me a story\n");
    assertThat(result.errLines()).isEmpty();
    RecordedRequest upgrade = emulator.requests().stream()
        .filter(request -> request.path().startsWith(Emulator.AGENTS_PATH)).findFirst().orElseThrow();
    assertThat(upgrade.cookies()).containsEntry("cf_clearance", "abc123");
    @SuppressWarnings("unchecked")
    Map<String, Object> state = (Map<String, Object>) agentFrames(3).getLast().get("state");
    assertThat(state)
        .containsEntry("model", "@cf/meta/llama-3.1-8b-instruct-fp8")
        .containsEntry("system", "Answer like a pirate.")
        .containsEntry("temperature", 0.4)
        .containsEntry("stream", true)
        .doesNotContainKey("max_tokens");
  }

  @Test
  void transportInferencePostsToTheInferenceEndpoint() {
    Result result = inference("Hello");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo(GREETING + "\n");
    assertThat(emulator.requests()).extracting(RecordedRequest::path)
        .containsExactly(Emulator.INFERENCE_PATH);
  }

  @Test
  void transportAgentsAnswersOverTheSocketOnly() {
    Result result = chat("--transport", "AGENTS", "ping");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo("Echo: ping\n");
    assertThat(emulator.requests()).extracting(RecordedRequest::path)
        .singleElement().asString().startsWith(Emulator.AGENTS_PATH + "/");
  }

  @Test
  void autoFallsBackToInferenceWhenTheSocketIsRefused() {
    emulator.enqueueAgentFault(AgentFault.REFUSE_NON_BROWSER);

    Result result = chat("ping");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo("Echo: ping\n");
    assertThat(emulator.requests()).extracting(RecordedRequest::path).last()
        .isEqualTo(Emulator.INFERENCE_PATH);
  }

  @Test
  void streamsTheReplyToStandardOutputWithATrailingNewline() {
    Result result = inference("Hello, how are you?");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo(GREETING + "\n");
    assertThat(result.err()).isEmpty();
    RecordedRequest request = emulator.takeRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo(Emulator.INFERENCE_PATH);
  }

  @Test
  void joinsTheWordsOfThePrompt() {
    Result result = chat("what", "is", "up");

    assertThat(result.out()).isEqualTo("Echo: what is up\n");
  }

  @Test
  void streamsTheV5FormatToo() {
    emulator.format(StreamFormat.V5);

    Result result = inference("ping", "pong");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo("Echo: ping pong\n");
  }

  @Test
  void readsThePromptFromStandardInputWhenNoneIsGiven() {
    Result result = inferenceWithInput("first line\nsecond line\n");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo("Echo: first line\nsecond line\n");
    assertThat(JsonSupport.object(emulator.takeRequest().body()).get("messages").toString())
        .contains("first line\nsecond line");
  }

  @Test
  void readsThePromptFromStandardInputForADash() {
    Result result = chatWithInput("from stdin", "-");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo("Echo: from stdin\n");
  }

  @Test
  void anEmptyPromptIsAUsageErrorAndSendsNothing() {
    Result fromStdin = chatWithInput("  \n");
    Result fromArgument = chat("");

    assertThat(fromStdin.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(fromStdin.errLines()).first().asString().startsWith("flare4j: The prompt is empty");
    assertThat(fromStdin.errLines()).last().asString().contains("flare4j chat --help");
    assertThat(fromArgument.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(emulator.requestCount()).isZero();
  }

  @Test
  void aNanTemperatureIsAUsageErrorOfOneLineAndSendsNothing() {
    Result result = inference("--temperature", "NaN", "hi");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines()).containsExactly("flare4j: Invalid value for option"
        + " '--temperature': must be from 0 to 5 (Workers AI's range), was NaN");
    assertThat(emulator.requestCount()).isZero();
  }

  @Test
  void anOutOfRangeOptionIsAUsageErrorOnEveryProvider() {
    Result result = CliRunner.run("", Map.of("CLOUDFLARE_ACCOUNT_ID", emulator.accountId(),
        "CLOUDFLARE_API_TOKEN", emulator.apiToken()), CliRunner.args(List.of("chat", "--base-url",
        emulator.baseUrl(), "--provider", "workers-ai"), "--top-p", "Infinity", "hi"));

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines()).containsExactly("flare4j: Invalid value for option"
        + " '--top-p': must be from 0 to 2 (Workers AI's range), was Infinity");
    assertThat(emulator.requestCount()).isZero();
  }

  @Test
  void rejectIfBusyIsRefusedByNameOnThePlayground() {
    Result result = inference("--reject-if-busy", "hi");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines().getFirst()).startsWith("flare4j: Option '--reject-if-busy' is not"
        + " taken by ");
    assertThat(emulator.requestCount()).isZero();
  }

  @Test
  void jsonPrintsOneEventPerLineEndingWithUsageAndFinish() {
    Result result = inference("--json", "one two three");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).endsWith("\n");
    List<Map<String, Object>> events = result.out().lines().map(JsonSupport::object).toList();
    List<Object> types = events.stream().map(event -> event.get("type")).toList();
    assertThat(types).hasSizeGreaterThanOrEqualTo(3);
    assertThat(types.subList(0, types.size() - 2)).containsOnly("text");
    assertThat(types.subList(types.size() - 2, types.size())).containsExactly("usage", "finish");
    String text = events.stream().filter(event -> "text".equals(event.get("type")))
        .map(event -> (String) event.get("text")).reduce("", String::concat);
    assertThat(text).isEqualTo("Echo: one two three");
    Map<String, Object> usage = events.get(events.size() - 2);
    assertThat(usage).containsKeys("prompt_tokens", "completion_tokens", "total_tokens");
    assertThat((Long) usage.get("total_tokens"))
        .isEqualTo((Long) usage.get("prompt_tokens") + (Long) usage.get("completion_tokens"));
    assertThat(events.getLast()).containsEntry("reason", "stop");
  }

  @Test
  void jsonIncludesReasoningEventsFirst() {
    Result result = inference("--json", "-m", "deepseek-distill-qwen-32b", "think");

    List<Object> types = result.out().lines().map(JsonSupport::object)
        .map(event -> event.get("type")).toList();
    assertThat(types).startsWith("reasoning", "reasoning", "text").endsWith("usage", "finish");
  }

  @Test
  void showReasoningPrintsTheReasoningOnStandardError() {
    Result hidden = inference("-m", "deepseek-distill-qwen-32b", "think");
    Result shown = inference("--show-reasoning", "-m", "deepseek-distill-qwen-32b", "think");

    assertThat(hidden.out()).isEqualTo("Echo: think\n");
    assertThat(hidden.err()).isEmpty();
    assertThat(shown.out()).isEqualTo("Echo: think\n");
    assertThat(shown.err()).isEqualTo("Let me think about this.\n");
  }

  @Test
  void systemModelMaxTokensAndCookiesReachTheService() {
    Result result = inference(
        "--system", "Answer like a pirate.",
        "-m", "llama-3.1-8b",
        "--max-tokens", "2",
        "--cookie", "cf_clearance=abc123",
        "--cookie", "other=xyz",
        "tell me a story");

    assertThat(result.exitCode()).as("%s", result).isZero();
    RecordedRequest request = emulator.requests().getLast(); // after the list the alias is checked on
    Map<String, Object> body = JsonSupport.object(request.body());
    assertThat(body)
        .containsEntry("model", "@cf/meta/llama-3.1-8b-instruct-fp8")
        .containsEntry("system_message", "Answer like a pirate.")
        .containsEntry("max_tokens", 2L);
    assertThat(request.cookies())
        .containsEntry("cf_clearance", "abc123")
        .containsEntry("other", "xyz");
    // The emulator cuts the reply at max_tokens: the CLI says so on stderr.
    assertThat(result.out()).isEqualTo("Echo: tell \n");
    assertThat(result.err()).isEqualTo(
        "flare4j: warning: the reply was cut off at the token limit (--max-tokens 2)\n");
  }

  @Test
  void theBaseUrlComesFromTheEnvironmentWhenNotGiven() {
    Result result = CliRunner.run("", Map.of(ServiceOptions.BASE_URL_ENV, emulator.baseUrl()),
        "chat", "--cache-dir", cacheDir.toString(), "Hello");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo(GREETING + "\n");
  }

  @Test
  void anUnknownModelEndsWithCode8AndSendsNoPrompt() {
    Result result = chat("-m", "llama-3.3-7b", "hi");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.MODEL_NOT_FOUND);
    assertThat(result.out()).isEmpty();
    assertThat(result.errLines()).singleElement().asString()
        .startsWith("flare4j: Model 'llama-3.3-7b' is not known")
        .contains("did you mean");
    assertThat(emulator.requests()).extracting(RecordedRequest::path)
        .singleElement().asString().as("the model list's socket only").startsWith(Emulator.AGENTS_PATH);
  }

  @Test
  void anAliasWhoseModelIsNoLongerListedEndsWithCode8AndSendsNoPrompt() {
    emulator.models(List.of("@cf/meta/llama-3.3-70b-instruct-fp8-fast", "@cf/openai/gpt-oss-20b"));

    Result result = chat("-m", "gpt-oss-120b", "hi");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.MODEL_NOT_FOUND);
    assertThat(result.errLines()).singleElement().asString()
        .startsWith("flare4j: Model 'gpt-oss-120b' stands for @cf/openai/gpt-oss-120b")
        .contains("@cf/openai/gpt-oss-20b");
    for (int i = 0; i < 2; i++) {
      assertThat(emulator.takeAgentFrame(Duration.ofSeconds(10)))
          .doesNotContain("cf_agent_use_chat_request", "cf_agent_state");
    }
  }

  @Test
  void libraryWarningsArePrintedAsOneLine() {
    emulator.enqueueAgentFault(AgentFault.RPC_ERROR);

    Result result = chat("-m", "no-such-model", "hi");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.MODEL_NOT_FOUND);
    assertThat(result.errLines()).hasSize(2);
    assertThat(result.errLines().getFirst()).startsWith("flare4j: warning: ")
        .contains("getModels failed");
    assertThat(result.errLines().get(1)).startsWith("flare4j: Model 'no-such-model'");
  }

  @Test
  void aShortNameIsResolvedToTheOneListedModelItEnds() {
    Result result = inference("-m", "deepseek-v4-flash", "hi");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(emulator.requests().getLast().body())
        .contains("\"model\":\"@cf/deepseek-ai/deepseek-v4-flash-0731\"");
  }

  @Test
  void aShortNameThatMatchesSeveralModelsEndsWithCode8NamingThem() {
    Result result = inference("-m", "deepseek-v4", "hi");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.MODEL_NOT_FOUND);
    assertThat(result.errLines()).singleElement().asString().isEqualTo("flare4j: Model"
        + " 'deepseek-v4' matches several models Cloudflare AI lists:"
        + " @cf/deepseek-ai/deepseek-v4-flash-0731, @cf/deepseek-ai/deepseek-v4-pro-0813; name one"
        + " of them (a longer name, or the full id)");
    assertThat(emulator.requests()).extracting(RecordedRequest::path)
        .doesNotContain(Emulator.INFERENCE_PATH);
  }

  @Test
  void anUnknownFullModelIdIsSentAsGiven() {
    Result result = inference("-m", "@cf/acme/brand-new-model", "hi");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(emulator.requests()).extracting(RecordedRequest::path).as("an id needs no list")
        .containsExactly(Emulator.INFERENCE_PATH);
    assertThat(emulator.requests().get(0).body()).contains("\"model\":\"@cf/acme/brand-new-model\"");
  }
}
