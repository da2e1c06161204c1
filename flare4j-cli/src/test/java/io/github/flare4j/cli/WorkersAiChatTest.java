package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.cli.CliRunner.Result;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flare4j chat} with {@code --provider workers-ai} and {@code openai}, against a real emulator. */
class WorkersAiChatTest {
  static final String GREETING = ChatCommandTest.GREETING;
  static final String DEFAULT_MODEL = "@cf/meta/llama-3.3-70b-instruct-fp8-fast";

  @TempDir
  Path dir;

  Emulator emulator;
  String accountPath;

  @BeforeEach
  void startEmulator() {
    emulator = Emulator.start();
    accountPath = "/client/v4/accounts/" + emulator.accountId() + "/ai";
  }

  @AfterEach
  void stopEmulator() {
    emulator.close();
  }

  /** The emulator's account in the environment, as a user would export it. */
  Map<String, String> credentials() {
    return Map.of("CLOUDFLARE_ACCOUNT_ID", emulator.accountId(),
        "CLOUDFLARE_API_TOKEN", emulator.apiToken());
  }

  Result chat(Map<String, String> env, String... args) {
    return CliRunner.run("", env,
        CliRunner.args(List.of("chat", "--base-url", emulator.baseUrl()), args));
  }

  @Test
  void aPaidOnlyModelOnTheFreePlanEndsWithCode3NamingFreeModels() {
    Result result = chat(credentials(), "--provider", "workers-ai", "-m", "glm-5.2", "hi");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.AUTH);
    assertThat(result.out()).isEmpty();
    assertThat(result.errLines()).singleElement().asString()
        .startsWith("flare4j: POST " + emulator.baseUrl() + "/client/v4/accounts/")
        .contains("answered HTTP 403: Cloudflare error 5035: This model requires the Workers Paid plan")
        .contains("Model @cf/zai-org/glm-5.2 needs the Workers Paid plan")
        .contains("such as @cf/zai-org/glm-5.3");
  }

  @Test
  void aShortModelNameIsResolvedOnWorkersAi() {
    Result result = chat(credentials(), "--provider", "workers-ai", "-m", "qwen3.8", "hi");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(emulator.requests().getLast().path()).isEqualTo(accountPath + "/run/@cf/qwen/qwen3.8-27b");
  }

  @Test
  void rejectIfBusyIsSentAndABusyModelEndsWithCode4AtOnce() {
    emulator.rateLimitRetryAfter(0);
    Result sent = chat(credentials(), "--provider", "openai", "--reject-if-busy", "hi");
    emulator.busy(true);
    Result busy = chat(credentials(), "--provider", "workers-ai", "--reject-if-busy", "hi");

    assertThat(sent.exitCode()).as("%s", sent).isZero();
    assertThat(emulator.requests().getFirst().body()).contains("\"options\":{\"rejectIfBusy\":true}");
    assertThat(busy.exitCode()).as("%s", busy).isEqualTo(ExitCodes.RATE_LIMITED);
    assertThat(busy.errLines()).singleElement().asString()
        .contains("answered HTTP 429: Cloudflare error 3040: Capacity temporarily exceeded")
        .contains("asked not to wait (rejectIfBusy)");
    assertThat(emulator.requestCount()).as("no retry").isEqualTo(2);
  }

  @Test
  void workersAiStreamsTheReplyToStandardOutput() {
    Result result = chat(credentials(), "--provider", "workers-ai", "Hello, how are you?");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo(GREETING + "\n");
    assertThat(result.err()).isEmpty();
    RecordedRequest request = emulator.takeRequest();
    assertThat(request.path()).isEqualTo(accountPath + "/run/" + DEFAULT_MODEL);
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + emulator.apiToken());
    assertThat(JsonSupport.object(request.body())).containsEntry("stream", true);
  }

  @Test
  void openAiStreamsTheReplyToStandardOutput() {
    Result result = chat(credentials(), "--provider", "openai", "-m", "llama-3.1-8b", "what", "is", "up");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo("Echo: what is up\n");
    RecordedRequest request = emulator.requests().getLast();
    assertThat(request.path()).isEqualTo(accountPath + "/v1/chat/completions");
    assertThat(JsonSupport.object(request.body()))
        .containsEntry("model", "@cf/meta/llama-3.1-8b-instruct-fp8");
  }

  @Test
  void thePlaygroundStreamsTheReplyToStandardOutput() {
    Result result = chat(Map.of(), "--provider", "playground", "--cache-dir", dir.toString(), "Hello");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo(GREETING + "\n");
    assertThat(emulator.requests()).extracting(RecordedRequest::path)
        .noneMatch(path -> path.startsWith("/client/v4/"));
  }

  @Test
  void workersAiIsTheDefaultWhenBothVariablesAreSet() {
    Result result = chat(credentials(), "Hello");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo(GREETING + "\n");
    assertThat(emulator.takeRequest().path()).startsWith(accountPath + "/run/");
  }

  @Test
  void thePlaygroundIsTheDefaultWhenAVariableIsMissingOrBlank() {
    Map<String, String> blankToken = Map.of("CLOUDFLARE_ACCOUNT_ID", emulator.accountId(),
        "CLOUDFLARE_API_TOKEN", "  ");
    Map<String, String> accountOnly = Map.of("CLOUDFLARE_ACCOUNT_ID", emulator.accountId());

    for (Map<String, String> env : List.of(blankToken, accountOnly)) {
      Result result = chat(env, "--cache-dir", dir.toString(), "Hello");
      assertThat(result.exitCode()).as("%s", result).isZero();
      assertThat(result.out()).isEqualTo(GREETING + "\n");
    }
    assertThat(emulator.requests()).extracting(RecordedRequest::path)
        .noneMatch(path -> path.startsWith("/client/v4/"));
  }

  @Test
  void theDefaultBaseUrlOfWorkersAiIsNotThePlaygroundVariable() {
    // FLARE4J_BASE_URL names the playground: the API token must not follow it elsewhere.
    Map<String, String> env = Map.of("CLOUDFLARE_ACCOUNT_ID", emulator.accountId(),
        "CLOUDFLARE_API_TOKEN", emulator.apiToken(), ServiceOptions.BASE_URL_ENV, emulator.baseUrl());

    // A proxy that refuses connections: nothing leaves the machine.
    Result unreachable = CliRunner.run("", env, "chat", "--proxy", "http://127.0.0.1:1",
        "--timeout", "5", "hi");

    assertThat(unreachable.exitCode()).as("%s", unreachable).isEqualTo(ExitCodes.NETWORK);
    assertThat(unreachable.err()).contains("https://api.cloudflare.com/client/v4/accounts/");
    assertThat(emulator.requestCount()).isZero();
  }

  @Test
  void theTokenIsReadFromTheFileStripped() throws Exception {
    Path tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, "  " + emulator.apiToken() + "\n\n");

    Result result = chat(Map.of(), "--provider", "workers-ai", "--account-id", emulator.accountId(),
        "--api-token-file", tokenFile.toString(), "Hello");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo(GREETING + "\n");
    assertThat(emulator.takeRequest().header("Authorization"))
        .isEqualTo("Bearer " + emulator.apiToken());
  }

  @Test
  void theTokenFileWinsOverTheEnvironment() throws Exception {
    Path tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, emulator.apiToken());
    Map<String, String> env = Map.of("CLOUDFLARE_ACCOUNT_ID", emulator.accountId(),
        "CLOUDFLARE_API_TOKEN", "stale-token");

    Result result = chat(env, "--api-token-file", tokenFile.toString(), "Hello");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(emulator.takeRequest().header("Authorization"))
        .isEqualTo("Bearer " + emulator.apiToken());
  }

  @Test
  void jsonStartsWithTheGatewayEvent() {
    Result result = chat(credentials(), "--provider", "openai", "--json",
        "--gateway", emulator.accountId() + "/my-gateway", "one two");

    assertThat(result.exitCode()).as("%s", result).isZero();
    List<Map<String, Object>> events = result.out().lines().map(JsonSupport::object).toList();
    assertThat(events.getFirst())
        .containsEntry("type", "gateway")
        .containsEntry("cache_status", "MISS")
        .containsKey("log_id");
    assertThat((String) events.getFirst().get("log_id")).isNotBlank();
    assertThat(events.subList(1, events.size())).extracting(event -> event.get("type"))
        .doesNotContain("gateway")
        .endsWith("usage", "finish");
    assertThat(emulator.takeRequest().path())
        .isEqualTo("/v1/" + emulator.accountId() + "/my-gateway/workers-ai/v1/chat/completions");
  }

  @Test
  void theGatewayReportsACacheHitTheSecondTime() {
    List<String> args = List.of("--provider", "workers-ai", "--json",
        "--gateway", emulator.accountId() + "/my-gateway", "same prompt");

    chat(credentials(), args.toArray(String[]::new));
    Result second = chat(credentials(), args.toArray(String[]::new));

    assertThat(second.exitCode()).as("%s", second).isZero();
    assertThat(JsonSupport.object(second.out().lines().findFirst().orElseThrow()))
        .containsEntry("type", "gateway")
        .containsEntry("cache_status", "HIT");
    assertThat(emulator.takeRequest().path())
        .isEqualTo("/v1/" + emulator.accountId() + "/my-gateway/workers-ai/" + DEFAULT_MODEL);
  }

  @Test
  void jsonHasNoGatewayEventWithoutAGateway() {
    Result result = chat(credentials(), "--json", "one two");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out().lines().map(JsonSupport::object).map(event -> event.get("type")))
        .doesNotContain("gateway");
  }

  @Test
  void samplingOptionsReachWorkersAi() {
    Result result = chat(credentials(), "--temperature", "0.2", "--top-p", "0.9", "--seed", "42",
        "hi");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(JsonSupport.object(emulator.takeRequest().body()))
        .containsEntry("temperature", 0.2)
        .containsEntry("top_p", 0.9)
        .containsEntry("seed", 42L);
  }

  @Test
  void missingCredentialsEndWithCode3AndNameWhatToSet() {
    Result nothing = chat(Map.of(), "--provider", "workers-ai", "hi");
    Result noToken = chat(Map.of("CLOUDFLARE_ACCOUNT_ID", emulator.accountId()),
        "--provider", "openai", "hi");
    Result noAccount = chat(Map.of("CLOUDFLARE_API_TOKEN", emulator.apiToken()),
        "--provider", "workers-ai", "hi");

    assertThat(nothing.exitCode()).as("%s", nothing).isEqualTo(ExitCodes.AUTH);
    assertThat(nothing.errLines()).singleElement().asString()
        .startsWith("flare4j: --provider workers-ai needs an account id")
        .contains("CLOUDFLARE_ACCOUNT_ID", "--account-id", "CLOUDFLARE_API_TOKEN", "--api-token-file");
    assertThat(noToken.exitCode()).isEqualTo(ExitCodes.AUTH);
    assertThat(noToken.errLines()).singleElement().asString()
        .contains("needs an API token", "CLOUDFLARE_API_TOKEN", "--api-token-file")
        .doesNotContain("CLOUDFLARE_ACCOUNT_ID");
    assertThat(noAccount.exitCode()).isEqualTo(ExitCodes.AUTH);
    assertThat(noAccount.errLines()).singleElement().asString()
        .contains("needs an account id", "CLOUDFLARE_ACCOUNT_ID");
    assertThat(emulator.requestCount()).isZero();
  }

  @Test
  void theGatewayStandsInForTheAccountId() {
    Result result = chat(Map.of("CLOUDFLARE_API_TOKEN", emulator.apiToken()),
        "--provider", "workers-ai", "--gateway", emulator.accountId() + "/gw", "Hello");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo(GREETING + "\n");
  }

  @Test
  void aWrongTokenEndsWithCode3() {
    Result result = chat(Map.of("CLOUDFLARE_ACCOUNT_ID", emulator.accountId(),
        "CLOUDFLARE_API_TOKEN", "wrong-token"), "hi");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.AUTH);
    assertThat(result.errLines()).singleElement().asString()
        .startsWith("flare4j: ")
        .contains("10000")
        .contains("CLOUDFLARE_API_TOKEN");
    assertThat(result.out()).isEmpty();
    ChatErrorTest.assertNoStackTrace(result);
  }

  @Test
  void aWrongAccountEndsWithCode3() {
    Result result = chat(Map.of("CLOUDFLARE_ACCOUNT_ID", "ffffffffffffffffffffffffffffffff",
        "CLOUDFLARE_API_TOKEN", emulator.apiToken()), "--provider", "openai", "hi");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.AUTH);
  }

  @Test
  void anUnknownAliasEndsWithCode8BeforeSending() {
    Result result = chat(credentials(), "-m", "llama-3.3-7b", "hi");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.MODEL_NOT_FOUND);
    assertThat(result.out()).isEmpty();
    assertThat(result.errLines()).singleElement().asString()
        .startsWith("flare4j: ")
        .contains("llama-3.3-7b")
        .contains("did you mean");
    assertThat(emulator.requests()).extracting(RecordedRequest::path)
        .allMatch(path -> path.startsWith(accountPath + "/models/search"));
  }

  @Test
  void anUnknownFullIdIsSentAndTheServiceSaysCode8() {
    Result result = chat(credentials(), "-m", "@cf/acme/brand-new-model", "hi");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.MODEL_NOT_FOUND);
    assertThat(result.errLines()).singleElement().asString()
        .startsWith("flare4j: ")
        .contains("@cf/acme/brand-new-model");
    assertThat(emulator.requests()).extracting(RecordedRequest::path)
        .containsExactly(accountPath + "/run/@cf/acme/brand-new-model");
  }

  @Test
  void aKnownFullIdIsSentAsGiven() {
    Result result = chat(credentials(), "--provider", "openai", "-m", "@cf/qwen/qwq-32b", "--json",
        "think");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out().lines().map(JsonSupport::object).map(event -> event.get("type")))
        .startsWith("reasoning");
  }

  @Test
  void theTokenFileMayHoldAWindowsLineEnding() throws Exception {
    Path tokenFile = dir.resolve("token.txt");
    Files.write(tokenFile, (emulator.apiToken() + "\r\n").getBytes(StandardCharsets.UTF_8));

    Result result = chat(Map.of("CLOUDFLARE_ACCOUNT_ID", emulator.accountId()),
        "--provider", "workers-ai", "--api-token-file", tokenFile.toString(), "Hello");

    assertThat(result.exitCode()).as("%s", result).isZero();
  }
}
