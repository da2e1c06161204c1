package io.github.flare4j.workersai;

import static io.github.flare4j.workersai.WorkersAiFixture.GREETING;
import static io.github.flare4j.workersai.WorkersAiFixture.MODEL;
import static io.github.flare4j.workersai.WorkersAiFixture.REASONING_MODEL;
import static io.github.flare4j.workersai.WorkersAiFixture.WEATHER;
import static io.github.flare4j.workersai.WorkersAiFixture.ask;
import static io.github.flare4j.workersai.WorkersAiFixture.rest;
import static io.github.flare4j.workersai.WorkersAiFixture.weather;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.ChatResult;
import io.github.flare4j.ChatStream;
import io.github.flare4j.FinishReason;
import io.github.flare4j.Message;
import io.github.flare4j.ReasoningDelta;
import io.github.flare4j.ResponseFormat;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.ResponseStart;
import io.github.flare4j.TextDelta;
import io.github.flare4j.ToolCall;
import io.github.flare4j.Usage;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link WorkersAI} against the emulator's REST route, streamed and not. */
class WorkersAITest {
  Emulator emulator;
  WorkersAI workersAi;

  @BeforeEach
  void start() {
    emulator = Emulator.start();
    workersAi = rest(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void streamGivesTextThenUsageThenStop() {
    List<ResponseItem> items = new ArrayList<>();
    try (ChatStream stream = workersAi.stream(ask("Hello there"))) {
      stream.forEach(items::add);
    }

    assertThat(ChatResult.of(items).text()).isEqualTo(GREETING);
    assertThat(items.get(items.size() - 2)).isInstanceOf(Usage.class);
    assertThat(items.getLast()).isEqualTo(new FinishReason("stop"));
    assertThat(items.stream().filter(TextDelta.class::isInstance)).hasSizeGreaterThan(1);
  }

  @Test
  void requestGoesToTheModelsPathWithItsSlashesAndTheBearerToken() {
    workersAi.stream(ask("Hello")).collect();

    RecordedRequest request = emulator.takeRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo(
        "/client/v4/accounts/" + emulator.accountId() + "/ai/run/" + MODEL);
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + emulator.apiToken());
    assertThat(request.body()).isEqualTo(
        "{\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}],\"stream\":true}");
  }

  @Test
  void onlySetOptionsAreSent() {
    ChatRequest request = ask("Hello").toBuilder()
        .temperature(0.5).topP(0.9).topK(5).seed(7L).repetitionPenalty(1.1)
        .frequencyPenalty(0.2).presencePenalty(0.3).maxTokens(64).build();

    workersAi.stream(request).collect();

    assertThat(emulator.takeRequest().body()).isEqualTo(
        "{\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}],\"stream\":true,"
            + "\"max_tokens\":64,\"temperature\":0.5,\"top_p\":0.9,\"top_k\":5,\"seed\":7,"
            + "\"repetition_penalty\":1.1,\"frequency_penalty\":0.2,\"presence_penalty\":0.3}");
  }

  @Test
  void completionAsksForOneJsonReply() {
    ChatResult result = workersAi.complete(ask("Hello"));

    assertThat(result.text()).isEqualTo(GREETING);
    assertThat(result.usage()).isPresent();
    assertThat(result.finishReason().reason()).isEqualTo("stop");
    assertThat(emulator.takeRequest().body()).contains("\"stream\":false");
  }

  @Test
  void aliasIsResolvedToItsId() {
    workersAi.complete(ChatRequest.builder().model("llama-3.1-8b").user("hi").build());

    assertThat(emulator.requests().getLast().path())
        .endsWith("/ai/run/@cf/meta/llama-3.1-8b-instruct-fp8");
  }

  @Test
  void streamedToolCallIsAssembledWhole() {
    ChatResult result = workersAi.stream(weather()).collect();

    assertThat(result.toolCalls())
        .containsExactly(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"));
    assertThat(result.finishReason().reason()).isEqualTo("tool_calls");
    assertThat(emulator.takeRequest().body()).contains("\"tools\":[{\"name\":\"get_weather\","
        + "\"description\":\"Current weather\",\"parameters\":{\"type\":\"object\"");
  }

  @Test
  void toolCallOfAWholeReplyGetsAnId() {
    ChatResult result = workersAi.complete(weather());

    assertThat(result.toolCalls())
        .containsExactly(new ToolCall("call_0", "get_weather", "{\"city\":\"Paris\"}"));
    assertThat(result.text()).isEmpty();
  }

  @Test
  void toolResultIsSentBackInTheRestShape() {
    ToolCall call = new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}");
    ChatRequest request = ChatRequest.builder().model(MODEL)
        .user("What is the weather in Paris?")
        .message(Message.assistant("", List.of(call)))
        .message(Message.toolResult("call_1", "18 C and sunny"))
        .tool(WEATHER)
        .build();

    ChatResult result = workersAi.complete(request);

    assertThat(result.text()).isEqualTo("Tool said: 18 C and sunny");
    assertThat(emulator.takeRequest().body()).contains(
        "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"call_1\","
            + "\"name\":\"get_weather\",\"arguments\":{\"city\":\"Paris\"}}]}",
        "{\"role\":\"tool\",\"content\":\"18 C and sunny\",\"tool_call_id\":\"call_1\","
            + "\"name\":\"get_weather\"}");
  }

  @Test
  void jsonModeSendsTheSchemaAndHandsTheObjectOverAsText() {
    String schema = "{\"type\":\"object\",\"properties\":{\"answer\":{\"type\":\"string\"}}}";
    ChatRequest request = ask("ping").toBuilder()
        .responseFormat(ResponseFormat.jsonSchema(schema)).build();

    ChatResult result = workersAi.complete(request);

    assertThat(result.text()).isEqualTo("{\"answer\":\"Echo: ping\"}");
    assertThat(emulator.takeRequest().body()).contains(
        "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":" + schema + "}");
  }

  @Test
  void jsonModeStreamsTheObjectAsText() {
    ChatRequest request = ask("ping").toBuilder()
        .responseFormat(ResponseFormat.jsonObject()).build();

    ChatResult result = workersAi.stream(request).collect();

    assertThat(result.text()).isEqualTo("{\"answer\":\"Echo: ping\"}");
    assertThat(emulator.takeRequest().body())
        .contains("\"response_format\":{\"type\":\"json_object\"}");
  }

  @Test
  void openAiShapedChunksOnTheRestRouteGiveReasoningApartFromText() {
    List<ResponseItem> items = new ArrayList<>();
    try (ChatStream stream = workersAi.stream(
        ChatRequest.builder().model(REASONING_MODEL).user("Hello").build())) {
      stream.forEach(items::add);
    }

    ChatResult result = ChatResult.of(items);
    assertThat(items.getFirst()).isInstanceOf(ResponseStart.class);
    assertThat(items.get(1)).isInstanceOf(ReasoningDelta.class);
    assertThat(result.reasoning()).isEqualTo("Let me think about this.");
    assertThat(result.text()).isEqualTo(GREETING);
    assertThat(result.usage()).isPresent();
  }

  @Test
  void reasoningOfAWholeReplyIsKeptApart() {
    ChatResult result = workersAi.complete(
        ChatRequest.builder().model(REASONING_MODEL).user("Hello").build());

    assertThat(result.reasoning()).isEqualTo("Let me think about this.");
    assertThat(result.text()).isEqualTo(GREETING);
  }

  @Test
  void responseInfoHasTheStatusOnceTheReplyArrived() {
    try (ChatStream stream = workersAi.stream(ask("Hello"))) {
      assertThat(stream.responseInfo()).isEmpty();
      stream.iterator().next();
      assertThat(stream.responseInfo()).hasValueSatisfying(info -> {
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.header("Content-Type")).hasValue("text/event-stream");
      });
    }
  }

