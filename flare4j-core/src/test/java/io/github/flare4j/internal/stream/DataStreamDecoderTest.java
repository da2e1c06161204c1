package io.github.flare4j.internal.stream;

import static io.github.flare4j.internal.stream.Decoding.decode;
import static io.github.flare4j.internal.stream.Decoding.wireBody;
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

class DataStreamDecoderTest {
  private static final String ENDPOINT = "POST http://test/api/inference";

  @Test
  void recordedSampleGivesTextThenUsageThenFinish() {
    var items = decode(new DataStreamDecoder(ENDPOINT), wireBody("playground-v4-data-stream.http"));

    assertThat(items).containsExactly(
        new TextDelta("tok0 "), new TextDelta("tok1 "), new TextDelta("tok2 "),
        new TextDelta("tok3 "), new TextDelta("tok4 "),
        Usage.of(4, 5), new FinishReason("stop"));
  }

  @Test
  void errorPartThrowsWithTheServiceMessage() {
    var decoder = new DataStreamDecoder(ENDPOINT);
    assertThatThrownBy(() -> decode(decoder, wireBody("playground-v4-error-part.http")))
        .isInstanceOf(StreamProtocolException.class)
        .hasMessageContaining("Error during inference")
        .extracting(e -> ((StreamProtocolException) e).serviceMessage())
        .isEqualTo("Error during inference");
  }

  @Test
  void multiStepRepliesGoOnAfterStepFinishAndFinishOnce() {
    String body = """
        f:{"messageId":"m1"}
        0:"a"
        e:{"finishReason":"tool-calls","usage":{"promptTokens":3,"completionTokens":1},"isContinued":false}
        f:{"messageId":"m2"}
        0:"b"
        e:{"finishReason":"stop","usage":{"promptTokens":5,"completionTokens":2},"isContinued":false}
        d:{"finishReason":"stop","usage":{"promptTokens":8,"completionTokens":3}}
        """;

    var items = decode(new DataStreamDecoder(ENDPOINT), body);

    assertThat(items).containsExactly(
        new TextDelta("a"), new TextDelta("b"), Usage.of(8, 3), new FinishReason("stop"));
  }

  @Test
  void stepFinishWithoutMessageFinishSumsTheSteps() {
    String body = """
        0:"a"
        e:{"finishReason":"tool-calls","usage":{"promptTokens":3,"completionTokens":1}}
        0:"b"
        e:{"finishReason":"stop","usage":{"promptTokens":5,"completionTokens":2}}
        """;

    var items = decode(new DataStreamDecoder(ENDPOINT), body);

    assertThat(items).endsWith(Usage.of(8, 3), new FinishReason("stop"));
  }

  @Test
  void nullOrMissingUsageGivesNoUsageItem() {
    String body = """
        0:"a"
        d:{"finishReason":"stop","usage":{"promptTokens":null,"completionTokens":null}}
        """;
    assertThat(decode(new DataStreamDecoder(ENDPOINT), body))
        .containsExactly(new TextDelta("a"), new FinishReason("stop"));

    assertThat(decode(new DataStreamDecoder(ENDPOINT), "0:\"a\"\nd:{\"finishReason\":\"length\"}\n"))
        .containsExactly(new TextDelta("a"), new FinishReason("length"));
  }

  @Test
  void reasoningAndStreamedToolCallsBecomeItems() {
    String body = """
        g:"thinking"
        b:{"toolCallId":"call_1","toolName":"weather"}
        c:{"toolCallId":"call_1","argsTextDelta":"{\\"city\\":"}
        c:{"toolCallId":"call_1","argsTextDelta":"\\"Paris\\"}"}
        9:{"toolCallId":"call_1","toolName":"weather","args":{"city":"Paris"}}
        a:{"toolCallId":"call_1","result":"sunny"}
        d:{"finishReason":"tool-calls","usage":{"promptTokens":1,"completionTokens":2}}
        """;

    var items = decode(new DataStreamDecoder(ENDPOINT), body);

    assertThat(items).containsExactly(
        new ReasoningDelta("thinking"),
        new ToolCallDelta(0, "call_1", "weather", ""),
        new ToolCallDelta(0, null, null, "{\"city\":"),
        new ToolCallDelta(0, null, null, "\"Paris\"}"),
        new ToolCall("call_1", "weather", "{\"city\":\"Paris\"}"),
        Usage.of(1, 2),
        new FinishReason("tool-calls"));
  }

  @Test
  void toolCallStreamedWithoutCompletePartIsAssembledAtFinish() {
    String body = """
        b:{"toolCallId":"c9","toolName":"lookup"}
        c:{"toolCallId":"c9","argsTextDelta":"{\\"q\\":"}
        c:{"toolCallId":"c9","argsTextDelta":"1}"}
        d:{"finishReason":"tool-calls"}
        """;

    assertThat(decode(new DataStreamDecoder(ENDPOINT), body)).containsExactly(
        new ToolCallDelta(0, "c9", "lookup", ""), new ToolCallDelta(0, null, null, "{\"q\":"),
        new ToolCallDelta(0, null, null, "1}"),
        new ToolCall("c9", "lookup", "{\"q\":1}"), new FinishReason("tool-calls"));
  }

  @Test
  void unknownAndIgnoredCodesAreSkipped() {
    String body = """
        f:{"messageId":"m"}
        2:[{"some":"data"}]
        8:[{"annotation":1}]
        h:{"sourceType":"url"}
        k:{"mimeType":"image/png"}
        z:"from a future protocol"
        0:"x"
        d:{"finishReason":"stop"}
        """;

    assertThat(decode(new DataStreamDecoder(ENDPOINT), body))
        .containsExactly(new TextDelta("x"), new FinishReason("stop"));
  }

  @Test
  void malformedJsonFailsNamingTheLine() {
    assertThatThrownBy(() -> decode(new DataStreamDecoder(ENDPOINT), "0:\"a\"\n0:{not json\n"))
        .isInstanceOf(StreamProtocolException.class)
        .hasMessageContaining("0:{not json");
  }

  @Test
  void lineWithoutCodeFails() {
    assertThatThrownBy(() -> decode(new DataStreamDecoder(ENDPOINT), "hello world\n"))
        .isInstanceOf(StreamProtocolException.class)
        .hasMessageContaining("hello world");
  }

  @Test
  void streamEndingBeforeAnyFinishIsIncomplete() {
    assertThatThrownBy(() -> decode(new DataStreamDecoder(ENDPOINT), "0:\"a\"\n0:\"b\"\n"))
        .isInstanceOf(StreamTruncatedException.class)
        .hasMessageContaining("ended the stream before");
  }

  @Test
  void crlfLineEndingsAndUnicodeEscapesDecode() {
    String body = "0:\"caf\\u00e9 \\\"q\\\"\\n\"\r\nd:{\"finishReason\":\"stop\"}\r\n";

    assertThat(decode(new DataStreamDecoder(ENDPOINT), body))
        .containsExactly(new TextDelta("café \"q\"\n"), new FinishReason("stop"));
  }

  @Test
  void plainTextWithMultiByteCharactersDecodes() {
    String body = "0:\"h\u00e9llo \u4e16\u754c \"\n0:\"x\" \nd:{\"finishReason\":\"stop\"}\n";

    assertThat(decode(new DataStreamDecoder(ENDPOINT), body)).containsExactly(
        new TextDelta("h\u00e9llo \u4e16\u754c "), new TextDelta("x"), new FinishReason("stop"));
  }
}
