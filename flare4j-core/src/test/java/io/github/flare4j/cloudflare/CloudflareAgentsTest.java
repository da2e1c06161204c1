package io.github.flare4j.cloudflare;

import static io.github.flare4j.cloudflare.PlaygroundFixture.TEST_TIMEOUTS;
import static io.github.flare4j.cloudflare.PlaygroundFixture.hello;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.CallOptions;
import io.github.flare4j.ChatRequest;
import io.github.flare4j.ChatResult;
import io.github.flare4j.ChatStream;
import io.github.flare4j.ReasoningDelta;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.ResponseStart;
import io.github.flare4j.TextDelta;
import io.github.flare4j.emulator.AgentFault;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.RecordedRequest;
import io.github.flare4j.emulator.ReplyHold;
import io.github.flare4j.error.NetworkException;
import io.github.flare4j.error.RequestTimeoutException;
import io.github.flare4j.error.ResponseStatusException;
import io.github.flare4j.error.StreamProtocolException;
import io.github.flare4j.error.StreamTruncatedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Agents WebSocket transport against the emulator's Agents endpoint, over a real socket. */
class CloudflareAgentsTest {
  static final String GREETING = "Hello! I am the flare4j emulator. How can I help you today?";
  static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path cacheDir;
  Emulator emulator;

