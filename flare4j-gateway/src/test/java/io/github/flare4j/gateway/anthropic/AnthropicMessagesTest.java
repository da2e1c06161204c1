package io.github.flare4j.gateway.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.SseException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import io.github.flare4j.Flare4j;
import io.github.flare4j.cloudflare.Cloudflare;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.Fault;
import io.github.flare4j.gateway.Gateway;
import io.github.flare4j.gateway.http.Json;
import io.github.flare4j.workersai.WorkersAIOpenAI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code /v1/messages} and its {@code count_tokens} over real HTTP, driven by anthropic-java and
 * by raw requests, against the gateway backed by the emulator: the playground (the default
 * provider) and Workers AI's OpenAI-compatible endpoint ({@code workers-ai/...}).
 */
class AnthropicMessagesTest {
  static final String MODEL = "@cf/meta/llama-3.3-70b-instruct-fp8-fast";
  static final String WORKERS = "workers-ai/" + MODEL;

  @TempDir Path cacheDir;
  Emulator emulator;
  Flare4j flare4j;
  Gateway gateway;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    emulator = Emulator.start();
    flare4j = Flare4j.builder().cacheDirectory(cacheDir).noBrowser().build();
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    flare4j.close();
    emulator.close();
  }

  Gateway gateway(Set<String> keys) {
    Cloudflare playground = Cloudflare.builder().client(flare4j).baseUrl(emulator.baseUrl()).build();
    WorkersAIOpenAI workers = WorkersAIOpenAI.builder().client(flare4j)
        .accountId(emulator.accountId()).apiToken(emulator.apiToken())
        .baseUrl(emulator.baseUrl()).build();
    gateway = Gateway.builder().provider("playground", playground).provider("workers-ai", workers)
        .apiKeys(keys).port(0).build().start();
    return gateway;
  }

  AnthropicClient client(String key) {
    return AnthropicOkHttpClient.builder().baseUrl(gateway.uri().toString()).apiKey(key)
        .maxRetries(0).build();
  }

  static String text(Message message) {
    StringBuilder text = new StringBuilder();
    for (ContentBlock block : message.content()) {
      block.text().ifPresent(t -> text.append(t.text()));
    }
    return text.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {MODEL, WORKERS})
  void createAnswersWithAMessage(String model) {
    gateway(Set.of());
    Message message = client("unused").messages().create(MessageCreateParams.builder()
        .model(model).maxTokens(200).system("Be brief.").addUserMessage("hello there").build());
    assertThat(message.id()).startsWith("msg_");
    assertThat(message.model().asString()).isEqualTo(model);
    assertThat(text(message)).isEqualTo("Hello! I am the flare4j emulator. How can I help you today?");
    assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
    assertThat(message.usage().inputTokens()).isPositive();
    assertThat(message.usage().outputTokens()).isPositive();
  }

  /**
   * Claude Code always sends max_tokens: the playground's agent has no such setting, and the
   * library cuts its reply at 4 characters a token; the estimated usage counts no more.
   */
  @Test
  void maxTokensCutsThePlaygroundsReplyWithStopReasonMaxTokens() {
    gateway(Set.of());
    Message message = client("unused").messages().create(MessageCreateParams.builder()
        .model(MODEL).maxTokens(3).addUserMessage("hello there").build());

    assertThat(text(message)).isEqualTo("Hello! I am ");
    assertThat(message.stopReason()).hasValue(StopReason.MAX_TOKENS);
    assertThat(message.usage().outputTokens()).isEqualTo(3);
    assertThat(emulator.takeRequest().path()).startsWith("/agents/playground/");
  }

  @ParameterizedTest
  @ValueSource(strings = {MODEL, WORKERS})
  void createStreamingAccumulatesTheText(String model) {
    gateway(Set.of());
    MessageAccumulator accumulator = MessageAccumulator.create();
    List<String> types = new ArrayList<>();
    try (StreamResponse<RawMessageStreamEvent> stream = client("unused").messages()
        .createStreaming(MessageCreateParams.builder().model(model).maxTokens(200)
            .addUserMessage("say one two three").build())) {
      stream.stream().forEach(event -> {
        accumulator.accumulate(event);
        types.add(event.isContentBlockDelta() ? "delta" : event.isMessageStart() ? "start"
            : event.isMessageStop() ? "stop" : "other");
      });
    }
    Message message = accumulator.message();
    assertThat(text(message)).isEqualTo("Echo: say one two three");
    assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
    assertThat(message.usage().outputTokens()).isPositive();
    assertThat(types.getFirst()).isEqualTo("start");
    assertThat(types.getLast()).isEqualTo("stop");
    assertThat(types.stream().filter("delta"::equals).count()).as("the words arrive as deltas")
        .isGreaterThan(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {MODEL, WORKERS})
  void toolsRoundTrip(String model) {
    gateway(Set.of());
    AnthropicClient client = client("unused");
    Tool weather = Tool.builder().name("get_weather").description("The weather in a city")
        .inputSchema(Tool.InputSchema.builder()
            .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
            .required(List.of("city")).build())
        .build();
    MessageCreateParams.Builder first = MessageCreateParams.builder().model(model).maxTokens(200)
        .addTool(weather).addUserMessage("What is the weather in Paris?");
    Message call = client.messages().create(first.build());
    assertThat(call.stopReason()).hasValue(StopReason.TOOL_USE);
    ToolUseBlock use = call.content().stream().filter(ContentBlock::isToolUse)
        .map(block -> block.toolUse().orElseThrow()).findFirst().orElseThrow();
    assertThat(use.name()).isEqualTo("get_weather");
    assertThat(use._input().convert(Map.class)).isEqualTo(Map.of("city", "Paris"));

    Message answer = client.messages().create(first.addMessage(call)
        .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
            ToolResultBlockParam.builder().toolUseId(use.id()).content("sunny, 21 C").build())))
        .build());
    assertThat(text(answer)).isEqualTo("Tool said: sunny, 21 C");
    assertThat(answer.stopReason()).hasValue(StopReason.END_TURN);
    if (!model.startsWith("workers-ai/")) {
      // the playground's body carries the result with its call, as a UI message's invocation
      assertThat(emulator.requests().getLast().body()).contains("\"toolInvocations\":[{\"state\":"
          + "\"result\",\"toolCallId\":\"" + use.id() + "\"").contains("\"result\":\"sunny, 21 C\"");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {MODEL, WORKERS})
  void aStreamedToolCallArrivesAsInputJsonDeltas(String model) {
    gateway(Set.of());
    MessageAccumulator accumulator = MessageAccumulator.create();
    List<String> fragments = new ArrayList<>();
    try (StreamResponse<RawMessageStreamEvent> stream = client("unused").messages()
        .createStreaming(MessageCreateParams.builder().model(model).maxTokens(200)
            .addTool(Tool.builder().name("get_weather").inputSchema(Tool.InputSchema.builder()
                .properties(JsonValue.from(Map.of("city", Map.of("type", "string")))).build())
                .build())
            .addUserMessage("weather in Paris?").build())) {
      stream.stream().forEach(event -> {
        accumulator.accumulate(event);
        event.contentBlockDelta().flatMap(delta -> delta.delta().inputJson())
            .ifPresent(json -> fragments.add(json.partialJson()));
      });
    }
    Message message = accumulator.message();
    assertThat(message.stopReason()).hasValue(StopReason.TOOL_USE);
    ToolUseBlock use = message.content().stream().filter(ContentBlock::isToolUse)
        .map(block -> block.toolUse().orElseThrow()).findFirst().orElseThrow();
    assertThat(use._input().convert(Map.class)).isEqualTo(Map.of("city", "Paris"));
    assertThat(String.join("", fragments)).isEqualTo("{\"city\":\"Paris\"}");
  }

  @Test
  void aMissingMaxTokensIsA400InAnthropicsShape() throws Exception {
    gateway(Set.of());
    HttpResponse<String> response = post("/v1/messages", "{\"model\":\"" + MODEL
        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", Map.of());
    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = Json.MAPPER.readTree(response.body());
    assertThat(body.get("type").asString()).isEqualTo("error");
    assertThat(body.get("error").get("type").asString()).isEqualTo("invalid_request_error");
    assertThat(body.get("error").get("message").asString()).startsWith("max_tokens: Field required");
  }

  @Test
  void badFieldsAreNamed() throws Exception {
    gateway(Set.of());
    assertThat(post("/v1/messages", "{\"model\":\"" + MODEL + "\",\"max_tokens\":5,"
        + "\"messages\":[{\"role\":\"robot\",\"content\":\"hi\"}]}", Map.of()).body())
        .contains("messages.0.role: must be user or assistant, was \\\"robot\\\"");
    assertThat(post("/v1/messages", "{\"model\":\"" + MODEL + "\",\"max_tokens\":5,"
        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":"
        + "{\"type\":\"base64\",\"media_type\":\"image/bmp\",\"data\":\"AAAA\"}}]}]}", Map.of())
        .body()).contains("messages.0.content.0.source: An image must be image/png");
    assertThat(post("/v1/messages", "{\"model\":\"" + MODEL + "\",\"max_tokens\":5,"
        + "\"tool_choice\":{\"type\":\"sometimes\"},"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", Map.of()).body())
        .contains("tool_choice.type: must be auto, any, tool or none");
  }

  @Test
  void theSdkSeesA400ForABadMaxTokens() {
    gateway(Set.of());
    // the SDK will not build a request without max_tokens (the raw test above sends one); a
    // value below 1 reaches the gateway
    assertThatThrownBy(() -> client("unused").messages().create(MessageCreateParams.builder()
        .model(MODEL).maxTokens(0).addUserMessage("hi").build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.body().toString()).contains("max_tokens: must be an integer of 1 or more");
        });
  }

  @Test
  void aBadKeyIsA401AndAGoodOneIsTaken() {
    gateway(Set.of("sk-gateway-one"));
    MessageCreateParams params = MessageCreateParams.builder().model(MODEL).maxTokens(50)
        .addUserMessage("hello").build();
    assertThatThrownBy(() -> client("sk-wrong").messages().create(params))
        .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(401);
          assertThat(e.body().toString()).contains("authentication_error")
              .doesNotContain("sk-wrong").doesNotContain("sk-gateway-one");
        });
    assertThat(text(client("sk-gateway-one").messages().create(params))).startsWith("Hello!");
  }

  @ParameterizedTest
  @ValueSource(strings = {"no-such-model", "workers-ai/@cf/nobody/no-such-model"})
  void anUnknownModelIsA404(String model) {
    gateway(Set.of());
    assertThatThrownBy(() -> client("unused").messages().create(MessageCreateParams.builder()
        .model(model).maxTokens(50).addUserMessage("hello").build()))
        .isInstanceOfSatisfying(NotFoundException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(404);
          assertThat(e.body().toString()).contains("not_found_error");
        });
    assertThatThrownBy(() -> {
      try (StreamResponse<RawMessageStreamEvent> stream = client("unused").messages()
          .createStreaming(MessageCreateParams.builder().model(model).maxTokens(50)
              .addUserMessage("hello").build())) {
        stream.stream().forEach(event -> { });
      }
    }).as("a streamed request fails before its stream began: an HTTP 404 still")
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void theSdkThrowsTheErrorEventOfAFailedStream() {
    gateway(Set.of());
    emulator.enqueueFault(Fault.ERROR_PART);
    List<RawMessageStreamEvent> seen = new ArrayList<>();
    assertThatThrownBy(() -> {
      try (StreamResponse<RawMessageStreamEvent> stream = client("unused").messages()
          .createStreaming(MessageCreateParams.builder().model(MODEL).maxTokens(50)
              .addTool(Tool.builder().name("get_weather").inputSchema(Tool.InputSchema.builder()
                  .build()).build())
              .addUserMessage("one two three four").build())) {
        stream.stream().forEach(seen::add);
      }
    }).isInstanceOf(SseException.class);
    assertThat(seen.getFirst().isMessageStart()).isTrue();
  }

  @Test
  void countTokensEstimates() {
    gateway(Set.of());
    long tokens = client("unused").messages().countTokens(MessageCountTokensParams.builder()
        .model(MODEL).system("Be brief.").addUserMessage("12345678").build()).inputTokens();
    // "Be brief." 9 chars -> 3, "12345678" -> 2, 4 per message twice
    assertThat(tokens).isEqualTo(3 + 2 + 2 * TokenEstimate.PER_MESSAGE);
  }

  @Test
  void theRawEventSequenceIsAnthropics() throws Exception {
    gateway(Set.of());
    HttpResponse<String> response = post("/v1/messages", "{\"model\":\"@cf/qwen/qwq-32b\","
        + "\"max_tokens\":100,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":"
        + "\"one two\"}]}", Map.of("anthropic-version", "2023-06-01",
            "anthropic-beta", "whatever-2025"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/event-stream"));
    List<String> names = new ArrayList<>();
    List<JsonNode> data = new ArrayList<>();
    for (String event : response.body().split("\n\n")) {
      String[] lines = event.split("\n");
      assertThat(lines[0]).startsWith("event: ");
      assertThat(lines[1]).startsWith("data: ");
      names.add(lines[0].substring(7));
      JsonNode json = Json.MAPPER.readTree(lines[1].substring(6));
      assertThat(json.get("type").asString()).isEqualTo(lines[0].substring(7));
      data.add(json);
    }
    assertThat(names.subList(0, 2)).containsExactly("message_start", "ping");
    assertThat(names.subList(names.size() - 2, names.size()))
        .containsExactly("message_delta", "message_stop");
    JsonNode start = data.getFirst().get("message");
    assertThat(start.get("content").isEmpty()).isTrue();
    assertThat(start.get("stop_reason").isNull()).isTrue();
    assertThat(start.get("usage").get("input_tokens").asInt()).isPositive();
    // a thinking block (index 0), then a text block (index 1)
    List<String> blocks = new ArrayList<>();
    StringBuilder thinking = new StringBuilder();
    StringBuilder text = new StringBuilder();
    for (JsonNode event : data) {
      switch (event.get("type").asString()) {
        case "content_block_start" -> blocks.add(event.get("index").asInt() + ":"
            + event.get("content_block").get("type").asString());
        case "content_block_delta" -> {
          JsonNode delta = event.get("delta");
          switch (delta.get("type").asString()) {
            case "thinking_delta" -> thinking.append(delta.get("thinking").asString());
            case "text_delta" -> text.append(delta.get("text").asString());
            case "signature_delta" -> assertThat(event.get("index").asInt()).isZero();
            default -> throw new AssertionError("unexpected delta " + delta);
          }
        }
        case "content_block_stop" -> blocks.add(event.get("index").asInt() + ":stop");
        default -> { }
      }
    }
    assertThat(blocks).containsExactly("0:thinking", "0:stop", "1:text", "1:stop");
    assertThat(thinking.toString()).isEqualTo("Let me think about this.");
    assertThat(text.toString()).isEqualTo("Echo: one two");
    JsonNode delta = data.get(data.size() - 2);
    assertThat(delta.get("delta").get("stop_reason").asString()).isEqualTo("end_turn");
    assertThat(delta.get("delta").has("stop_sequence")).isTrue();
    assertThat(delta.get("usage").get("output_tokens").asInt()).isPositive();
  }

  @Test
  void aFailureAfterTheStreamBeganIsAnErrorEvent() throws Exception {
    gateway(Set.of());
    emulator.enqueueFault(Fault.ERROR_PART);
    // tools send the playground's turn to /api/inference, where the fault waits
    HttpResponse<String> response = post("/v1/messages", "{\"model\":\"" + MODEL + "\","
        + "\"max_tokens\":100,\"stream\":true,\"tools\":[{\"name\":\"get_weather\","
        + "\"input_schema\":{\"type\":\"object\"}}],"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"one two three four\"}]}", Map.of());
    assertThat(response.statusCode()).isEqualTo(200);
    String[] events = response.body().split("\n\n");
    assertThat(events[0]).startsWith("event: message_start");
    String last = events[events.length - 1];
    assertThat(last).startsWith("event: error\ndata: ");
    JsonNode error = Json.MAPPER.readTree(last.substring(last.indexOf("data: ") + 6));
    assertThat(error.get("type").asString()).isEqualTo("error");
    assertThat(error.get("error").get("type").asString()).isNotBlank();
    assertThat(error.get("error").get("message").asString()).isNotBlank();
    assertThat(response.body()).doesNotContain("message_stop");
  }

  @Test
  void thinkingBlocksComeBackWhole() {
    gateway(Set.of());
    Message message = client("unused").messages().create(MessageCreateParams.builder()
        .model("workers-ai/@cf/qwen/qwq-32b").maxTokens(200).addUserMessage("hi").build());
    assertThat(message.content().getFirst().thinking()).hasValueSatisfying(
        thinking -> assertThat(thinking.thinking()).isEqualTo("Let me think about this."));
    assertThat(text(message)).isEqualTo("Echo: hi");
  }

  @Test
  void theFieldsReachWorkersAi() throws Exception {
    gateway(Set.of());
    String png = java.util.Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N',
        'G', 1, 2, 3});
    HttpResponse<String> response = post("/v1/messages", "{\"model\":\"workers-ai/@cf/google/gemma-4-26b-a4b-it\","
        + "\"max_tokens\":64,\"temperature\":0.5,\"top_p\":0.9,\"stop_sequences\":[\"END\"],"
        + "\"metadata\":{\"user_id\":\"user-7\"},\"thinking\":{\"type\":\"enabled\","
        + "\"budget_tokens\":2048},\"system\":[{\"type\":\"text\",\"text\":\"Rule one.\","
        + "\"cache_control\":{\"type\":\"ephemeral\"}},{\"type\":\"text\",\"text\":\"Rule two.\"}],"
        + "\"tools\":[{\"name\":\"get_weather\",\"input_schema\":{\"type\":\"object\"}}],"
        + "\"tool_choice\":{\"type\":\"tool\",\"name\":\"get_weather\","
        + "\"disable_parallel_tool_use\":true},"
        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"look\"},"
        + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\","
        + "\"data\":\"" + png + "\"}}]},{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\","
        + "\"thinking\":\"hmm\",\"signature\":\"\"},{\"type\":\"text\",\"text\":\"ok\"}]},"
        + "{\"role\":\"user\",\"content\":\"and now?\"}]}", Map.of());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode sent = Json.MAPPER.readTree(emulator.requests().getLast().body());
    assertThat(sent.get("max_tokens").asInt()).isEqualTo(64);
    assertThat(sent.get("temperature").asDouble()).isEqualTo(0.5);
    assertThat(sent.get("top_p").asDouble()).isEqualTo(0.9);
    assertThat(sent.get("stop").toString()).contains("END");
    assertThat(sent.get("user").asString()).isEqualTo("user-7");
    assertThat(sent.get("tool_choice").toString()).contains("get_weather");
    assertThat(sent.get("parallel_tool_calls").asBoolean()).isFalse();
    JsonNode messages = sent.get("messages");
    assertThat(messages.get(0).get("role").asString()).isEqualTo("system");
    assertThat(messages.get(0).get("content").asString()).isEqualTo("Rule one.\n\nRule two.");
    assertThat(messages.get(1).toString()).contains("data:image/png;base64," + png);
    assertThat(messages.get(2).toString()).contains("ok").doesNotContain("hmm");
    assertThat(sent.get("reasoning_effort").asString()).isEqualTo("low");

    for (int budget : new int[] {2048, 10000, 32000}) {
      assertThat(post("/v1/messages", "{\"model\":\"workers-ai/@cf/openai/gpt-oss-20b\","
          + "\"max_tokens\":64,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":" + budget
          + "},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", Map.of()).statusCode())
          .isEqualTo(200);
      assertThat(Json.MAPPER.readTree(emulator.requests().getLast().body())
          .get("reasoning_effort").asString())
          .isEqualTo(budget == 2048 ? "low" : budget == 10000 ? "medium" : "high");
    }
  }

  @Test
  void whatThePlaygroundCannotTakeIsRefusedByName() throws Exception {
    gateway(Set.of());
    HttpResponse<String> response = post("/v1/messages", "{\"model\":\"" + MODEL + "\","
        + "\"max_tokens\":64,\"stop_sequences\":[\"END\"],"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", Map.of());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).startsWith("{\"type\":\"error\",\"error\":{\"type\":"
        + "\"invalid_request_error\"").contains("takes no stop");
  }

  @Test
  void toolResultBlocksBecomeToolMessagesAndTheirImagesAUserTurn() throws Exception {
    gateway(Set.of());
    String png = java.util.Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N',
        'G', 9});
    HttpResponse<String> response = post("/v1/messages", "{\"model\":"
        + "\"workers-ai/@cf/google/gemma-4-26b-a4b-it\",\"max_tokens\":64,"
        + "\"tools\":[{\"name\":\"shot\",\"input_schema\":{\"type\":\"object\"}}],"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"take a picture\"},"
        + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\","
        + "\"name\":\"shot\",\"input\":{\"zoom\":2}}]},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\","
        + "\"is_error\":true,\"content\":[{\"type\":\"text\",\"text\":\"lens cap on\"},"
        + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\","
        + "\"data\":\"" + png + "\"}}]}]}]}", Map.of());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode messages = Json.MAPPER.readTree(emulator.requests().getLast().body()).get("messages");
    assertThat(messages.get(1).get("tool_calls").get(0).get("id").asString()).isEqualTo("toolu_1");
    assertThat(messages.get(1).get("tool_calls").get(0).get("function").get("arguments")
        .asString()).isEqualTo("{\"zoom\":2}");
    assertThat(messages.get(2).get("role").asString()).isEqualTo("tool");
    assertThat(messages.get(2).get("tool_call_id").asString()).isEqualTo("toolu_1");
    assertThat(messages.get(2).get("content").asString()).isEqualTo("[tool error] lens cap on");
    assertThat(messages.get(3).get("role").asString()).isEqualTo("user");
    assertThat(messages.get(3).toString()).contains("data:image/png;base64," + png);
    assertThat(Json.MAPPER.readTree(response.body()).get("content").get(0).get("text").asString())
        .as("the emulator answers the last turn, the image").startsWith("I see 1 image.");
  }

  @Test
  void countTokensChecksTheModelAndTheBody() throws Exception {
    gateway(Set.of());
    HttpResponse<String> unknown = post("/v1/messages/count_tokens", "{\"model\":"
        + "\"no-such-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", Map.of());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).startsWith("{\"type\":\"error\",\"error\":{\"type\":"
        + "\"not_found_error\"");
    HttpResponse<String> bad = post("/v1/messages/count_tokens", "{\"model\":\"" + MODEL + "\","
        + "\"messages\":[]}", Map.of());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("messages: Field required");
    HttpResponse<String> withTool = post("/v1/messages/count_tokens", "{\"model\":\"" + MODEL
        + "\",\"tools\":[{\"name\":\"abcd\",\"input_schema\":{\"type\":\"object\"}}],"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", Map.of());
    // message: 4 + "hi" 1; tool: 8 + "abcd" 1 + "" 0 + {"type":"object"} 17 chars -> 5
    assertThat(Json.MAPPER.readTree(withTool.body()).get("input_tokens").asInt())
        .isEqualTo(4 + 1 + 8 + 1 + 5);
  }

  HttpResponse<String> post(String path, String body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri().resolve(path))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
