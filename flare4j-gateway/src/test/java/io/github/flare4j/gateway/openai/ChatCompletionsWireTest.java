package io.github.flare4j.gateway.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.core.http.StreamResponse;
import com.openai.errors.SseException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.github.flare4j.emulator.Fault;
import io.github.flare4j.gateway.http.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** The exact bytes of /v1/chat/completions and /v1/embeddings, read with java.net.http. */
class ChatCompletionsWireTest extends ChatGatewayFixture {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(gateway.uri().resolve(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The events of an SSE body: each one's data, in order; asserts each is one data line. */
  private static List<String> events(String body) {
    assertThat(body).endsWith("\n\n");
    List<String> data = new ArrayList<>();
    for (String event : body.substring(0, body.length() - 2).split("\n\n", -1)) {
      assertThat(event).startsWith("data: ").doesNotContain("\n");
      data.add(event.substring("data: ".length()));
    }
    return data;
  }

  private static JsonNode json(String text) {
    return Json.MAPPER.readTree(text);
  }

  @Test
  void aStreamIsChunksThenUsageThenDone() throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions", """
        {"model":"%s","stream":true,"stream_options":{"include_usage":true},
         "messages":[{"role":"user","content":"Hello there"}]}""".formatted(WORKERS_MODEL));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue(
        "text/event-stream; charset=utf-8");
    List<String> events = events(response.body());
    assertThat(events.getLast()).isEqualTo("[DONE]");
    List<JsonNode> chunks = events.subList(0, events.size() - 1).stream()
        .map(ChatCompletionsWireTest::json).toList();
    JsonNode first = chunks.getFirst();
    assertThat(first.get("object").stringValue()).isEqualTo("chat.completion.chunk");
    assertThat(first.at("/choices/0/delta/role").stringValue()).isEqualTo("assistant");
    for (JsonNode chunk : chunks) {
      assertThat(chunk.get("id")).isEqualTo(first.get("id"));
      assertThat(chunk.get("created")).isEqualTo(first.get("created"));
      assertThat(chunk.get("model")).isEqualTo(first.get("model"));
    }
    StringBuilder text = new StringBuilder();
    chunks.subList(0, chunks.size() - 2).forEach(chunk -> {
      assertThat(chunk.at("/choices/0/finish_reason").isNull()).isTrue();
      assertThat(chunk.get("usage").isNull()).isTrue();
      text.append(chunk.at("/choices/0/delta/content").asString(""));
    });
    assertThat(text.toString()).isEqualTo(GREETING);
    JsonNode finish = chunks.get(chunks.size() - 2);
    assertThat(finish.at("/choices/0/finish_reason").stringValue()).isEqualTo("stop");
    assertThat(finish.at("/choices/0/delta").isEmpty()).isTrue();
    JsonNode usage = chunks.getLast();
    assertThat(usage.get("choices").isArray() && usage.get("choices").isEmpty()).isTrue();
    assertThat(usage.at("/usage/prompt_tokens").asInt()).isEqualTo(2);
    assertThat(usage.at("/usage/total_tokens").asInt()).isEqualTo(
        2 + usage.at("/usage/completion_tokens").asInt());
    assertThat(usage.at("/usage/prompt_tokens_details/cached_tokens").isInt()).isTrue();
    assertThat(usage.at("/usage/completion_tokens_details/reasoning_tokens").isInt()).isTrue();
  }

  @Test
  void toolCallDeltasCarryTheIndexAndTheIdOnlyOnTheFirstPiece() throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions", """
        {"model":"%s","stream":true,"tool_choice":"auto","parallel_tool_calls":false,
         "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather",
           "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],
         "messages":[{"role":"user","content":"What is the weather in Paris?"}]}"""
        .formatted(TOOL_MODEL));

    List<String> events = events(response.body());
    assertThat(events.getLast()).isEqualTo("[DONE]");
    List<JsonNode> pieces = events.subList(0, events.size() - 1).stream()
        .map(ChatCompletionsWireTest::json)
        .map(chunk -> chunk.at("/choices/0/delta/tool_calls/0"))
        .filter(piece -> !piece.isMissingNode()).toList();
    assertThat(pieces).hasSizeGreaterThan(1);
    assertThat(pieces).allSatisfy(piece -> assertThat(piece.get("index").asInt()).isZero());
    assertThat(pieces.getFirst().get("id").stringValue()).isEqualTo("call_1");
    assertThat(pieces.getFirst().get("type").stringValue()).isEqualTo("function");
    assertThat(pieces.getFirst().at("/function/name").stringValue()).isEqualTo("get_weather");
    StringBuilder arguments = new StringBuilder();
    pieces.forEach(piece -> arguments.append(piece.at("/function/arguments").asString("")));
    assertThat(arguments.toString()).isEqualTo("{\"city\":\"Paris\"}");
    pieces.subList(1, pieces.size()).forEach(piece -> {
      assertThat(piece.has("id")).isFalse();
      assertThat(piece.at("/function/name").isMissingNode()).isTrue();
    });
    JsonNode last = json(events.get(events.size() - 2));
    assertThat(last.at("/choices/0/finish_reason").stringValue()).isEqualTo("tool_calls");
  }

  @Test
  void anErrorAfterTheStreamBeganIsAnErrorEventWithoutDone() throws Exception {
    emulator.enqueueFault(Fault.ERROR_PART, workersChatPath());

    HttpResponse<String> response = post("/v1/chat/completions", """
        {"model":"%s","stream":true,"messages":[{"role":"user","content":"Hello there"}]}"""
        .formatted(WORKERS_MODEL));

    assertThat(response.statusCode()).isEqualTo(200);
    List<String> events = events(response.body());
    assertThat(events).doesNotContain("[DONE]");
    JsonNode error = json(events.getLast()).get("error");
    assertThat(error.get("message").stringValue()).isNotBlank();
    assertThat(error.get("type").stringValue()).isEqualTo("api_error");
    assertThat(error.has("param")).isTrue();
    assertThat(error.has("code")).isTrue();
    assertThat(json(events.getFirst()).at("/choices/0/delta/role").stringValue())
        .isEqualTo("assistant");
  }

  @Test
  void theSdkRaisesTheErrorEvent() {
    emulator.enqueueFault(Fault.ERROR_PART, workersChatPath());

    assertThatThrownBy(() -> {
      try (StreamResponse<ChatCompletionChunk> stream = sdk().chat().completions()
          .createStreaming(ChatCompletionCreateParams.builder().model(WORKERS_MODEL)
              .addUserMessage("Hello there").build())) {
        stream.stream().forEach(chunk -> { });
      }
    }).isInstanceOfSatisfying(SseException.class,
        e -> assertThat(e.type()).hasValue("api_error"));
  }

  @Test
  void aClientThatLeavesMidStreamClosesTheUpstreamCall() throws Exception {
    emulator.replyTokens(200_000); // far more than any socket buffer holds
    String body = """
        {"model":"%s","stream":true,"messages":[{"role":"user","content":"Hello there"}]}"""
        .formatted(WORKERS_MODEL);
    try (Socket socket = new Socket(gateway.uri().getHost(), gateway.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n"
          + "Content-Type: application/json\r\nContent-Length: "
          + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
          .getBytes(StandardCharsets.UTF_8));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
          StandardCharsets.UTF_8));
      String line;
      int chunks = 0;
      while ((line = in.readLine()) != null && chunks < 3) {
        if (line.startsWith("data: ")) {
          chunks++;
        }
      }
      assertThat(chunks).as("the stream had begun").isEqualTo(3);
    } // the client leaves

    assertThat(emulator.takeAbandoned(Duration.ofSeconds(20)))
        .as("the gateway let the upstream reply go").isEqualTo(workersChatPath());
  }

  @Test
  void aWholeCompletionHasOpenAisShape() throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions", """
        {"model":"%s","messages":[{"role":"developer","content":"Be brief."},
         {"role":"user","content":[{"type":"text","text":"Hello "},{"type":"text","text":"there"}]}],
         "max_completion_tokens":100,"temperature":0.5,"top_p":0.9,"seed":7,"stop":["zzz"],
         "frequency_penalty":0.1,"presence_penalty":0.1,"user":"u-1","store":false,
         "metadata":{"k":"v"}}""".formatted(WORKERS_MODEL));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = json(response.body());
    assertThat(body.get("object").stringValue()).isEqualTo("chat.completion");
    assertThat(body.get("id").stringValue()).isNotBlank();
    assertThat(body.get("created").isIntegralNumber()).isTrue();
    assertThat(body.at("/choices/0/index").asInt()).isZero();
    assertThat(body.at("/choices/0/message/role").stringValue()).isEqualTo("assistant");
    assertThat(body.at("/choices/0/message/content").stringValue()).isEqualTo(GREETING);
    assertThat(body.at("/choices/0/message/tool_calls").isMissingNode()).isTrue();
    assertThat(body.at("/choices/0/finish_reason").stringValue()).isEqualTo("stop");
    assertThat(body.at("/usage/total_tokens").asInt()).isPositive();
    JsonNode sent = json(emulator.takeRequest().body());
    assertThat(sent.at("/messages/0/role").stringValue()).isEqualTo("system");
    assertThat(sent.at("/messages/1/content").toString()).contains("Hello ").contains("there");
    assertThat(sent.get("temperature").doubleValue()).isEqualTo(0.5);
    assertThat(sent.get("seed").asLong()).isEqualTo(7);
    assertThat(sent.get("stop").toString()).isEqualTo("[\"zzz\"]");
    assertThat(sent.has("store")).as("an ignored field is not passed on").isFalse();
  }

  @Test
  void aJsonSchemaResponseFormatReachesTheModel() throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions", """
        {"model":"%s","messages":[{"role":"user","content":"Hello there"}],
         "response_format":{"type":"json_schema","json_schema":{"name":"reply","strict":true,
           "schema":{"type":"object","properties":{"answer":{"type":"string"}}}}}}"""
        .formatted(WORKERS_MODEL));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode content = json(json(response.body()).at("/choices/0/message/content").stringValue());
    assertThat(content.get("answer").stringValue()).isEqualTo(GREETING);
    assertThat(emulator.takeRequest().body()).contains("\"json_schema\"").contains("\"reply\"");
  }

  @Test
  void maxTokensCutsTheReplyWithFinishReasonLength() throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions", """
        {"model":"%s","max_tokens":2,"messages":[{"role":"user","content":"Hello there"}]}"""
        .formatted(WORKERS_MODEL));

    JsonNode body = json(response.body());
    assertThat(body.at("/choices/0/finish_reason").stringValue()).isEqualTo("length");
    assertThat(body.at("/choices/0/message/content").stringValue()).isEqualTo("Hello! I ");
  }

  @Test
  void anImageAsADataUrlReachesTheModel() throws Exception {
    byte[] png = Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlE"
        + "QVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    HttpResponse<String> response = post("/v1/chat/completions", """
        {"model":"%s","messages":[{"role":"user","content":[{"type":"text","text":"What is it?"},
         {"type":"image_url","image_url":{"url":"data:image/png;base64,%s","detail":"low"}}]}]}"""
        .formatted(WORKERS_MODEL, Base64.getEncoder().encodeToString(png)));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(emulator.takeRequest().body()).contains(Base64.getEncoder().encodeToString(png));
  }

  @Test
  void anUnknownMemberIsLeftOutAndNotSentUpstream() throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions", "{\"model\":\"" + WORKERS_MODEL
        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"x_client_hint\":1}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(emulator.takeRequest().body()).doesNotContain("x_client_hint");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      "n":3                                                           | n
      "logprobs":true                                                 | logprobs
      "audio":{"voice":"alloy","format":"mp3"}                        | audio
      "functions":[]                                                  | functions
      "temperature":9                                                 | temperature
      "temperature":"hot"                                             | temperature
      "max_tokens":0                                                  | max_tokens
      "stop":[1]                                                      | stop
      "tool_choice":"sometimes"                                       | tool_choice
      "tool_choice":{"type":"function","function":{"name":"nope"}}    | tool_choice
      "response_format":{"type":"xml"}                                | response_format.type
      "reasoning_effort":"extreme"                                    | reasoning_effort
      "stream":"yes"                                                  | stream
      "tools":[{"type":"custom","custom":{"name":"x"}}]               | tools[0].type
      """)
  void aBadFieldIsA400NamingIt(String field, String param) throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions", "{\"model\":\"" + WORKERS_MODEL
        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]," + field + "}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonNode error = json(response.body()).get("error");
    assertThat(error.get("param").stringValue()).isEqualTo(param);
    assertThat(error.get("type").stringValue()).isEqualTo("invalid_request_error");
    assertThat(emulator.requestCount()).as("nothing was sent upstream").isZero();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      []                                                                 | messages
      [{"role":"wizard","content":"Hi"}]                                 | messages[0].role
      [{"role":"user"}]                                                  | messages[0].content
      [{"role":"tool","content":"x"}]                                    | messages[0].tool_call_id
      [{"role":"user","content":[{"type":"input_audio"}]}]               | messages[0].content[0].type
      [{"role":"user","content":[{"type":"image_url","image_url":{"url":"ftp://x/y.png"}}]}] | messages[0].content[0].image_url.url
      [{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/bmp;base64,AAAA"}}]}] | messages[0].content[0].image_url.url
      """)
  void aBadMessageIsA400NamingItsField(String messages, String param) throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions", "{\"model\":\"" + WORKERS_MODEL
        + "\",\"messages\":" + messages + "}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(json(response.body()).at("/error/param").stringValue()).isEqualTo(param);
  }

  @Test
  void whatTheProviderCannotHonourIsRefusedByName() throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions", """
        {"model":"%s","top_p":0.5,"messages":[{"role":"user","content":"Hi"}]}"""
        .formatted(playgroundModel()));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response.body()).at("/error/param").stringValue()).isEqualTo("top_p");
    assertThat(json(response.body()).at("/error/message").stringValue()).contains("playground");
  }

  /** The agent has no max_tokens: the library cuts its reply at 4 characters a token. */
  @ParameterizedTest
  @ValueSource(strings = {"max_tokens", "max_completion_tokens"})
  void aTokenLimitOnThePlaygroundCutsTheReplyWithFinishReasonLength(String field)
      throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions", """
        {"model":"%s","%s":3,"messages":[{"role":"user","content":"Hello there"}]}"""
        .formatted(playgroundModel(), field));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = json(response.body());
    assertThat(body.at("/choices/0/finish_reason").stringValue()).isEqualTo("length");
    assertThat(body.at("/choices/0/message/content").stringValue()).isEqualTo("Hello! I am ");
    assertThat(emulator.takeRequest().path()).startsWith("/agents/playground/");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      "auto"     | 200 | true
      "none"     | 200 | false
      "required" | 400 | false
      """)
  void aToolChoiceTheProviderCannotSendIsHonouredOrRefused(String choice, int status,
      boolean toolsSent) throws Exception {
    // the playground takes tools but no tool_choice: "auto" is what it does anyway (the Vercel
    // AI SDK sends it with every tool list), "none" means sending no tools, "required" cannot be
    // promised
    HttpResponse<String> response = post("/v1/chat/completions", """
        {"model":"%s","tool_choice":%s,
         "tools":[{"type":"function","function":{"name":"get_weather",
           "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],
         "messages":[{"role":"user","content":"What is the weather in Paris?"}]}"""
        .formatted(playgroundModel(), choice));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    String upstream = String.join("\n", emulator.takeRemainingRequests().stream()
        .map(request -> request.body()).toList());
    if (status == 400) {
      assertThat(json(response.body()).at("/error/param").stringValue()).isEqualTo("tool_choice");
      assertThat(upstream).doesNotContain("get_weather");
    } else {
      assertThat(upstream).doesNotContain("tool_choice");
      assertThat(upstream.contains("get_weather")).isEqualTo(toolsSent);
    }
  }

  @Test
  void whatTheModelsListingSaysAModelLacksIsRefusedByName() throws Exception {
    assertThat(http.send(HttpRequest.newBuilder(gateway.uri().resolve("/v1/models")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    emulator.takeRemainingRequests();

    HttpResponse<String> response = post("/v1/chat/completions", """
        {"model":"%s","messages":[{"role":"user","content":"What is the weather in Paris?"}],
         "tools":[{"type":"function","function":{"name":"get_weather"}}]}"""
        .formatted(WORKERS_MODEL));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(json(response.body()).at("/error/param").stringValue()).isEqualTo("tools");
    assertThat(emulator.takeRemainingRequests()).as("nothing was sent upstream").isEmpty();
  }

  @Test
  void aClientsTextIsQuotedEscaped() throws Exception {
    HttpResponse<String> response = post("/v1/chat/completions", "{\"model\":\""
        + WORKERS_MODEL + "\",\"messages\":[{\"role\":\"\\u001b[2Jx\",\"content\":\"Hi\"}]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response.body()).at("/error/message").stringValue())
        .contains("'\\u001b[2Jx'").doesNotContain("\u001b");
  }

  @Test
  void embeddingsAsFloatsAndAsBase64AreTheSameNumbers() throws Exception {
    String request = "{\"model\":\"workers-ai/@cf/baai/bge-base-en-v1.5\",\"input\":\"some text\"";
    JsonNode floats = json(post("/v1/embeddings", request + "}").body());
    JsonNode base64 = json(post("/v1/embeddings", request + ",\"encoding_format\":\"base64\"}")
        .body());

    assertThat(floats.get("object").stringValue()).isEqualTo("list");
    assertThat(floats.at("/data/0/object").stringValue()).isEqualTo("embedding");
    assertThat(floats.at("/data/0/index").asInt()).isZero();
    JsonNode numbers = floats.at("/data/0/embedding");
    float[] expected = new float[numbers.size()];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = numbers.get(i).floatValue();
    }
    ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(
        base64.at("/data/0/embedding").stringValue())).order(ByteOrder.LITTLE_ENDIAN);
    float[] decoded = new float[bytes.remaining() / Float.BYTES];
    for (int i = 0; i < decoded.length; i++) {
      decoded[i] = bytes.getFloat();
    }
    assertThat(decoded.length).isEqualTo(768);
    assertThat(Arrays.equals(decoded, expected)).isTrue();
    assertThat(floats.at("/usage/prompt_tokens").isInt()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      "input":[1,2,3]                           | input
      "input":[]                                | input
      "input":"x","encoding_format":"int8"      | encoding_format
      "input":"x","dimensions":256              | dimensions
      """)
  void aBadEmbeddingsFieldIsA400NamingIt(String fields, String param) throws Exception {
    HttpResponse<String> response = post("/v1/embeddings",
        "{\"model\":\"workers-ai/@cf/baai/bge-base-en-v1.5\"," + fields + "}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response.body()).at("/error/param").stringValue()).isEqualTo(param);
  }
}
