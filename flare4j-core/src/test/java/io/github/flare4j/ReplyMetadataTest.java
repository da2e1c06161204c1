package io.github.flare4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.FaultMatrixTest.Column;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.StreamFormat;
import io.github.flare4j.provider.ChatProvider;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a gateway must pass on, over real HTTP and WebSocket against the emulator, for every
 * provider and transport: the reply's start first (the service's id and model when it sends them),
 * tool calls in pieces that join to the whole call, reasoning token counts, one finish kind for
 * both spellings of a tool call's finish.
 */
class ReplyMetadataTest {
  private static final ToolDefinition WEATHER = new ToolDefinition("get_weather",
      "Current weather", "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}");

  @TempDir Path cache;

  private static Emulator emulator(Column column) {
    return Emulator.builder().format(column == Column.V5 ? StreamFormat.V5 : StreamFormat.V4)
        .start();
  }

  private static List<ResponseItem> read(ChatProvider provider, ChatRequest request) {
    List<ResponseItem> items = new ArrayList<>();
    try (ChatStream stream = provider.stream(request, CallOptions.defaults())) {
      stream.forEach(items::add);
    }
    return items;
  }

  @ParameterizedTest
  @EnumSource(Column.class)
  void everyReplyStartsWithOneResponseStart(Column column) {
    Instant before = Instant.now().minusSeconds(1);
    try (Emulator emulator = emulator(column)) {
      List<ResponseItem> items = read(column.provider(emulator, cache),
          ChatRequest.builder().user("Hello").build());

      assertThat(items).filteredOn(ResponseStart.class::isInstance).hasSize(1);
      assertThat(items.getFirst()).isInstanceOfSatisfying(ResponseStart.class, start -> {
        assertThat(start.model()).as("the resolved id, or the service's").startsWith("@cf/");
        assertThat(start.created()).isAfter(before).isBeforeOrEqualTo(Instant.now());
        switch (column) {
          // the playground's messageId (the UI stream's start chunk, the v4 f part)
          case V4, V5, AGENTS -> assertThat(start.id()).doesNotStartWith("chatcmpl-").isNotBlank();
          // the OpenAI chunk's id, and its created in whole seconds
          case OPENAI -> {
            assertThat(start.id()).startsWith("chatcmpl-");
            assertThat(start.created().getNano()).as("the chunk's created").isZero();
          }
          // REST sends none: a made id
          case REST -> assertThat(start.id()).matches("chatcmpl-[A-Za-z0-9]{24}");
        }
      });
      ChatResult result = ChatResult.of(items);
      ResponseStart start = (ResponseStart) items.getFirst();
      assertThat(result.id()).isEqualTo(start.id());
      assertThat(result.model()).isEqualTo(start.model());
      assertThat(result.created()).isEqualTo(start.created());
      assertThat(result.finishReason().kind()).isEqualTo(FinishReason.Kind.STOP);
    }
  }

  /** The service names the model that answered: the OpenAI chunks' model is the one asked for. */
  @Test
  void theOpenAiReplyNamesTheModelItWasSentTo() {
    try (Emulator emulator = emulator(Column.OPENAI)) {
      ChatResult streamed = Column.OPENAI.provider(emulator, cache).stream(
          ChatRequest.builder().model("llama-3.1-8b").user("Hello").build(),
          CallOptions.defaults()).collect();

      assertThat(streamed.model()).isEqualTo("@cf/meta/llama-3.1-8b-instruct-fp8");
      assertThat(streamed.id()).startsWith("chatcmpl-");
    }
  }

