package io.github.flare4j.gateway.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import io.github.flare4j.emulator.Fault;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The official openai-java client against the gateway, on the playground and on Workers AI. */
class ChatCompletionsSdkTest extends ChatGatewayFixture {

  private String model(String provider) {
    return provider.equals("playground") ? playgroundModel() : WORKERS_MODEL;
  }

  private static ChatCompletionFunctionTool weatherTool() {
    return ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder()
        .name("get_weather").description("Current weather in a city")
        .parameters(FunctionParameters.builder()
            .putAdditionalProperty("type", JsonValue.from("object"))
            .putAdditionalProperty("properties",
                JsonValue.from(Map.of("city", Map.of("type", "string"))))
            .build())
        .build()).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"playground", "workers-ai"})
  void aWholeCompletion(String provider) {
    ChatCompletion completion = sdk().chat().completions().create(ChatCompletionCreateParams
        .builder().model(model(provider)).addSystemMessage("Answer briefly.")
        .addUserMessage("Hello there").build());

    assertThat(completion.choices()).hasSize(1);
    assertThat(completion.choices().getFirst().message().content()).hasValue(GREETING);
    assertThat(completion.choices().getFirst().finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    assertThat(completion.id()).isNotBlank();
    assertThat(completion.model()).isNotBlank();
    assertThat(completion.created()).isPositive();
  }

  @ParameterizedTest
  @ValueSource(strings = {"playground", "workers-ai"})
  void aStreamAssemblesToTheWholeReply(String provider) {
    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream = sdk().chat().completions()
        .createStreaming(ChatCompletionCreateParams.builder().model(model(provider))
            .addUserMessage("Hello there").build())) {
      stream.stream().forEach(chunk -> {
        chunks.add(chunk);
        accumulator.accumulate(chunk);
      });
    }

    ChatCompletion whole = accumulator.chatCompletion();
    assertThat(whole.choices().getFirst().message().content()).hasValue(GREETING);
    assertThat(whole.choices().getFirst().finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    assertThat(chunks.size()).as("the text arrives in pieces").isGreaterThan(3);
    assertThat(chunks).extracting(ChatCompletionChunk::id).containsOnly(chunks.getFirst().id());
    assertThat(chunks).extracting(ChatCompletionChunk::model)
        .containsOnly(chunks.getFirst().model());
    assertThat(chunks).extracting(ChatCompletionChunk::created)
        .containsOnly(chunks.getFirst().created());
  }

  @Test
  void includeUsageSendsALastChunkWithoutChoices() {
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream = sdk().chat().completions()
        .createStreaming(ChatCompletionCreateParams.builder().model(WORKERS_MODEL)
            .addUserMessage("Hello there")
            .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
            .build())) {
      stream.stream().forEach(chunks::add);
    }

    ChatCompletionChunk last = chunks.getLast();
    assertThat(last.choices()).isEmpty();
    assertThat(last.usage()).hasValueSatisfying(usage -> {
      assertThat(usage.promptTokens()).isEqualTo(2);
      assertThat(usage.completionTokens()).isPositive();
      assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
    });
    assertThat(chunks.subList(0, chunks.size() - 1))
        .allSatisfy(chunk -> assertThat(chunk.usage()).isEmpty());
  }

  @Test
  void reasoningArrivesAsReasoningContent() {
    ChatCompletion completion = sdk().chat().completions().create(ChatCompletionCreateParams
        .builder().model(REASONING_MODEL).addUserMessage("Hello there").build());

    assertThat(completion.choices().getFirst().message()._additionalProperties()
        .get("reasoning_content")).isEqualTo(JsonValue.from("Let me think about this."));
    assertThat(completion.choices().getFirst().message().content()).hasValue(GREETING);
  }

  @Test
  void aToolRoundTripWithStreamedArguments() {
    OpenAIClient client = sdk();
    ChatCompletionCreateParams ask = ChatCompletionCreateParams.builder().model(TOOL_MODEL)
        .addUserMessage("What is the weather in Paris?").addTool(weatherTool()).build();
    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    int pieces = 0;
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(ask)) {
      for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
        accumulator.accumulate(chunk);
        if (!chunk.choices().isEmpty()
            && chunk.choices().getFirst().delta().toolCalls().isPresent()) {
          pieces++;
        }
      }
    }

    ChatCompletion whole = accumulator.chatCompletion();
    ChatCompletion.Choice choice = whole.choices().getFirst();
    assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    assertThat(pieces).as("the arguments arrive in more than one delta").isGreaterThan(1);
    ChatCompletionMessageFunctionToolCall call =
        choice.message().toolCalls().orElseThrow().getFirst().asFunction();
    assertThat(call.function().name()).isEqualTo("get_weather");
    assertThat(call.function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(call.id()).isEqualTo("call_1");

    ChatCompletion answer = client.chat().completions().create(ask.toBuilder()
        .addMessage(choice.message())
        .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id())
            .content("Sunny, 21 C").build())
        .build());
    assertThat(answer.choices().getFirst().message().content()).hasValue("Tool said: Sunny, 21 C");
  }

  @Test
  void aWholeToolCallHasNullContent() {
    ChatCompletion completion = sdk().chat().completions().create(ChatCompletionCreateParams
        .builder().model(TOOL_MODEL).addUserMessage("What is the weather in Paris?")
        .addTool(weatherTool()).build());

    ChatCompletion.Choice choice = completion.choices().getFirst();
    assertThat(choice.message().content()).isEmpty();
    assertThat(choice.message().toolCalls().orElseThrow().getFirst().asFunction().function()
        .arguments()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
  }

  @Test
  void aFieldTheGatewayCannotHonourIsA400NamingIt() {
    assertThatThrownBy(() -> sdk().chat().completions().create(ChatCompletionCreateParams
        .builder().model(WORKERS_MODEL).addUserMessage("Hello").n(2).build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.param()).hasValue("n");
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"no-such-model-at-all", "workers-ai/@cf/nobody/no-such-model"})
  void anUnknownModelIsA404ModelNotFound(String model) {
    assertThatThrownBy(() -> sdk().chat().completions().create(ChatCompletionCreateParams
        .builder().model(model).addUserMessage("Hello").build()))
        .isInstanceOfSatisfying(NotFoundException.class, e -> {
          assertThat(e.code()).hasValue("model_not_found");
          assertThat(e.param()).hasValue("model");
          assertThat(e.getMessage()).doesNotContain("getModels()");
        });
  }

  @Test
  void anUpstreamRateLimitIsA429WithRetryAfter() {
    emulator.rateLimitRetryAfter(3);
    emulator.enqueueFault(Fault.RATE_LIMIT, workersChatPath());

    assertThatThrownBy(() -> sdk().chat().completions().create(ChatCompletionCreateParams
        .builder().model(WORKERS_MODEL).addUserMessage("Hello").build()))
        .isInstanceOfSatisfying(RateLimitException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(429);
          assertThat(e.headers().values("Retry-After")).containsExactly("3");
        });
  }

  @Test
  void anUpstreamRateLimitOfAStreamIsA429BeforeTheFirstByte() {
    emulator.enqueueFault(Fault.RATE_LIMIT, workersChatPath());

    assertThatThrownBy(() -> {
      try (StreamResponse<ChatCompletionChunk> stream = sdk().chat().completions()
          .createStreaming(ChatCompletionCreateParams.builder().model(WORKERS_MODEL)
              .addUserMessage("Hello").build())) {
        stream.stream().forEach(chunk -> { });
      }
    }).isInstanceOf(RateLimitException.class);
  }

  @Test
  void embeddingsThroughTheSdk() {
    CreateEmbeddingResponse response = sdk().embeddings().create(EmbeddingCreateParams.builder()
        .model("workers-ai/@cf/baai/bge-base-en-v1.5")
        .inputOfArrayOfStrings(List.of("first text", "second text")).build());

    assertThat(response.data()).hasSize(2);
    assertThat(response.data().get(1).index()).isEqualTo(1);
    assertThat(response.data().getFirst().embedding()).hasSize(768);
    assertThat(response.data().getFirst().embedding())
        .isNotEqualTo(response.data().get(1).embedding());
    assertThat(response.model()).contains("bge-base-en-v1.5");
  }

  @Test
  void embeddingsOnThePlaygroundAreA400NamingTheModel() {
    assertThatThrownBy(() -> sdk().embeddings().create(EmbeddingCreateParams.builder()
        .model("@cf/baai/bge-base-en-v1.5").input("text").build()))
        .isInstanceOfSatisfying(BadRequestException.class,
            e -> assertThat(e.param()).hasValue("model"));
  }
}
