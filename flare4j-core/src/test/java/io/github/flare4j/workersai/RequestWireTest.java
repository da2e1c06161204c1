package io.github.flare4j.workersai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.ImagePart;
import io.github.flare4j.Message;
import io.github.flare4j.ReasoningEffort;
import io.github.flare4j.ResponseFormat;
import io.github.flare4j.TextPart;
import io.github.flare4j.ToolChoice;
import io.github.flare4j.ToolDefinition;
import io.github.flare4j.cloudflare.Cloudflare;
import io.github.flare4j.cloudflare.Transport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request's newer fields over real HTTP: each is on the wire (as the emulator recorded it)
 * when set and absent when not, on both Workers AI routes; what a route or the playground cannot
 * carry is refused by name before anything is sent.
 */
class RequestWireTest extends WorkersAiTestBase {
  static final ToolDefinition WEATHER = new ToolDefinition("get_weather", "Weather in a city",
      "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}");
  static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}";

  @TempDir Path cacheDir;

  String lastBody() {
    return emulator.requests().getLast().body();
  }

  @Test
  void openAiSendsNothingUnsetAndNoMaxTokens() {
    WorkersAiFixture.openAi(emulator).complete(ChatRequest.of("hi"));

    assertThat(lastBody()).doesNotContain("max_tokens", "tool_choice", "parallel_tool_calls",
        "reasoning_effort", "\"user\":", "response_format", "temperature");
  }

  @Test
  void openAiSendsEveryNewField() {
    ChatRequest request = ChatRequest.builder().user("hi").maxTokens(64).tool(WEATHER)
        .toolChoice(ToolChoice.function("get_weather")).parallelToolCalls(false)
        .responseFormat(ResponseFormat.jsonSchema("answer", SCHEMA, true))
        .reasoningEffort(ReasoningEffort.LOW).endUser("user-42")
        .extra("chat_template_kwargs", Map.of("thinking", false)).extra("raw", true)
        .build();

    WorkersAiFixture.openAi(emulator).complete(request);

    String body = lastBody();
    assertThat(body).contains("\"max_tokens\":64,")
        .contains(",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}"
            + ",\"parallel_tool_calls\":false,")
        .contains("\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"answer\","
            + "\"schema\":" + SCHEMA + ",\"strict\":true}}")
        .contains(",\"reasoning_effort\":\"low\",\"user\":\"user-42\","
            + "\"chat_template_kwargs\":{\"thinking\":false},\"raw\":true}");
  }

  @Test
  void openAiSendsTheKindsOfToolChoiceAndTextFormatAsStrings() {
    WorkersAiFixture.openAi(emulator).complete(ChatRequest.builder().user("hi")
        .tool(WEATHER).toolChoice(ToolChoice.required()).responseFormat(ResponseFormat.text())
        .build());

    assertThat(lastBody()).contains(",\"tool_choice\":\"required\",")
        .contains("\"response_format\":{\"type\":\"text\"}")
        .doesNotContain("parallel_tool_calls");
  }

  @Test
  void openAiSendsContentPartsInTheirOrder() {
    ChatRequest request = ChatRequest.builder().message(Message.user(List.of(
        new TextPart("Compare "), ImagePart.url("https://example.com/a.png"),
        new TextPart(" with "), ImagePart.url("https://example.com/b.png")))).build();

    String text = WorkersAiFixture.openAi(emulator).complete(request).text();

    assertThat(lastBody()).contains("\"content\":[{\"type\":\"text\",\"text\":\"Compare \"},"
        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/a.png\"}},"
        + "{\"type\":\"text\",\"text\":\" with \"},"
        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/b.png\"}}]");
    assertThat(text).startsWith("I see 2 images.");
  }

  @Test
  void restSendsMaxTokensOnlyWhenSetAndExtrasLast() {
    WorkersAI rest = WorkersAiFixture.rest(emulator);

    rest.complete(ChatRequest.of("hi"));
    assertThat(lastBody()).doesNotContain("max_tokens");

    rest.complete(ChatRequest.builder().user("hi").maxTokens(9)
        .responseFormat(ResponseFormat.text()).extra("raw", false).extra("lora", null).build());
    assertThat(lastBody()).contains(",\"max_tokens\":9").doesNotContain("response_format")
        .endsWith(",\"raw\":false,\"lora\":null}");
  }

  @Test
  void restRefusesWhatItsSchemasLackByName() {
    WorkersAI rest = WorkersAiFixture.rest(emulator);

    assertThatThrownBy(() -> rest.complete(ChatRequest.builder().user("hi").tool(WEATHER)
        .toolChoice(ToolChoice.auto()).parallelToolCalls(true)
        .reasoningEffort(ReasoningEffort.HIGH).endUser("u").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("takes no tool_choice, parallel_tool_calls, reasoning_effort, user");
    assertThatThrownBy(() -> rest.complete(ChatRequest.builder().user("hi")
        .responseFormat(ResponseFormat.jsonSchema("a", SCHEMA, true)).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("takes no strict json_schema");
    assertThat(emulator.requestCount()).isZero();
  }

  @Test
  void thePlaygroundRefusesWhatItCannotCarryByName() {
    Cloudflare agents = Cloudflare.builder().baseUrl(emulator.baseUrl()).cacheDirectory(cacheDir)
        .transport(Transport.AGENTS).build();
    Cloudflare inference = Cloudflare.builder().baseUrl(emulator.baseUrl())
        .cacheDirectory(cacheDir).transport(Transport.INFERENCE).build();

    assertThatThrownBy(() -> agents.complete(
        ChatRequest.builder().user("hi").topP(0.5).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes no top_p");
    assertThatThrownBy(() -> inference.complete(ChatRequest.builder().user("hi")
        .tool(WEATHER).toolChoice(ToolChoice.none()).parallelToolCalls(true)
        .reasoningEffort(ReasoningEffort.LOW).endUser("u").extra("raw", true)
        .responseFormat(ResponseFormat.jsonObject()).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("takes no tool_choice, parallel_tool_calls, json_object,"
            + " reasoning_effort, user, extra body members");
    assertThat(emulator.requestCount()).isZero();
  }

  @Test
  void thePlaygroundInferenceBodyKeepsItsMaxTokens() {
    Cloudflare inference = Cloudflare.builder().baseUrl(emulator.baseUrl())
        .cacheDirectory(cacheDir).transport(Transport.INFERENCE).build();

    inference.complete(ChatRequest.builder().user("hi").maxTokens(33).build());

    assertThat(emulator.requests().getLast().body()).contains("\"max_tokens\":33,");
  }
}
