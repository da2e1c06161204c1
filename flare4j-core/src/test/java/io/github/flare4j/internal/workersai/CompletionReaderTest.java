package io.github.flare4j.internal.workersai;

import static io.github.flare4j.internal.workersai.WireSamples.body;
import static io.github.flare4j.internal.workersai.WireSamples.whole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.FinishReason;
import io.github.flare4j.ReasoningDelta;
import io.github.flare4j.TextDelta;
import io.github.flare4j.ToolCall;
import io.github.flare4j.ToolCallDelta;
import io.github.flare4j.Usage;
import io.github.flare4j.error.StreamProtocolException;
import org.junit.jupiter.api.Test;

/** The non-streamed replies: the v4 envelope and the OpenAI {@code chat.completion}. */
class CompletionReaderTest {

  @Test
  void restSampleGivesTheWholeTextThenUsageThenStop() {
    assertThat(whole(body("workers-ai-run.http"))).containsExactly(
        new TextDelta("tok0 tok1 tok2 tok3 "), new Usage(9, 4, 13), new FinishReason("stop"));
  }

  @Test
  void jsonModeObjectResponseIsHandedOverAsJsonText() {
    assertThat(whole("{\"result\":{\"response\":{\"answer\":\"yes\",\"n\":[1,2]}},"
        + "\"success\":true,\"errors\":[],\"messages\":[]}"))
        .containsExactly(new TextDelta("{\"answer\":\"yes\",\"n\":[1,2]}"), new FinishReason("stop"));
  }

  @Test
  void restToolCallsWithoutIdsGetGeneratedOnesAndObjectArguments() {
    assertThat(whole("{\"result\":{\"response\":null,\"tool_calls\":["
        + "{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Paris\"}},"
        + "{\"name\":\"get_time\",\"arguments\":{}}]},\"success\":true,\"errors\":[]}"))
        .containsExactly(
            new ToolCallDelta(0, "call_0", "get_weather", "{\"city\":\"Paris\"}"),
            new ToolCall("call_0", "get_weather", "{\"city\":\"Paris\"}"),
            new ToolCallDelta(1, "call_1", "get_time", "{}"),
            new ToolCall("call_1", "get_time", "{}", 1),
            new FinishReason("tool_calls"));
  }

  @Test
  void openAiCompletionGivesReasoningTextToolCallsUsageAndReason() {
    assertThat(whole("{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
        + "\"message\":{\"role\":\"assistant\",\"content\":\"Hi\",\"reasoning_content\":\"think\","
        + "\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"f\","
        + "\"arguments\":\"{\\\"a\\\":1}\"}}]},\"finish_reason\":\"tool_calls\"}],"
        + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}}"))
        .containsExactly(
            new TextDelta("Hi"), new ReasoningDelta("think"),
            new ToolCallDelta(0, "call_1", "f", "{\"a\":1}"),
            new ToolCall("call_1", "f", "{\"a\":1}"),
            new Usage(1, 2, 3), new FinishReason("tool_calls"));
  }

  @Test
  void envelopeWithErrorsIsThrown() {
    assertThatThrownBy(() -> whole("{\"result\":null,\"success\":false,"
        + "\"errors\":[{\"code\":3010,\"message\":\"Error during inference\"}],\"messages\":[]}"))
        .isInstanceOfSatisfying(StreamProtocolException.class, e ->
            assertThat(e.serviceMessage()).isEqualTo("Error during inference (code 3010)"));
  }
}
