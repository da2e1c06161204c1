package io.github.flare4j.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.Reasoning;
import com.openai.models.ReasoningEffort;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import io.github.flare4j.Flare4j;
import io.github.flare4j.cloudflare.Cloudflare;
import io.github.flare4j.emulator.AgentFault;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.Fault;
import io.github.flare4j.emulator.ReplyScript;
import io.github.flare4j.gateway.http.Json;
import io.github.flare4j.workersai.WorkersAIOpenAI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/responses} over real HTTP, the gateway backed by the emulator through the
 * playground (default) and Workers AI's OpenAI-compatible route ({@code workers-ai/...}): the
 * official openai-java client, stream and not, a function-call round trip, reasoning, the token
 * limit, errors before and after the stream began, and the raw event stream's order and sequence
 * numbers. The {@code openai} npm package's stream helper is run too when {@code node} can load
 * it (for instance with {@code NODE_PATH} set to a {@code node_modules} that holds it).
 */
class ResponsesRouteTest {
  static final String MODEL = "@cf/meta/llama-3.3-70b-instruct-fp8-fast";
  static final String WORKERS = "workers-ai/" + MODEL;

  @TempDir Path cacheDir;
  Emulator emulator;
  Flare4j flare4j;
  Gateway gateway;
  OpenAIClient client;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    emulator = Emulator.start();
    flare4j = Flare4j.builder().cacheDirectory(cacheDir).noBrowser().build();
    Cloudflare playground = Cloudflare.builder().client(flare4j).baseUrl(emulator.baseUrl()).build();
    WorkersAIOpenAI workers = WorkersAIOpenAI.builder().client(flare4j)
        .accountId(emulator.accountId()).apiToken(emulator.apiToken())
        .baseUrl(emulator.baseUrl()).build();
    gateway = Gateway.builder().provider("playground", playground).provider("workers-ai", workers)
        .defaultProvider("playground").port(0).build().start();
    client = OpenAIOkHttpClient.builder().baseUrl(gateway.uri().resolve("/v1").toString())
        .apiKey("unused").maxRetries(0).build();
  }

  @AfterEach
  void stop() {
    client.close();
    gateway.close();
    flare4j.close();
    emulator.close();
  }

  static String text(Response response) {
    StringBuilder text = new StringBuilder();
    for (ResponseOutputItem item : response.output()) {
      item.message().ifPresent(message -> message.content().forEach(content ->
          content.outputText().ifPresent(t -> text.append(t.text()))));
    }
    return text.toString();
  }

  @Test
  void theOpenAiClientGetsAWholeResponse() {
    Response response = client.responses().create(ResponseCreateParams.builder().model(MODEL)
        .instructions("Be brief.").input("hello there").build());
    assertThat(response.id()).startsWith("resp_");
    assertThat(response.status()).hasValue(ResponseStatus.COMPLETED);
    assertThat(response.model().asString()).isEqualTo(MODEL);
    assertThat(text(response)).isEqualTo(ReplyScript.GREETING);
    assertThat(response._additionalProperties().get("output_text"))
        .isEqualTo(JsonValue.from(ReplyScript.GREETING));
    assertThat(response.instructions()).isPresent();
    // the playground's socket reports no usage: the object is there, with zeros
    assertThat(response.usage()).hasValueSatisfying(
        usage -> assertThat(usage.totalTokens()).isEqualTo(usage.inputTokens() + usage.outputTokens()));
    response.validate();
    Response workers = client.responses().create(ResponseCreateParams.builder().model(WORKERS)
        .input("hello there").build());
    assertThat(text(workers)).isEqualTo(ReplyScript.GREETING);
    assertThat(workers.usage()).hasValueSatisfying(usage -> {
      assertThat(usage.inputTokens()).isEqualTo(2);
      assertThat(usage.outputTokens()).isPositive();
      assertThat(usage.totalTokens()).isEqualTo(usage.inputTokens() + usage.outputTokens());
    });
  }

  @Test
  void theOpenAiClientStreamsDeltasAndSeesCompletedWithUsage() {
    List<String> deltas = new ArrayList<>();
    List<Response> completed = new ArrayList<>();
    List<String> done = new ArrayList<>();
    try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(
        ResponseCreateParams.builder().model(WORKERS).input("hi there friend").build())) {
      stream.stream().forEach(event -> {
        event.validate();
        event.outputTextDelta().ifPresent(d -> deltas.add(d.delta()));
        event.outputTextDone().ifPresent(d -> done.add(d.text()));
        event.completed().ifPresent(c -> completed.add(c.response()));
      });
    }
    assertThat(deltas).containsExactly("Echo: ", "hi ", "there ", "friend");
    assertThat(done).containsExactly("Echo: hi there friend");
    assertThat(completed).singleElement().satisfies(response -> {
      assertThat(response.model().asString()).isEqualTo(WORKERS);
      assertThat(text(response)).isEqualTo("Echo: hi there friend");
      assertThat(response.usage()).hasValueSatisfying(u -> assertThat(u.outputTokens()).isEqualTo(4));
    });
  }

  @Test
  void thePlaygroundStreamsToo() {
    StringBuilder text = new StringBuilder();
    boolean[] completed = new boolean[1];
    try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(
        ResponseCreateParams.builder().model(MODEL).input("say hello").build())) {
      stream.stream().forEach(event -> {
        event.outputTextDelta().ifPresent(d -> text.append(d.delta()));
        event.completed().ifPresent(c -> completed[0] = true);
      });
    }
    assertThat(text.toString()).isEqualTo(ReplyScript.GREETING);
    assertThat(completed[0]).isTrue();
  }

  static FunctionTool weatherTool() {
    return FunctionTool.builder().name("get_weather").description("Current weather in a city")
        .parameters(FunctionTool.Parameters.builder()
            .putAdditionalProperty("type", JsonValue.from("object"))
            .putAdditionalProperty("properties", JsonValue.from(
                Map.of("city", Map.of("type", "string"))))
            .build())
        .strict(false).build();
  }

  @Test
  void aFunctionCallRoundTrip() {
    EasyInputMessage question = EasyInputMessage.builder().role(EasyInputMessage.Role.USER)
        .content("What is the weather in Paris?").build();
    Response first = client.responses().create(ResponseCreateParams.builder().model(WORKERS)
        .inputOfResponse(List.of(ResponseInputItem.ofEasyInputMessage(question)))
        .addTool(weatherTool()).build());
    ResponseFunctionToolCall call = first.output().stream()
        .flatMap(item -> item.functionCall().stream()).findFirst().orElseThrow();
    assertThat(call.name()).isEqualTo("get_weather");
    assertThat(call.callId()).isEqualTo(ReplyScript.TOOL_CALL_ID);
    assertThat(call.arguments()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(call.id()).hasValueSatisfying(id -> assertThat(id).startsWith("fc_"));

    Response second = client.responses().create(ResponseCreateParams.builder().model(WORKERS)
        .inputOfResponse(List.of(ResponseInputItem.ofEasyInputMessage(question),
            ResponseInputItem.ofFunctionCall(call),
            ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                .callId(call.callId()).output("sunny, 24 C").build())))
        .addTool(weatherTool()).build());
    assertThat(text(second)).isEqualTo("Tool said: sunny, 24 C");
    // what Workers AI received: the assistant's call, then the tool's result for it
    emulator.takeRequest();
    String body = emulator.takeRequest().body();
    assertThat(body).contains("\"tool_call_id\":\"call_1\"").contains("\"get_weather\"");
  }

  @Test
  void aStreamedFunctionCallHasArgumentDeltas() {
    List<String> pieces = new ArrayList<>();
    List<ResponseFunctionToolCall> calls = new ArrayList<>();
    try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(
        ResponseCreateParams.builder().model(WORKERS).input("weather in Paris?")
            .addTool(weatherTool()).build())) {
      stream.stream().forEach(event -> {
        event.functionCallArgumentsDelta().ifPresent(d -> pieces.add(d.delta()));
        event.completed().ifPresent(c -> c.response().output()
            .forEach(item -> item.functionCall().ifPresent(calls::add)));
      });
    }
    assertThat(String.join("", pieces)).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(calls).singleElement().satisfies(call -> {
      assertThat(call.name()).isEqualTo("get_weather");
      assertThat(call.arguments()).isEqualTo("{\"city\":\"Paris\"}");
    });
  }

  @Test
  void thePlaygroundCallsFunctionsToo() {
    Response response = client.responses().create(ResponseCreateParams.builder().model(MODEL)
        .input("What is the weather in Paris?").addTool(weatherTool()).build());
    assertThat(response.output()).singleElement().satisfies(item -> {
      ResponseFunctionToolCall call = item.functionCall().orElseThrow();
      assertThat(call.name()).isEqualTo("get_weather");
      assertThat(call.arguments()).isEqualTo("{\"city\":\"Paris\"}");
    });
  }

  @Test
  void anEarlierOutputMessageIsSentBackAsTheAssistantsTurn() {
    Response first = client.responses().create(ResponseCreateParams.builder().model(WORKERS)
        .input("hello").build());
    EasyInputMessage again = EasyInputMessage.builder().role(EasyInputMessage.Role.USER)
        .content("and again").build();
    List<ResponseInputItem> history = new ArrayList<>();
    history.add(ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
        .role(EasyInputMessage.Role.USER).content("hello").build()));
    first.output().forEach(item -> item.message()
        .ifPresent(message -> history.add(ResponseInputItem.ofResponseOutputMessage(message))));
    history.add(ResponseInputItem.ofEasyInputMessage(again));
    Response second = client.responses().create(ResponseCreateParams.builder().model(WORKERS)
        .inputOfResponse(history).build());
    assertThat(text(second)).isEqualTo("Echo: and again");
    emulator.takeRequest();
    assertThat(emulator.takeRequest().body())
        .contains("{\"role\":\"assistant\",\"content\":\"" + ReplyScript.GREETING + "\"");
  }

  @Test
  void hintsThePlaygroundDoesNotTakeAreLeftOut() throws Exception {
    // as Codex sends them on every request
    HttpResponse<String> response = post("{\"model\":\"" + MODEL + "\",\"input\":\"hello\","
        + "\"tool_choice\":\"auto\",\"parallel_tool_calls\":false,\"user\":\"u-1\","
        + "\"store\":false,\"include\":[\"reasoning.encrypted_content\"],"
        + "\"prompt_cache_key\":\"k\",\"metadata\":{\"a\":\"b\"}}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = Json.MAPPER.readTree(response.body());
    assertThat(body.get("output_text").stringValue()).isEqualTo(ReplyScript.GREETING);
    assertThat(body.get("parallel_tool_calls").booleanValue()).isFalse();
    assertThat(body.get("metadata").get("a").stringValue()).isEqualTo("b");
  }

  /** The agent has no token limit: the library cuts its reply at 4 characters a token. */
  @Test
  void aTokenLimitOnThePlaygroundEndsTheResponseIncomplete() throws Exception {
    HttpResponse<String> response = post("{\"model\":\"" + MODEL + "\",\"input\":\"hello\","
        + "\"max_output_tokens\":3}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = Json.MAPPER.readTree(response.body());
    assertThat(body.get("status").stringValue()).isEqualTo("incomplete");
    assertThat(body.at("/incomplete_details/reason").stringValue()).isEqualTo("max_output_tokens");
    assertThat(body.get("output_text").stringValue()).isEqualTo("Hello! I am ");
  }

  @Test
  void reasoningIsAReasoningItem() {
    Response response = client.responses().create(ResponseCreateParams.builder()
        .model("workers-ai/" + ReplyScript.QWQ).input("hello")
        .reasoning(Reasoning.builder().effort(ReasoningEffort.LOW).build()).build());
    ResponseOutputItem first = response.output().getFirst();
    assertThat(first.reasoning()).hasValueSatisfying(reasoning -> assertThat(
        reasoning.content().orElseThrow().getFirst().text())
        .isEqualTo(String.join("", ReplyScript.REASONING)));
    assertThat(text(response)).isEqualTo(ReplyScript.GREETING);
    assertThat(emulator.takeRequest().body()).contains("\"reasoning_effort\":\"low\"");
  }

  @Test
  void theTokenLimitMakesAnIncompleteResponse() {
    Response response = client.responses().create(ResponseCreateParams.builder().model(WORKERS)
        .input("one two three four five").maxOutputTokens(2L).build());
    assertThat(response.status()).hasValue(ResponseStatus.INCOMPLETE);
    assertThat(response.incompleteDetails().orElseThrow().reason().orElseThrow().asString())
        .isEqualTo("max_output_tokens");
    assertThat(text(response)).isEqualTo("Echo: one ");
  }

  @Test
  void previousResponseIdIsA400NamingIt() {
    assertThatThrownBy(() -> client.responses().create(ResponseCreateParams.builder()
        .model(MODEL).input("hi").previousResponseId("resp_123").build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.param()).hasValue("previous_response_id");
          assertThat(e.getMessage()).contains("keeps no state");
        });
  }

  @Test
  void anUnknownModelIsA404() {
    assertThatThrownBy(() -> client.responses().create(ResponseCreateParams.builder()
        .model("workers-ai/@cf/nobody/no-such-model").input("hi").build()))
        .isInstanceOfSatisfying(NotFoundException.class,
            e -> assertThat(e.code()).hasValue("model_not_found"));
  }

  static Map<String, String> pairs(String... keysAndValues) {
    Map<String, String> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  HttpResponse<String> post(String body) throws Exception {
    return http.send(HttpRequest.newBuilder(gateway.uri().resolve("/v1/responses"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void badFieldsAre400sNamingTheField() throws Exception {
    Map<String, String> cases = pairs(
        "{\"input\":\"hi\"}", "model",
        "{\"model\":\"" + MODEL + "\"}", "input",
        "{\"model\":\"" + MODEL + "\",\"input\":\"hi\",\"temperature\":3}", "temperature",
        "{\"model\":\"" + MODEL + "\",\"input\":[{\"role\":\"robot\",\"content\":\"x\"}]}",
        "input[0].role",
        "{\"model\":\"" + MODEL + "\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":"
            + "\"input_image\",\"image_url\":\"ftp://x\"}]}]}", "input[0].content[0].image_url",
        "{\"model\":\"" + MODEL + "\",\"input\":\"hi\",\"tools\":[{\"type\":\"web_search\"}]}",
        "tools[0].type",
        "{\"model\":\"" + MODEL + "\",\"input\":\"hi\",\"text\":{\"format\":{\"type\":"
            + "\"json_schema\",\"name\":\"x\"}}}", "text.format.schema",
        "{\"model\":\"" + MODEL + "\",\"input\":\"hi\",\"reasoning\":{\"effort\":\"huge\"}}",
        "reasoning.effort",
        "{\"model\":\"" + MODEL + "\",\"input\":\"hi\",\"tool_choice\":{\"type\":\"function\","
            + "\"name\":\"nope\"}}", "tool_choice.name",
        "{\"model\":\"" + MODEL + "\",\"input\":\"hi\",\"max_output_tokens\":\"ten\"}",
        "max_output_tokens",
        "{\"model\":\"" + MODEL + "\",\"input\":[{\"type\":\"function_call_output\","
            + "\"output\":\"x\"}]}", "input[0].call_id",
        // the playground (the default provider) takes no top_p
        "{\"model\":\"" + MODEL + "\",\"input\":\"hi\",\"top_p\":0.5}",
        "top_p");
    for (Map.Entry<String, String> entry : cases.entrySet()) {
      HttpResponse<String> response = post(entry.getKey());
      assertThat(response.statusCode()).as(entry.getKey()).isEqualTo(400);
      JsonNode error = Json.MAPPER.readTree(response.body()).get("error");
      assertThat(error.get("param").stringValue()).as(entry.getKey()).isEqualTo(entry.getValue());
      assertThat(error.get("type").stringValue()).isEqualTo("invalid_request_error");
    }
    assertThat(emulator.requestCount()).isZero();
  }

  record Event(String name, JsonNode data) {}

  static List<Event> events(String body) {
    List<Event> events = new ArrayList<>();
    for (String block : body.split("\n\n")) {
      if (block.isBlank()) {
        continue;
      }
      String[] lines = block.split("\n");
      assertThat(lines).hasSize(2);
      assertThat(lines[0]).startsWith("event: ");
      assertThat(lines[1]).startsWith("data: ");
      events.add(new Event(lines[0].substring(7), Json.MAPPER.readTree(lines[1].substring(6))));
    }
    return events;
  }

  static void assertSequenced(List<Event> events) {
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).data().get("type").stringValue()).isEqualTo(events.get(i).name());
      assertThat(events.get(i).data().get("sequence_number").intValue()).isEqualTo(i);
    }
  }

  @Test
  void theRawStreamIsInTheDocumentedOrder() throws Exception {
    HttpResponse<String> response = post("{\"model\":\"" + WORKERS + "\",\"stream\":true,"
        + "\"input\":\"hi you\"}");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/event-stream"));
    assertThat(response.body()).doesNotContain("[DONE]");
    List<Event> events = events(response.body());
    assertSequenced(events);
    assertThat(events.stream().map(Event::name)).containsExactly("response.created",
        "response.in_progress", "response.output_item.added", "response.content_part.added",
        "response.output_text.delta", "response.output_text.delta", "response.output_text.delta",
        "response.output_text.done", "response.content_part.done", "response.output_item.done",
        "response.completed");
    JsonNode created = events.getFirst().data().get("response");
    assertThat(created.get("status").stringValue()).isEqualTo("in_progress");
    assertThat(created.get("output").isEmpty()).isTrue();
    JsonNode delta = events.get(4).data();
    String itemId = events.get(2).data().get("item").get("id").stringValue();
    assertThat(itemId).startsWith("msg_");
    assertThat(delta.get("item_id").stringValue()).isEqualTo(itemId);
    assertThat(delta.get("output_index").intValue()).isZero();
    assertThat(delta.get("content_index").intValue()).isZero();
    assertThat(delta.get("delta").stringValue()).isEqualTo("Echo: ");
    JsonNode completed = events.getLast().data().get("response");
    assertThat(completed.get("id").stringValue())
        .isEqualTo(created.get("id").stringValue());
    assertThat(completed.get("status").stringValue()).isEqualTo("completed");
    assertThat(completed.get("output_text").stringValue()).isEqualTo("Echo: hi you");
    assertThat(completed.get("usage").get("total_tokens").intValue()).isPositive();
  }

  @Test
  void theRawStreamOfAReasoningModelAndAFunctionCall() throws Exception {
    HttpResponse<String> response = post("{\"model\":\"workers-ai/" + ReplyScript.QWQ + "\","
        + "\"stream\":true,\"input\":\"weather in Paris?\",\"tools\":[{\"type\":\"function\","
        + "\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\"}}]}");
    List<Event> events = events(response.body());
    assertSequenced(events);
    assertThat(events.stream().map(Event::name)).containsExactly("response.created",
        "response.in_progress",
        "response.output_item.added", "response.content_part.added",
        "response.reasoning_text.delta", "response.reasoning_text.delta",
        "response.reasoning_text.done", "response.content_part.done", "response.output_item.done",
        "response.output_item.added", "response.function_call_arguments.delta",
        "response.function_call_arguments.delta", "response.function_call_arguments.done",
        "response.output_item.done", "response.completed");
    assertThat(events.get(9).data().get("output_index").intValue()).isEqualTo(1);
    assertThat(events.get(9).data().get("item").get("type").stringValue())
        .isEqualTo("function_call");
    JsonNode output = events.getLast().data().get("response").get("output");
    assertThat(output.get(0).get("type").stringValue()).isEqualTo("reasoning");
    assertThat(output.get(1).get("arguments").stringValue()).isEqualTo("{\"city\":\"Paris\"}");
  }

  @Test
  void anErrorAfterTheStreamBeganIsAnErrorEventThenFailed() throws Exception {
    emulator.enqueueFault(Fault.ERROR_PART,
        "/client/v4/accounts/" + emulator.accountId() + "/ai/v1/chat/completions");
    HttpResponse<String> response = post("{\"model\":\"" + WORKERS + "\",\"stream\":true,"
        + "\"input\":\"one two three four five six\"}");
    assertThat(response.statusCode()).isEqualTo(200);
    List<Event> events = events(response.body());
    assertSequenced(events);
    assertThat(events.get(events.size() - 2).name()).isEqualTo("error");
    assertThat(events.get(events.size() - 2).data().get("message").stringValue()).isNotBlank();
    assertThat(events.getLast().name()).isEqualTo("response.failed");
    JsonNode failed = events.getLast().data().get("response");
    assertThat(failed.get("status").stringValue()).isEqualTo("failed");
    assertThat(failed.get("error").get("message").stringValue()).isNotBlank();
  }

  @Test
  void anErrorAfterTheStreamBeganReachesTheOpenAiClient() {
    emulator.enqueueFault(Fault.ERROR_PART,
        "/client/v4/accounts/" + emulator.accountId() + "/ai/v1/chat/completions");
    List<String> seen = new ArrayList<>();
    try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(
        ResponseCreateParams.builder().model(WORKERS).input("one two three four").build())) {
      stream.stream().forEach(event -> {
        event.error().ifPresent(e -> seen.add("error"));
        event.failed().ifPresent(f -> seen.add("failed"));
        event.completed().ifPresent(c -> seen.add("completed"));
      });
    }
    assertThat(seen).containsExactly("error", "failed");
  }

  @Test
  void aWithdrawnStepIsLeftOutOfTheFinishedResponse() throws Exception {
    emulator.enqueueAgentFault(AgentFault.PROTOCOL_DRIFT);
    HttpResponse<String> response = post("{\"model\":\"" + MODEL + "\",\"stream\":true,"
        + "\"input\":\"hello\"}");
    List<Event> events = events(response.body());
    assertSequenced(events);
    assertThat(events.getLast().name()).isEqualTo("response.completed");
    JsonNode completed = events.getLast().data().get("response");
    assertThat(completed.get("output_text").stringValue()).isEqualTo(ReplyScript.GREETING);
    assertThat(completed.get("output")).singleElement().satisfies(item -> {
      assertThat(item.get("type").stringValue()).isEqualTo("message");
      assertThat(item.get("content").get(0).get("text").stringValue())
          .isEqualTo(ReplyScript.GREETING);
    });
    long added = events.stream().filter(e -> e.name().equals("response.output_item.added"))
        .count();
    long done = events.stream().filter(e -> e.name().equals("response.output_item.done"))
        .count();
    assertThat(done).isEqualTo(added);
  }

  @Test
  void aClientThatLeavesCancelsTheUpstreamCall() throws Exception {
    emulator.replyTokens(500);
    emulator.tokenDelay(java.time.Duration.ofMillis(50));
    HttpResponse<java.io.InputStream> response = http.send(
        HttpRequest.newBuilder(gateway.uri().resolve("/v1/responses"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + WORKERS + "\","
                + "\"stream\":true,\"input\":\"go on\"}")).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    try (java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(
        response.body(), java.nio.charset.StandardCharsets.UTF_8))) {
      String line;
      do {
        line = reader.readLine();
      } while (line != null && !line.equals("event: response.output_text.delta"));
      assertThat(line).isNotNull();
    }
    assertThat(emulator.takeAbandoned(java.time.Duration.ofSeconds(20)))
        .endsWith("/ai/v1/chat/completions");
  }

  /** The Node script driving the gateway with the {@code openai} npm package. */
  static final String NODE_SCRIPT = """
      const OpenAI = require('openai');
      const client = new OpenAI({ baseURL: process.argv[2], apiKey: 'unused', maxRetries: 0 });
      const W = process.argv[3];
      (async () => {
        const whole = await client.responses.create({ model: W, input: 'hello' });
        const deltas = [];
        const stream = client.responses.stream({ model: W, input: 'hi there friend' });
        stream.on('response.output_text.delta', (e) => deltas.push(e.delta));
        const streamed = await stream.finalResponse();
        const tools = [{ type: 'function', name: 'get_weather', strict: false,
          parameters: { type: 'object', properties: { city: { type: 'string' } } } }];
        const called = await client.responses.stream({ model: W, input: 'weather in Paris?', tools })
          .finalResponse();
        const reasoned = await client.responses
          .stream({ model: 'workers-ai/@cf/qwen/qwq-32b', input: 'hello' }).finalResponse();
        console.log(JSON.stringify({ whole: whole.output_text, deltas, streamed: streamed.output_text,
          call: called.output.find((o) => o.type === 'function_call'),
          reasoning: reasoned.output[0].type, reasoned: reasoned.output_text }));
      })().catch((e) => { console.error(String((e && e.stack) || e)); process.exit(1); });
      """;

  static boolean nodeWithOpenAi() {
    try {
      Process check = new ProcessBuilder("node", "-e", "require.resolve('openai')")
          .redirectErrorStream(true).start();
      check.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      return check.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) && check.exitValue() == 0;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void theOpenAiNpmPackageReadsTheStream() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(nodeWithOpenAi(),
        "node with the openai package (NODE_PATH) is not here");
    Path script = cacheDir.resolve("responses.cjs");
    java.nio.file.Files.writeString(script, NODE_SCRIPT);
    Path errors = cacheDir.resolve("node.err");
    Process node = new ProcessBuilder("node", script.toString(),
        gateway.uri().resolve("/v1").toString(), WORKERS).redirectError(errors.toFile()).start();
    String out = new String(node.getInputStream().readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8);
    assertThat(node.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(node.exitValue()).as(java.nio.file.Files.readString(errors)).isZero();
    JsonNode result = Json.MAPPER.readTree(out);
    assertThat(result.get("whole").stringValue()).isEqualTo(ReplyScript.GREETING);
    assertThat(result.get("deltas").toString()).isEqualTo("[\"Echo: \",\"hi \",\"there \",\"friend\"]");
    assertThat(result.get("streamed").stringValue()).isEqualTo("Echo: hi there friend");
    assertThat(result.get("call").get("name").stringValue()).isEqualTo("get_weather");
    assertThat(result.get("call").get("arguments").stringValue()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(result.get("reasoning").stringValue()).isEqualTo("reasoning");
    assertThat(result.get("reasoned").stringValue()).isEqualTo(ReplyScript.GREETING);
  }

  @Test
  void imagesAndJsonFormatReachTheUpstream() throws Exception {
    HttpResponse<String> response = post("{\"model\":\"" + WORKERS + "\",\"input\":[{\"role\":"
        + "\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"What is this?\"},"
        + "{\"type\":\"input_image\",\"image_url\":\"data:image/png;base64,iVBORw0KGgo=\"}]}],"
        + "\"text\":{\"format\":{\"type\":\"json_object\"}}}");
    assertThat(response.statusCode()).isEqualTo(200);
    String upstream = emulator.takeRequest().body();
    assertThat(upstream).contains("data:image/png;base64,iVBORw0KGgo=")
        .contains("\"response_format\":{\"type\":\"json_object\"}");
    JsonNode body = Json.MAPPER.readTree(response.body());
    assertThat(body.get("text").get("format").get("type").stringValue()).isEqualTo("json_object");
  }
}
