package io.github.flare4j.internal.workersai;

import static io.github.flare4j.internal.workersai.WireSamples.body;
import static io.github.flare4j.internal.workersai.WireSamples.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.FinishReason;
import io.github.flare4j.ReasoningDelta;
import io.github.flare4j.TextDelta;
import io.github.flare4j.ToolCall;
import io.github.flare4j.ToolCallDelta;
import io.github.flare4j.Usage;
import io.github.flare4j.error.StreamProtocolException;
import io.github.flare4j.error.StreamTruncatedException;
import org.junit.jupiter.api.Test;

class EventStreamDecoderTest {

  @Test
  void restSampleGivesTextThenUsageThenStop() {
    assertThat(stream(body("workers-ai-run-stream.http"))).containsExactly(
        new TextDelta("tok0 "), new TextDelta("tok1 "), new TextDelta("tok2 "),
        new TextDelta("tok3 "), new Usage(9, 4, 13), new FinishReason("stop"));
  }

  @Test
  void openAiSampleGivesTextThenUsageThenTheFinishReason() {
    assertThat(stream(body("openai-chat-stream.http"))).containsExactly(
        new TextDelta("tok0 "), new TextDelta("tok1 "), new TextDelta("tok2 "),
        new Usage(4, 3, 7), new FinishReason("stop"));
  }

  @Test
  void streamWithoutDoneIsTruncated() {
    String cut = body("workers-ai-run-stream.http").replace("data: [DONE]\n\n", "");

    assertThatThrownBy(() -> stream(cut))
        .isInstanceOf(StreamTruncatedException.class)
        .hasMessageContaining("[DONE]")
        .hasMessageContaining("ended the stream before");
  }

  @Test
  void paddingIsIgnored() {
    assertThat(stream("data: {\"p\":\"abc\",\"response\":\"x\"}\n\ndata: [DONE]\n\n"))
        .containsExactly(new TextDelta("x"), new FinishReason("stop"));
  }

  @Test
  void eventSplitOverTwoDataLinesIsJoined() {
    assertThat(stream("data: {\"response\":\ndata: \"x\"}\n\ndata: [DONE]\n\n"))
        .containsExactly(new TextDelta("x"), new FinishReason("stop"));
  }

  @Test
  void reasoningContentBecomesReasoningNeverText() {
    String body = "data: {\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"hmm \"}}]}\n\n"
        + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n"
        + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
        + "data: [DONE]\n\n";

    assertThat(stream(body)).containsExactly(
        new ReasoningDelta("hmm "), new TextDelta("Hi"), new FinishReason("stop"));
  }

