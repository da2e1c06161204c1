package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.cli.CliRunner.Result;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.Fault;
import io.github.flare4j.emulator.RecordedRequest;
import io.github.flare4j.emulator.StreamFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flare4j chat} against a real emulator, in-process. */
class ChatCommandTest {
  static final String GREETING = "Hello! I am the flare4j emulator. How can I help you today?";

  @TempDir
  Path cacheDir;

  Emulator emulator;

  @BeforeEach
  void startEmulator() {
    emulator = Emulator.start();
  }

  @AfterEach
  void stopEmulator() {
    emulator.close();
  }

  Result chat(String... args) {
    return chatWithInput("", args);
  }

  Result chatWithInput(String stdin, String... args) {
    return CliRunner.run(stdin, Map.of(), CliRunner.args(List.of(
        "chat", "--base-url", emulator.baseUrl(), "--cache-dir", cacheDir.toString()), args));
  }

  @Test
  void streamsTheReplyToStandardOutputWithATrailingNewline() {
    Result result = chat("Hello, how are you?");

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

    Result result = chat("ping", "pong");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo("Echo: ping pong\n");
  }

  @Test
  void readsThePromptFromStandardInputWhenNoneIsGiven() {
    Result result = chatWithInput("first line\nsecond line\n");

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
  void jsonPrintsOneEventPerLineEndingWithUsageAndFinish() {
    Result result = chat("--json", "one two three");

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
    Result result = chat("--json", "-m", "deepseek-distill-qwen-32b", "think");

    List<Object> types = result.out().lines().map(JsonSupport::object)
        .map(event -> event.get("type")).toList();
    assertThat(types).startsWith("reasoning", "reasoning", "text").endsWith("usage", "finish");
  }

  @Test
  void showReasoningPrintsTheReasoningOnStandardError() {
    Result hidden = chat("-m", "deepseek-distill-qwen-32b", "think");
    Result shown = chat("--show-reasoning", "-m", "deepseek-distill-qwen-32b", "think");

    assertThat(hidden.out()).isEqualTo("Echo: think\n");
    assertThat(hidden.err()).isEmpty();
    assertThat(shown.out()).isEqualTo("Echo: think\n");
    assertThat(shown.err()).isEqualTo("Let me think about this.\n");
  }

  @Test
  void systemModelMaxTokensAndCookiesReachTheService() {
    Result result = chat(
        "--system", "Answer like a pirate.",
        "-m", "llama-3.1-8b",
        "--max-tokens", "2",
        "--cookie", "cf_clearance=abc123",
        "--cookie", "other=xyz",
        "tell me a story");

    assertThat(result.exitCode()).as("%s", result).isZero();
    RecordedRequest request = emulator.takeRequest();
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
        .containsExactly(Emulator.MODELS_PATH);
  }

  @Test
  void libraryWarningsArePrintedAsOneLine() {
    emulator.enqueueFault(Fault.SERVER_ERROR, Emulator.MODELS_PATH);

    Result result = chat("-m", "no-such-model", "hi");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.MODEL_NOT_FOUND);
    assertThat(result.errLines()).hasSize(2);
    assertThat(result.errLines().getFirst())
        .startsWith("flare4j: warning: Cannot fetch the model list, using the built-in one: ")
        .contains("500");
    assertThat(result.errLines().get(1)).startsWith("flare4j: Model 'no-such-model'");
  }

  @Test
  void anUnknownFullModelIdIsSentAsGiven() {
    Result result = chat("-m", "@cf/acme/brand-new-model", "hi");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(emulator.requests()).extracting(RecordedRequest::path)
        .containsExactly(Emulator.MODELS_PATH, Emulator.INFERENCE_PATH);
    assertThat(emulator.requests().get(1).body()).contains("\"model\":\"@cf/acme/brand-new-model\"");
  }
}