  @BeforeEach
  void start() {
    emulator = Emulator.start();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  Cloudflare provider(Transport transport) {
    return Cloudflare.builder()
        .baseUrl(emulator.baseUrl())
        .cacheDirectory(cacheDir)
        .timeouts(TEST_TIMEOUTS)
        .transport(transport)
        .build();
  }

  @Test
  void agentsTransportStreamsTheReply() {
    ChatResult result = provider(Transport.AGENTS).complete(hello());

    assertThat(result.text()).isEqualTo(GREETING);
    assertThat(result.finishReason().reason()).isEqualTo("stop");
  }

  @Test
  void socketIsOpenedOnAPlaygroundAgentWithAConnectionId() {
    provider(Transport.AGENTS).complete(hello());

    RecordedRequest upgrade = emulator.takeRequest();
    assertThat(upgrade.method()).isEqualTo("GET");
    assertThat(upgrade.path()).matches("/agents/playground/flare4j-[0-9a-f-]{36}\\?_pk=[0-9a-f-]{36}");
    assertThat(upgrade.header("Upgrade")).isEqualToIgnoringCase("websocket");
  }

  @Test
  void socketCarriesTheArgsCookiesAndBrowserUserAgent() {
    provider(Transport.AGENTS).complete(ChatRequest.of("hi"),
        CallOptions.builder().cookie("cf_clearance", "abc").build());

    RecordedRequest upgrade = emulator.takeRequest();
    assertThat(upgrade.cookies()).containsEntry("cf_clearance", "abc");
    assertThat(upgrade.header("User-Agent")).isEqualTo(BrowserHeaders.USER_AGENT);
    assertThat(upgrade.header("Origin")).isEqualTo(emulator.baseUrl());
  }

  /** As the web app: resume probe and model list first, then the whole state, then the request. */
  @Test
  void framesAreTheWebAppsAndTheStateCarriesModelSystemAndTemperature() {
    provider(Transport.AGENTS).complete(ChatRequest.builder()
        .model("qwq-32b").system("Be brief.").user("hi").temperature(0.3).build());

    assertThat(emulator.takeAgentFrame(WAIT))
        .matches("\\{\"type\":\"cf_agent_stream_resume_request\",\"probeId\":\"[0-9a-f]{8}\"}");
    assertThat(emulator.takeAgentFrame(WAIT))
        .matches("\\{\"type\":\"rpc\",\"id\":\"[0-9a-f]{8}\",\"method\":\"getModels\",\"args\":\\[]}");
    assertThat(emulator.takeAgentFrame(WAIT)).isEqualTo("{\"type\":\"cf_agent_state\",\"state\":{"
        + "\"model\":\"@cf/qwen/qwq-32b\",\"temperature\":0.3,\"stream\":true,\"system\":\"Be brief.\","
        + "\"useExternalProvider\":false,\"externalProvider\":\"openai\",\"authMethod\":\"provider-key\"}}");
    String request = emulator.takeAgentFrame(WAIT);
    assertThat(request).startsWith("{\"id\":\"").contains("\"type\":\"cf_agent_use_chat_request\"")
        .contains("\\\"role\\\":\\\"user\\\",\\\"parts\\\":[{\\\"type\\\":\\\"text\\\",\\\"text\\\":\\\"hi\\\"}]")
        .contains("\\\"trigger\\\":\\\"submit-message\\\"")
        .doesNotContain("model", "max_tokens", "Be brief.");
  }

  @Test
  void withoutSystemOrTemperatureTheAgentsOwnAreKept() {
    Cloudflare cloudflare = provider(Transport.AGENTS);
    cloudflare.getModels(); // cached: the turn asks no RPC

    cloudflare.complete(hello());

    emulator.takeAgentFrame(WAIT); // getModels on its own socket
    emulator.takeAgentFrame(WAIT); // resume probe
    assertThat(emulator.takeAgentFrame(WAIT)).isEqualTo("{\"type\":\"cf_agent_state\",\"state\":{"
        + "\"model\":\"@cf/meta/llama-3.3-70b-instruct-fp8-fast\",\"temperature\":1,\"stream\":true,"
        + "\"system\":\"You are a helpful assistant that can do various tasks using MCP tools.\","
        + "\"useExternalProvider\":false,\"externalProvider\":\"openai\",\"authMethod\":\"provider-key\"}}");
    assertThat(emulator.takeAgentFrame(WAIT)).contains("cf_agent_use_chat_request");
  }

  @Test
  void aSeedTheAgentCannotHonourIsRefusedByNameAndNoneIsAWarning() {
    assertThatThrownBy(() -> provider(Transport.AGENTS)
            .stream(ChatRequest.builder().user("hi").seed(7L).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes no seed");
    assertThat(emulator.requestCount()).isZero();
    try (ChatStream stream = provider(Transport.AGENTS).stream(hello())) {
      stream.iterator().next();
      assertThat(stream.responseInfo().orElseThrow().warnings()).isEmpty();
    }
  }

  @Test
  void defaultModelIsTheSeedsWhenListedElseTheAgentsOwn() {
    ChatRequest noModel = ChatRequest.of("hi");
    emulator.models(java.util.List.of("@cf/moonshotai/kimi-k2.6", "@cf/openai/gpt-oss-20b"));

    provider(Transport.AGENTS).complete(noModel);

    emulator.takeAgentFrame(WAIT);
    emulator.takeAgentFrame(WAIT);
    assertThat(emulator.takeAgentFrame(WAIT)).startsWith(
        "{\"type\":\"cf_agent_state\",\"state\":{\"model\":\"@cf/moonshotai/kimi-k2.6\"");
  }

  @Test
  void aliasWhoseModelIsNotListedFailsBeforeTheRequestIsSent() {
    emulator.models(java.util.List.of("@cf/meta/llama-3.3-70b-instruct-fp8-fast",
        "@cf/meta/llama-3.2-3b-instruct"));

    assertThatThrownBy(() -> provider(Transport.AGENTS).complete(
        ChatRequest.builder().model("llama-3.1-8b").user("hi").build()))
        .isInstanceOf(io.github.flare4j.error.ModelNotFoundException.class)
        .hasMessageContaining("@cf/meta/llama-3.1-8b-instruct-fp8")
        .hasMessageContaining("@cf/meta/llama-3.2-3b-instruct");

    assertThat(emulator.takeAgentFrame(WAIT)).contains("cf_agent_stream_resume_request");
    assertThat(emulator.takeAgentFrame(WAIT)).contains("getModels");
    assertThatThrownBy(() -> emulator.takeAgentFrame(Duration.ofMillis(300)))
        .as("no state, no request").isInstanceOf(IllegalStateException.class);
  }

  @Test
  void modelsComeFromTheAgentsRpcThenTheOlderListThenTheBuiltInOne() {
    emulator.models(java.util.List.of("@cf/test/one", "@cf/test/two"));
    assertThat(provider(Transport.AUTO).fetchModels()).containsExactly("@cf/test/one", "@cf/test/two");
    assertThat(emulator.takeRequest().path()).startsWith("/agents/playground/");
    assertThat(emulator.takeAgentFrame(WAIT)).contains("\"method\":\"getModels\"");
    assertThat(emulator.requestCount()).as("the upgrade only, no GET /api/models").isEqualTo(1);

    emulator.enqueueAgentFault(AgentFault.RPC_ERROR);
    assertThat(provider(Transport.AUTO).fetchModels()).containsExactly("@cf/test/one", "@cf/test/two");
    assertThat(emulator.takeRequest().path()).startsWith("/agents/playground/");
    assertThat(emulator.takeRequest().path()).isEqualTo("/api/models");

    emulator.enqueueAgentFault(AgentFault.RPC_ERROR);
    emulator.enqueueFault(io.github.flare4j.emulator.Fault.SERVER_ERROR, "/api/models");
    Cloudflare failing = provider(Transport.AUTO);
    assertThatThrownBy(failing::fetchModels)
        .hasMessageContaining("getModels")
        .hasMessageContaining("/api/models");
    emulator.enqueueAgentFault(AgentFault.RPC_ERROR);
    emulator.enqueueFault(io.github.flare4j.emulator.Fault.SERVER_ERROR, "/api/models");
    assertThat(failing.getModels()).containsExactlyElementsOf(failing.builtInModels());
  }

  @Test
  void reasoningArrivesItemByItemBeforeTheText() {
    ChatResult result = provider(Transport.AGENTS).complete(
        ChatRequest.builder().model("@cf/qwen/qwq-32b").user("hi").build());

    assertThat(result.reasoning()).isEqualTo("Let me think about this.");
    assertThat(result.text()).isEqualTo("Echo: hi");
  }

  @Test
  void errorFrameIsAStreamProtocolErrorWithTheFrameText() {
    emulator.enqueueAgentFault(AgentFault.ERROR_FRAME);

    assertThatThrownBy(() -> provider(Transport.AGENTS).complete(hello()))
        .isInstanceOf(StreamTruncatedException.class)
        .cause()
        .isInstanceOf(StreamProtocolException.class)
        .hasMessageContaining("mock model failure")
        .satisfies(e -> assertThat(((StreamProtocolException) e).serviceMessage())
            .isEqualTo("mock model failure"));
  }

  @Test
  void noFrameAtAllEndsWithTheIdleTimeout() {
    emulator.enqueueAgentFault(AgentFault.NO_FRAME);

    assertThatThrownBy(() -> provider(Transport.AGENTS).complete(hello()))
        .isInstanceOf(RequestTimeoutException.class)
        .satisfies(e -> assertThat(((RequestTimeoutException) e).phase())
            .isEqualTo(RequestTimeoutException.Phase.IDLE));
  }

  @Test
  void socketClosedMidStreamIsATruncationByANetworkError() {
    emulator.enqueueAgentFault(AgentFault.CLOSE_MID_STREAM);

    assertThatThrownBy(() -> provider(Transport.AGENTS).complete(hello()))
        .isInstanceOf(StreamTruncatedException.class)
        .hasMessageContaining("cut short after")
        .cause()
        .isInstanceOf(NetworkException.class)
        .hasMessageContaining("/agents/playground/");
  }

  /** The turn is held by the emulator after its first delta: the close comes mid-reply. */
  @Test
  void closingTheStreamEarlySendsCancel() {
    try (ReplyHold hold = emulator.holdReply(Emulator.AGENTS_PATH, 4);
        ChatStream stream = provider(Transport.AGENTS).stream(hello())) {
      Iterator<ResponseItem> items = stream.iterator();
      assertThat(items.next()).isInstanceOf(ResponseStart.class);
      assertThat(items.next()).isInstanceOf(TextDelta.class);
      hold.awaitHeld(WAIT);
    }

    String request = emulator.takeAgentFrame(WAIT);
    while (!request.contains("cf_agent_use_chat_request")) {
      request = emulator.takeAgentFrame(WAIT);
    }
    String cancel = emulator.takeAgentFrame(WAIT);
    String id = request.substring(7, 15);
    assertThat(cancel).isEqualTo("{\"id\":\"" + id + "\",\"type\":\"cf_agent_chat_request_cancel\"}");
  }

  @Test
  void agentsRefusedWhenForcedIsAStatusError() {
    emulator.browsersOnlySockets(true);

    assertThatThrownBy(() -> provider(Transport.AGENTS).complete(hello()))
        .isInstanceOf(ResponseStatusException.class)
        .hasMessageContaining("403")
        .hasMessageContaining("error code: 1010");
  }

  @Test
  void autoUsesTheSocketAndRemembersIt() throws Exception {
    Cloudflare cloudflare = provider(Transport.AUTO);

    assertThat(cloudflare.complete(hello()).text()).isEqualTo(GREETING);

    assertThat(emulator.takeRequest().path()).startsWith("/agents/playground/");
    assertThat(cloudflare.workedTransport()).contains(Transport.AGENTS);
    assertThat(Files.readString(cloudflare.getCacheFile())).contains("\"transport\":\"agents\"");
  }

  @Test
  void autoFallsBackToInferenceWhenTheSocketIsRefusedAndRemembersIt() throws Exception {
    emulator.browsersOnlySockets(true);
    Cloudflare cloudflare = provider(Transport.AUTO);

    assertThat(cloudflare.complete(hello()).text()).isEqualTo(GREETING);
    assertThat(emulator.takeRequest().path()).startsWith("/agents/playground/");
    assertThat(emulator.takeRequest().path()).isEqualTo("/api/inference");
    assertThat(Files.readString(cloudflare.getCacheFile())).contains("\"transport\":\"inference\"");

    Cloudflare nextProcess = provider(Transport.AUTO);
    nextProcess.complete(hello());
    assertThat(emulator.takeRequest().path()).isEqualTo("/api/inference");
    assertThat(nextProcess.workedTransport()).contains(Transport.INFERENCE);
  }

  @Test
  void temperatureLostInAFallbackToInferenceIsAWarning() {
    emulator.browsersOnlySockets(true);
    try (ChatStream stream = provider(Transport.AUTO).stream(
        ChatRequest.builder().user("hi").temperature(0.3).build())) {
      stream.iterator().next();

      assertThat(stream.responseInfo()).hasValueSatisfying(info -> {
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.warnings()).singleElement().asString().contains("temperature");
      });
    }
  }

  @Test
  void agentsReplyKeepsItemOrder() {
    try (ChatStream stream = provider(Transport.AGENTS).stream(
        ChatRequest.builder().model("@cf/qwen/qwq-32b").user("hi").build())) {
      Iterator<ResponseItem> items = stream.iterator();
      assertThat(items.next()).isInstanceOf(ResponseStart.class);
      assertThat(items.next()).isInstanceOf(ReasoningDelta.class);
    }
  }
}