  @Test
  void toolCallPiecesAreAssembledByIndex() {
    String body = "data: {\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_9\","
        + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}}]}\n\n"
        + "data: {\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,"
        + "\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]}}]}\n\n"
        + "data: {\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,"
        + "\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]}}]}\n\n"
        + "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n"
        + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,"
        + "\"total_tokens\":5}}\n\n"
        + "data: [DONE]\n\n";

    assertThat(stream(body)).containsExactly(
        new ToolCallDelta(0, "call_9", "get_weather", ""),
        new ToolCallDelta(0, null, null, "{\"city\":"),
        new ToolCallDelta(0, null, null, "\"Paris\"}"),
        new ToolCall("call_9", "get_weather", "{\"city\":\"Paris\"}"),
        new Usage(3, 2, 5), new FinishReason("tool_calls"));
  }

  /**
   * Workers AI closes a streamed call with {@code {"id":null,"type":null,"function":{"name":null}}}
   * (as workers-ai-provider documents and skips): it is not a second, nameless call.
   */
  @Test
  void closingNullPieceOfAStreamedCallIsNotACall() {
    String body = "data: {\"response\":\"\",\"tool_calls\":[{\"index\":0,\"id\":\"call_1\","
        + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}],\"p\":\"ab\"}\n\n"
        + "data: {\"response\":\"\",\"tool_calls\":[{\"index\":0,"
        + "\"function\":{\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]}\n\n"
        + "data: {\"response\":\"\",\"tool_calls\":[{\"id\":null,\"type\":null,"
        + "\"function\":{\"name\":null}}]}\n\n"
        + "data: {\"response\":\"\",\"tool_calls\":[{\"index\":1,\"id\":null,\"type\":null,"
        + "\"function\":{\"name\":null,\"arguments\":\"\"}}]}\n\n"
        + "data: {\"response\":\"\",\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,"
        + "\"total_tokens\":5}}\n\n"
        + "data: [DONE]\n\n";

    assertThat(stream(body)).containsExactly(
        new ToolCallDelta(0, "call_1", "get_weather", ""),
        new ToolCallDelta(0, null, null, "{\"city\":\"Paris\"}"),
        new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
        new Usage(3, 2, 5), new FinishReason("tool_calls"));
  }

  /** The REST shape may carry the reason beside {@code response} (workers-ai-provider reads it). */
  @Test
  void finishReasonBesideTheRestResponseIsKept() {
    String body = "data: {\"response\":\"a \",\"p\":\"x\"}\n\n"
        + "data: {\"response\":\"\",\"finish_reason\":\"length\"}\n\n"
        + "data: {\"response\":\"\",\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,"
        + "\"total_tokens\":2}}\n\n"
        + "data: [DONE]\n\n";

    assertThat(stream(body)).containsExactly(
        new TextDelta("a "), new Usage(1, 1, 2), new FinishReason("length"));
  }

  @Test
  void twoToolCallsKeepTheirOrder() {
    String body = "data: {\"tool_calls\":[{\"index\":1,\"id\":\"b\",\"function\":{\"name\":\"two\"}},"
        + "{\"index\":0,\"id\":\"a\",\"function\":{\"name\":\"one\"}}]}\n\n"
        + "data: [DONE]\n\n";

    assertThat(stream(body)).containsExactly(
        new ToolCallDelta(1, "b", "two", ""), new ToolCallDelta(0, "a", "one", ""),
        new ToolCall("a", "one", "{}"), new ToolCall("b", "two", "{}", 1),
        new FinishReason("tool_calls"));
  }

  @Test
  void errorEventIsThrownWithTheServiceMessage() {
    String body = "data: {\"response\":\"a\"}\n\ndata: {\"error\":\"Error during inference\"}\n\n";

    assertThatThrownBy(() -> stream(body))
        .isInstanceOfSatisfying(StreamProtocolException.class, e ->
            assertThat(e.serviceMessage()).isEqualTo("Error during inference"));
  }

  @Test
  void malformedEventIsAProtocolError() {
    assertThatThrownBy(() -> stream("data: {not json\n\ndata: [DONE]\n\n"))
        .isInstanceOf(StreamProtocolException.class)
        .hasMessageContaining("malformed");
  }

  @Test
  void commentsAndOtherFieldsAreIgnored() {
    assertThat(stream(": keep-alive\nevent: message\nid: 1\ndata: {\"response\":\"x\"}\n\n"
        + "data: [DONE]\n\n"))
        .containsExactly(new TextDelta("x"), new FinishReason("stop"));
  }

  @Test
  void restTextEventsDecodeAlikeWhateverTheirShape() {
    String body = """
        data: {"response":"plain ","p":"abc"}

        data: {"response":"bare "}

        data: {"response":"esc\\"aped\\n ","p":"x"}

        data: {"response":"h\u00e9 \u4e16 ","p":"\\u0041"}

        data: {"p":"first","response":"reordered "}

        data: { "response": "spaced " }

        data: {"response":""}

        data: {"response":"last","p":"abc","extra":1}

        data: [DONE]

        """;

    assertThat(stream(body)).containsExactly(
        new TextDelta("plain "), new TextDelta("bare "), new TextDelta("esc\"aped\n "),
        new TextDelta("h\u00e9 \u4e16 "), new TextDelta("reordered "), new TextDelta("spaced "),
        new TextDelta("last"), new FinishReason("stop"));
  }
}