  @Test
  void closingAStalledStreamReturnsAtOnce() {
    WorkersAI stalling = rest(emulator, Emulator.FAULT_HEADER, "stall");
    ChatStream stream = stalling.stream(ask("Hello there, how are you today?"));

    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      java.util.Iterator<ResponseItem> items = stream.iterator();
      assertThat(items.next()).isInstanceOf(ResponseStart.class);
      assertThat(items.next()).isInstanceOf(TextDelta.class);
      stream.close();
    });
    assertThat(stream.isClosed()).isTrue();
  }

  @Test
  void publisherDeliversTheSameItems() throws Exception {
    java.util.concurrent.CompletableFuture<List<ResponseItem>> done =
        new java.util.concurrent.CompletableFuture<>();
    List<ResponseItem> items = new java.util.concurrent.CopyOnWriteArrayList<>();
    workersAi.stream(ask("Hello")).publisher().subscribe(
        new java.util.concurrent.Flow.Subscriber<>() {
          @Override
          public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(ResponseItem item) {
            items.add(item);
          }

          @Override
          public void onError(Throwable failure) {
            done.completeExceptionally(failure);
          }

          @Override
          public void onComplete() {
            done.complete(items);
          }
        });

    assertThat(ChatResult.of(done.get(30, java.util.concurrent.TimeUnit.SECONDS)).text())
        .isEqualTo(GREETING);
  }

  @Test
  void toStringNeverShowsTheToken() {
    assertThat(workersAi.toString()).doesNotContain(emulator.apiToken());
    assertThat(WorkersAI.builder().apiToken("s3cret").toString())
        .doesNotContain("s3cret").contains("***");
  }
}
