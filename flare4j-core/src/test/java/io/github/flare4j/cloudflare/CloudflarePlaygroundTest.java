package io.github.flare4j.cloudflare;

import static io.github.flare4j.cloudflare.PlaygroundFixture.hello;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.ChatResult;
import io.github.flare4j.ChatStream;
import io.github.flare4j.FinishReason;
import io.github.flare4j.Message;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.TextDelta;
import io.github.flare4j.Usage;
import io.github.flare4j.emulator.RecordedRequest;
import io.github.flare4j.emulator.StreamFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CloudflarePlaygroundTest extends PlaygroundTestBase {
  @Test
  void payloadIsExactlyWhatThePlaygroundAppSends() {
    cloudflare.complete(ChatRequest.builder()
        .model("llama-3.1-8b")
        .user("Hi")
        .assistant("Hello!")
        .user("Tell me a joke")
        .maxTokens(64)
        .build());

    assertThat(emulator.takeRequest().path()).as("the alias is checked against the live list")
        .isEqualTo("/api/models");
    RecordedRequest request = emulator.takeRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/api/inference");
    assertThat(request.header("content-type")).startsWith("application/json");
    assertThat(request.body()).isEqualTo("{\"messages\":["
        + "{\"role\":\"user\",\"content\":\"Hi\",\"parts\":[{\"type\":\"text\",\"text\":\"Hi\"}]},"
        + "{\"role\":\"assistant\",\"content\":\"Hello!\",\"parts\":[{\"type\":\"text\",\"text\":\"Hello!\"}]},"
        + "{\"role\":\"user\",\"content\":\"Tell me a joke\",\"parts\":[{\"type\":\"text\",\"text\":\"Tell me a joke\"}]}],"
        + "\"lora\":null,\"model\":\"@cf/meta/llama-3.1-8b-instruct-fp8\",\"max_tokens\":64,"
        + "\"stream\":true,\"system_message\":\"You are a helpful assistant\",\"tools\":[]}");
  }

  @Test
  void systemMessageGoesToSystemMessageAndIsNotRepeated() {
    cloudflare.complete(ChatRequest.builder()
        .system("Answer in French.")
        .user("Bonjour")
        .build());

    String body = emulator.takeRequest().body();
    assertThat(body).contains("\"system_message\":\"Answer in French.\"");
    assertThat(body).doesNotContain("\"role\":\"system\"");
  }

  @Test
  void browserLikeHeadersAreSent() {
    cloudflare.complete(hello());

    RecordedRequest request = emulator.takeRequest();
    assertThat(request.header("user-agent")).contains("Chrome/").doesNotContain("Headless");
    assertThat(request.header("origin")).isEqualTo(emulator.baseUrl());
    assertThat(request.header("referer")).isEqualTo(emulator.baseUrl() + "/");
    assertThat(request.header("accept-language")).isNotBlank();
  }

  @Test
  void emptyModelMeansTheDefaultAndAliasesResolve() {
    cloudflare.complete(hello());
    cloudflare.complete(ChatRequest.builder().model("qwq-32b").user("x").build());

    assertThat(emulator.takeRequest().body())
        .contains("\"model\":\"@cf/meta/llama-3.3-70b-instruct-fp8-fast\"");
    assertThat(emulator.takeRequest().path()).as("an alias is checked against the live list, once")
        .isEqualTo("/api/models");
    assertThat(emulator.takeRequest().body()).contains("\"model\":\"@cf/qwen/qwq-32b\"");
  }

  @Test
  void unknownModelIsSentAsGiven() {
    cloudflare.complete(ChatRequest.builder().model("@cf/acme/brand-new").user("x").build());

    List<RecordedRequest> requests = emulator.requests();
    assertThat(requests).extracting(RecordedRequest::path).as("an id needs no list")
        .containsExactly("/api/inference");
    assertThat(requests.get(0).body()).contains("\"model\":\"@cf/acme/brand-new\"");
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void bothStreamFormatsGiveTextThenUsageThenFinish(StreamFormat format) {
    emulator.format(format);
    List<ResponseItem> items = new ArrayList<>();
    try (ChatStream stream = cloudflare.stream(hello())) {
      stream.forEach(items::add);
    }

    String text = items.stream()
        .filter(TextDelta.class::isInstance).map(i -> ((TextDelta) i).text())
        .reduce("", String::concat);
    assertThat(text).isEqualTo("Hello! I am the flare4j emulator. How can I help you today?");
    assertThat(items).last().isEqualTo(new FinishReason("stop"));
    assertThat(items.getFirst()).isInstanceOfSatisfying(io.github.flare4j.ResponseStart.class,
        start -> {
          assertThat(start.id()).as("the stream's messageId").startsWith("msg-");
          assertThat(start.model()).as("the resolved id").startsWith("@cf/");
        });
    assertThat(items).filteredOn(io.github.flare4j.ResponseStart.class::isInstance).hasSize(1);
    Usage usage = (Usage) items.get(items.size() - 2);
    assertThat(usage.completionTokens()).isEqualTo(items.size() - 3);
    assertThat(usage.promptTokens()).isPositive();
    assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
  }

  @Test
  void maxTokensCutsTheReplyWithFinishReasonLength() {
    ChatResult result = cloudflare.complete(
        ChatRequest.builder().user("one two three four five six").maxTokens(2).build());

    assertThat(result.finishReason().reason()).isEqualTo("length");
    assertThat(result.usage()).get().extracting(Usage::completionTokens).isEqualTo(2);
  }

  @Test
  void createAsyncCompletesWithTheWholeReply() throws Exception {
    ChatResult result = cloudflare.completeAsync(hello()).get(30, TimeUnit.SECONDS);

    assertThat(result.text()).startsWith("Hello! I am the flare4j emulator.");
    assertThat(result.finishReason().reason()).isEqualTo("stop");
  }

  @Test
  void historyOfConvenienceOverloadIsSent() {
    try (ChatStream stream = cloudflare.createAsyncGenerator("llama-3.3-70b",
        List.of(Message.user("first"), Message.assistant("reply"), Message.user("second")))) {
      assertThat(stream.collect().text()).isEqualTo("Echo: second");
    }
    assertThat(emulator.requests().getLast().body())
        .contains("\"content\":\"first\"", "\"content\":\"reply\"");
  }

  @Test
  void modelListIsFetchedOnceAndCached() {
    List<String> first = cloudflare.getModels();
    List<String> second = cloudflare.getModels();

    assertThat(first).isEqualTo(emulator.models()).isEqualTo(second);
    assertThat(emulator.requestCount()).isEqualTo(1);
  }

  @Test
  void modelListFallsBackToAliasTargetsWhenUnavailable() {
    emulator.enqueueFault(io.github.flare4j.emulator.Fault.SERVER_ERROR, "/api/models");

    List<String> models = cloudflare.getModels();

    assertThat(models).first().isEqualTo(cloudflare.defaultModel());
    assertThat(models).containsAll(cloudflare.modelAliases().values());
  }

  @Test
  void everyUrlDerivesFromTheBaseUrlKeepingItsPathPrefix() {
    Cloudflare mirror = Cloudflare.builder().baseUrl("http://127.0.0.1:9/mirror/").build();

    assertThat(mirror.url()).isEqualTo("http://127.0.0.1:9/mirror");
    assertThat(mirror.apiEndpoint()).isEqualTo("http://127.0.0.1:9/mirror/api/inference");
    assertThat(mirror.modelsUrl()).isEqualTo("http://127.0.0.1:9/mirror/api/models");
    assertThat(Cloudflare.create().apiEndpoint())
        .isEqualTo("https://playground.ai.cloudflare.com/api/inference");
  }

  @Test
  void toolsAreSentAndTheToolCallComesBackWhole() {
    ChatResult result = cloudflare.complete(ChatRequest.builder()
        .user("What is the weather in Paris?")
        .tool(new io.github.flare4j.ToolDefinition("get_weather", "Weather in a city",
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}"))
        .build());

    assertThat(emulator.takeRequest().body()).contains("\"tools\":[{\"name\":\"get_weather\","
        + "\"description\":\"Weather in a city\",\"parameters\":{\"type\":\"object\"");
    assertThat(result.toolCalls()).singleElement().satisfies(call -> {
      assertThat(call.name()).isEqualTo("get_weather");
      assertThat(call.arguments()).contains("Paris");
    });
    assertThat(result.finishReason().reason()).isEqualTo("tool-calls");
  }

  @Test
  void aToolsResultGoesWithItsCallAsTheUiMessagesToolInvocation() {
    ChatResult result = cloudflare.complete(ChatRequest.builder()
        .user("What is the weather in Paris?")
        .message(Message.assistant("", List.of(new io.github.flare4j.ToolCall("call_1",
            "get_weather", "{\"city\":\"Paris\"}"))))
        .message(Message.toolResult("call_1", "{\"temp\":21}"))
        .tool(new io.github.flare4j.ToolDefinition("get_weather", "Weather in a city",
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}"))
        .build());

    String body = emulator.takeRequest().body();
    assertThat(body).contains("{\"role\":\"assistant\",\"content\":\"\",\"toolInvocations\":["
        + "{\"state\":\"result\",\"toolCallId\":\"call_1\",\"toolName\":\"get_weather\","
        + "\"args\":{\"city\":\"Paris\"},\"result\":\"{\\\"temp\\\":21}\"}],"
        + "\"parts\":[{\"type\":\"tool-invocation\",\"toolInvocation\":{\"state\":\"result\"");
    assertThat(body).as("a UI message has no tool role").doesNotContain("\"role\":\"tool\"");
    assertThat(result.text()).isEqualTo("Tool said: {\"temp\":21}");
    assertThat(result.toolCalls()).isEmpty();
  }

  @Test
  void samplingOptionsAndJsonModeAreRefusedByName() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> cloudflare.stream(
            ChatRequest.builder().user("x").temperature(0.5).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes no temperature;");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> cloudflare.stream(
            ChatRequest.builder().user("x")
                .responseFormat(io.github.flare4j.ResponseFormat.jsonObject()).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes no json_object;");
    assertThat(emulator.requestCount()).isZero();
  }

  @Test
  void responseInfoShowsStatusAndHeadersButNoCookies() {
    try (ChatStream stream = cloudflare.stream(hello())) {
      assertThat(stream.responseInfo()).isEmpty();
      stream.iterator().next();

      assertThat(stream.responseInfo()).get().satisfies(info -> {
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.header("Content-Type")).isPresent();
        assertThat(info.header("set-cookie")).isEmpty();
      });
    }
  }
}