  /** One JSON reply ({@code stream: false}) has the same start as a stream. */
  @ParameterizedTest
  @EnumSource(value = Column.class, names = {"REST", "OPENAI"})
  void aWholeReplyHasTheStartToo(Column column) {
    try (Emulator emulator = emulator(column)) {
      ChatProvider provider = column.provider(emulator, cache);
      List<ResponseItem> items = new ArrayList<>();
      try (ChatStream stream = ((io.github.flare4j.workersai.WorkersAIProvider) provider)
          .stream(ChatRequest.builder().user("Hello").build(),
              CallOptions.defaults(), false)) {
        stream.forEach(items::add);
      }

      assertThat(items.getFirst()).isInstanceOf(ResponseStart.class);
      assertThat(items).filteredOn(ResponseStart.class::isInstance).hasSize(1);
      assertThat(ChatResult.of(items).model()).startsWith("@cf/");
    }
  }

  @ParameterizedTest
  @EnumSource(value = Column.class, names = {"V4", "V5", "REST", "OPENAI"})
  void toolCallsComeInPiecesThatJoinToTheWholeCall(Column column) {
    try (Emulator emulator = emulator(column)) {
      List<ResponseItem> items = read(column.provider(emulator, cache), ChatRequest.builder()
          .user("What is the weather in Paris?").tool(WEATHER).build());

      List<ToolCallDelta> pieces = items.stream().filter(ToolCallDelta.class::isInstance)
          .map(ToolCallDelta.class::cast).toList();
      List<ToolCall> calls = items.stream().filter(ToolCall.class::isInstance)
          .map(ToolCall.class::cast).toList();
      assertThat(calls).as("the whole call, once").hasSize(1);
      ToolCall call = calls.getFirst();
      assertThat(call.index()).isZero();
      assertThat(call.name()).isEqualTo("get_weather");
      assertThat(pieces).isNotEmpty().allMatch(piece -> piece.index() == 0);
      assertThat(pieces.getFirst().id()).isEqualTo(call.id());
      assertThat(pieces.getFirst().name()).isEqualTo("get_weather");
      assertThat(pieces.subList(1, pieces.size()))
          .allMatch(piece -> piece.id() == null && piece.name() == null);
      assertThat(pieces.stream().map(ToolCallDelta::argumentsFragment).reduce("", String::concat))
          .isEqualTo(call.arguments()).isEqualTo("{\"city\":\"Paris\"}");
      assertThat(items.indexOf(pieces.getLast())).as("the pieces come before the whole call")
          .isLessThan(items.indexOf(call));
      if (column != Column.REST) {
        assertThat(pieces).as("streamed as the service sent them").hasSizeGreaterThan(1);
      }
      ChatResult result = ChatResult.of(items);
      assertThat(result.toolCalls()).containsExactly(call);
      assertThat(result.finishReason().reason()).isEqualTo(
          column == Column.V4 || column == Column.V5 ? "tool-calls" : "tool_calls");
      assertThat(result.finishReason().kind()).isEqualTo(FinishReason.Kind.TOOL_CALLS);
    }
  }

  @Test
  void theOpenAiUsageCarriesTheReasoningTokens() {
    try (Emulator emulator = emulator(Column.OPENAI)) {
      ChatResult result = Column.OPENAI.provider(emulator, cache).complete(
          ChatRequest.builder().model("@cf/qwen/qwq-32b").user("think").build());

      assertThat(result.reasoning()).isNotEmpty();
      assertThat(result.usage()).hasValueSatisfying(usage -> {
        assertThat(usage.reasoningTokens()).as("completion_tokens_details.reasoning_tokens")
            .isEqualTo(2);
        assertThat(usage.cachedTokens()).as("not sent").isZero();
      });
    }
  }

  @Test
  void aUsageWithoutDetailsHasNoReasoningOrCachedTokens() {
    try (Emulator emulator = emulator(Column.OPENAI)) {
      ChatResult result = Column.OPENAI.provider(emulator, cache).complete(
          ChatRequest.builder().user("Hello").build());

      assertThat(result.usage()).hasValueSatisfying(usage -> {
        assertThat(usage.reasoningTokens()).isZero();
        assertThat(usage.cachedTokens()).isZero();
      });
    }
  }
}
