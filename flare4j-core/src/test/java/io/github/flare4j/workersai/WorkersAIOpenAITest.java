package io.github.flare4j.workersai;

import static io.github.flare4j.workersai.WorkersAiFixture.GREETING;
import static io.github.flare4j.workersai.WorkersAiFixture.MODEL;
import static io.github.flare4j.workersai.WorkersAiFixture.REASONING_MODEL;
import static io.github.flare4j.workersai.WorkersAiFixture.WEATHER;
import static io.github.flare4j.workersai.WorkersAiFixture.ask;
import static io.github.flare4j.workersai.WorkersAiFixture.openAi;
import static io.github.flare4j.workersai.WorkersAiFixture.weather;
import static io.github.flare4j.workersai.WorkersAiFixture.withHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.ChatResult;
import io.github.flare4j.ChatStream;
import io.github.flare4j.FinishReason;
import io.github.flare4j.Message;
import io.github.flare4j.ReasoningDelta;
import io.github.flare4j.ResponseFormat;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.TextDelta;
import io.github.flare4j.ToolCall;
import io.github.flare4j.Usage;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.RecordedRequest;
import io.github.flare4j.error.MissingAuthException;
import io.github.flare4j.error.ModelNotFoundException;
import io.github.flare4j.error.RateLimitException;
import io.github.flare4j.error.StreamTruncatedException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link WorkersAIOpenAI} against the emulator's OpenAI-compatible route, streamed and not. */
class WorkersAIOpenAITest {
  Emulator emulator;
  WorkersAIOpenAI provider;

  @BeforeEach
  void start() {
    emulator = Emulator.start();
    provider = openAi(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void streamGivesTextThenUsageThenTheFinishReason() {
    List<ResponseItem> items = new ArrayList<>();
    try (ChatStream stream = provider.stream(ask("Hello"))) {
      stream.forEach(items::add);
    }

    assertThat(ChatResult.of(items).text()).isEqualTo(GREETING);
    assertThat(items.get(items.size() - 2)).isInstanceOf(Usage.class);
    assertThat(items.getLast()).isEqualTo(new FinishReason("stop"));
  }

  @Test
  void streamRequestAsksForUsage() {
    provider.stream(ask("Hello")).collect();

    RecordedRequest request = emulator.takeRequest();
    assertThat(request.path()).isEqualTo(
        "/client/v4/accounts/" + emulator.accountId() + "/ai/v1/chat/completions");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + emulator.apiToken());
    assertThat(request.body()).isEqualTo("{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":"
        + "\"user\",\"content\":\"Hello\"}],\"stream\":true,\"stream_options\":"
        + "{\"include_usage\":true}}");
  }

  @Test
  void completionIsOneChatCompletion() {
    ChatResult result = provider.complete(ask("Hello").toBuilder().temperature(0.2).build());

    assertThat(result.text()).isEqualTo(GREETING);
    assertThat(result.usage()).isPresent();
    assertThat(result.finishReason().reason()).isEqualTo("stop");
    assertThat(emulator.takeRequest().body())
        .contains("\"stream\":false", "\"temperature\":0.2").doesNotContain("stream_options");
  }

  @Test
  void maxTokensCutsTheReplyWithFinishReasonLength() {
    ChatResult result = provider.stream(ask("Hello").toBuilder().maxTokens(2).build())
        .collect();

    assertThat(result.text()).isEqualTo("Hello! I ");
    assertThat(result.finishReason().reason()).isEqualTo("length");
  }

  @Test
  void streamedToolCallIsAssembledWhole() {
    ChatResult result = provider.stream(weather()).collect();

    assertThat(result.toolCalls())
        .containsExactly(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"));
    assertThat(result.finishReason().reason()).isEqualTo("tool_calls");
    assertThat(emulator.takeRequest().body()).contains("\"tools\":[{\"type\":\"function\","
        + "\"function\":{\"name\":\"get_weather\",\"description\":\"Current weather\","
        + "\"parameters\":{");
  }

  @Test
  void toolCallOfACompletionKeepsItsId() {
    assertThat(provider.complete(weather()).toolCalls())
        .containsExactly(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"));
  }

  @Test
  void toolResultIsSentBackInTheOpenAiShape() {
    ToolCall call = new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}");
    ChatRequest request = ChatRequest.builder().model(MODEL)
        .user("What is the weather in Paris?")
        .message(Message.assistant("", List.of(call)))
        .message(Message.toolResult("call_1", "18 C"))
        .tool(WEATHER)
        .build();

    assertThat(provider.stream(request).collect().text()).isEqualTo("Tool said: 18 C");
    assertThat(emulator.takeRequest().body()).contains(
        "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"call_1\","
            + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
            + "\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]}",
        "{\"role\":\"tool\",\"content\":\"18 C\",\"tool_call_id\":\"call_1\"}");
  }

  @Test
  void reasoningContentBecomesReasoningItems() {
    List<ResponseItem> items = new ArrayList<>();
    try (ChatStream stream = provider.stream(
        ChatRequest.builder().model(REASONING_MODEL).user("Hello").build())) {
      stream.forEach(items::add);
    }

    assertThat(items).filteredOn(ReasoningDelta.class::isInstance).containsExactly(
        new ReasoningDelta("Let me think "), new ReasoningDelta("about this."));
    assertThat(ChatResult.of(items).text()).isEqualTo(GREETING);
    assertThat(items).filteredOn(TextDelta.class::isInstance)
        .noneMatch(t -> ((TextDelta) t).text().contains("think"));
  }

  @Test
  void jsonModeSendsANamedSchema() {
    String schema = "{\"type\":\"object\"}";
    ChatRequest request = ask("ping").toBuilder()
        .responseFormat(new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "answer", schema))
        .build();

    assertThat(provider.complete(request).text()).isEqualTo("{\"answer\":\"Echo: ping\"}");
    assertThat(emulator.takeRequest().body()).contains("\"response_format\":{\"type\":"
        + "\"json_schema\",\"json_schema\":{\"name\":\"answer\",\"schema\":" + schema + "}}");
  }

  @Test
  void optionsWithoutAnOpenAiFieldAreRefused() {
    assertThatThrownBy(() -> provider.stream(ask("hi").toBuilder().topK(3).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("top_k");
    assertThatThrownBy(() -> provider.stream(
        ask("hi").toBuilder().repetitionPenalty(1.2).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repetition_penalty");
  }

  @Test
  void unknownModelIsModelNotFound() {
    assertThatThrownBy(() -> provider.complete(
        ChatRequest.builder().model("@cf/nope/none").user("hi").build()))
        .isInstanceOfSatisfying(ModelNotFoundException.class,
            e -> assertThat(e.code()).isEqualTo(5007));
  }

  @Test
  void wrongTokenIsMissingAuth() {
    WorkersAIOpenAI wrong = WorkersAIOpenAI.builder().accountId(emulator.accountId())
        .apiToken("nope").baseUrl(emulator.baseUrl()).build();

    assertThatThrownBy(() -> wrong.complete(ask("hi")))
        .isInstanceOfSatisfying(MissingAuthException.class, e -> assertThat(e.code()).isEqualTo(10000));
  }

  @Test
  void errorCodeAndFaultsAreTypedToo() {
    assertThatThrownBy(() -> openAi(emulator, withHeader("x-emulator-error", "3036"))
        .complete(ask("hi"))).isInstanceOf(RateLimitException.class);
    assertThatThrownBy(() -> openAi(emulator, withHeader(Emulator.FAULT_HEADER, "truncated"))
        .stream(ask("Hello")).collect()).isInstanceOf(StreamTruncatedException.class);
  }
}
