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

class UiMessageStreamDecoderTest {
  private static final String ENDPOINT = "POST http://test/api/inference";

  @Test
  void recordedSampleGivesTextThenUsageThenFinish() {
    var items = decode(new UiMessageStreamDecoder(ENDPOINT),
        wireBody("playground-v5-ui-message-stream.http"));

    assertThat(items).containsExactly(
        new TextDelta("tok0 "), new TextDelta("tok1 "), new TextDelta("tok2 "),
        new TextDelta("tok3 "), new TextDelta("tok4 "),
        new Usage(4, 5, 9), new FinishReason("stop"));
  }

  @Test
  void errorChunkThrowsWithItsText() {
    String body = "data: {\"type\":\"start\"}\n\ndata: {\"type\":\"error\",\"errorText\":\"model overloaded\"}\n\n";

    assertThatThrownBy(() -> decode(new UiMessageStreamDecoder(ENDPOINT), body))
        .isInstanceOf(StreamProtocolException.class)
        .hasMessageContaining("model overloaded");
  }

  @Test
  void reasoningAndToolInputsBecomeItems() {
    String body = """
        data: {"type":"reasoning-start","id":"r"}

        data: {"type":"reasoning-delta","id":"r","delta":"hmm"}

        data: {"type":"tool-input-start","toolCallId":"t1","toolName":"weather"}

        data: {"type":"tool-input-delta","toolCallId":"t1","inputTextDelta":"{\\"city\\":"}

        data: {"type":"tool-input-available","toolCallId":"t1","toolName":"weather","input":{"city":"Paris"}}

        data: {"type":"finish","finishReason":"tool-calls"}

        data: [DONE]

        """;

    assertThat(decode(new UiMessageStreamDecoder(ENDPOINT), body)).containsExactly(
        new ReasoningDelta("hmm"),
        new ToolCallDelta(0, "t1", "weather", ""),
        new ToolCallDelta(0, null, null, "{\"city\":"),
        new ToolCallDelta(0, null, null, "\"Paris\"}"),
        new ToolCall("t1", "weather", "{\"city\":\"Paris\"}"),
        new FinishReason("tool-calls"));
  }

  @Test
  void finishReasonMayComeInMessageMetadata() {
    String body = "data: {\"type\":\"text-delta\",\"id\":\"t\",\"delta\":\"x\"}\n\n"
        + "data: {\"type\":\"finish\",\"messageMetadata\":{\"finishReason\":\"length\"}}\n\n";

    assertThat(decode(new UiMessageStreamDecoder(ENDPOINT), body))
        .containsExactly(new TextDelta("x"), new FinishReason("length"));
  }

  @Test
  void commentsOtherFieldsAndMultiLineDataAreFramedPerSse() {
    String body = ": keep-alive\n"
        + "event: message\n"
        + "id: 1\n"
        + "data: {\"type\":\"text-delta\",\n"
        + "data:\"id\":\"t\",\"delta\":\"joined\"}\n"
        + "\n"
        + "data: {\"type\":\"finish\"}\n\n";

    assertThat(decode(new UiMessageStreamDecoder(ENDPOINT), body))
        .containsExactly(new TextDelta("joined"), new FinishReason("unknown"));
  }

  @Test
  void streamWithoutFinishIsIncomplete() {
    String body = "data: {\"type\":\"text-delta\",\"id\":\"t\",\"delta\":\"x\"}\n\n";

    assertThatThrownBy(() -> decode(new UiMessageStreamDecoder(ENDPOINT), body))
        .isInstanceOf(StreamTruncatedException.class)
        .hasMessageContaining("ended the stream before");
  }

  @Test
  void malformedChunkFails() {
    assertThatThrownBy(() -> decode(new UiMessageStreamDecoder(ENDPOINT), "data: {oops\n\n"))
        .isInstanceOf(StreamProtocolException.class)
        .hasMessageContaining("{oops");
  }

  @Test
  void deltasDecodeAlikeWhateverTheirShape() {
    String body = """
        data: {"type":"text-delta","id":"t","delta":"plain "}

        data: {"type":"text-delta","id":"t","delta":"esc\\"aped\\n "}

        data: {"type":"text-delta","id":"t","delta":"extra ","providerMetadata":{"x":{}}}

        data: {"id":"t","type":"text-delta","delta":"reordered "}

        data: { "type": "text-delta", "id": "t", "delta": "spaced " }

        data: {"type":"text-delta","id":"t","delta":"h\u00e9 \u4e16"}

        data: {"type":"reasoning-delta","id":"r","delta":"why"}

        data: {"type":"text-delta","id":"t","delta":""}

        data: {"type":"finish"}

        """;

    assertThat(decode(new UiMessageStreamDecoder(ENDPOINT), body)).containsExactly(
        new TextDelta("plain "), new TextDelta("esc\"aped\n "), new TextDelta("extra "),
        new TextDelta("reordered "), new TextDelta("spaced "), new TextDelta("h\u00e9 \u4e16"),
        new ReasoningDelta("why"), new TextDelta(""), new FinishReason("unknown"));
  }

  @Test
  void messageMetadataIsMergedAcrossChunksLaterFieldsWinning() {
    String body = """
        data: {"type":"start","messageMetadata":{"usage":{"inputTokens":1,"outputTokens":1}}}

        data: {"type":"message-metadata","messageMetadata":{"usage":{"outputTokens":7}}}

        data: {"type":"finish","messageMetadata":{"finishReason":"length"}}

        data: [DONE]

        """;

    assertThat(decode(new UiMessageStreamDecoder(ENDPOINT), body))
        .containsExactly(new Usage(1, 7, 8), new FinishReason("length"));
  }

  @Test
  void usageInFinishMetadataReplacesEarlierUsageRatherThanAddingToIt() {
    String body = """
        data: {"type":"message-metadata","messageMetadata":{"usage":{"inputTokens":3,"outputTokens":2}}}

        data: {"type":"message-metadata","messageMetadata":{"usage":{"inputTokens":10,"outputTokens":4}}}

        data: {"type":"finish","finishReason":"stop","messageMetadata":{"usage":{"inputTokens":13,"outputTokens":6}}}

        """;

    assertThat(decode(new UiMessageStreamDecoder(ENDPOINT), body))
        .containsExactly(new Usage(13, 6, 19), new FinishReason("stop"));
  }

  @Test
  void toolInputErrorCompletesTheCallOnceWithItsInput() {
    String body = """
        data: {"type":"tool-input-start","toolCallId":"a","toolName":"weather"}

        data: {"type":"tool-input-delta","toolCallId":"a","inputTextDelta":"{\\"city\\":5}"}

        data: {"type":"tool-input-error","toolCallId":"a","toolName":"weather","input":{"city":5},"errorText":"bad"}

        data: {"type":"tool-output-error","toolCallId":"a","errorText":"bad"}

        data: {"type":"tool-input-error","toolCallId":"b","toolName":"nosuch","input":{},"errorText":"bad"}

        data: {"type":"finish","finishReason":"tool-calls"}

        """;

    assertThat(decode(new UiMessageStreamDecoder(ENDPOINT), body)).containsExactly(
        new ToolCallDelta(0, "a", "weather", ""), new ToolCallDelta(0, null, null, "{\"city\":5}"),
        new ToolCall("a", "weather", "{\"city\":5}"), new ToolCallDelta(1, "b", "nosuch", "{}"),
        new ToolCall("b", "nosuch", "{}", 1),
        new FinishReason("tool-calls"));
  }

  @Test
  void doneWithoutFinishChunkStillFinishesOnceWithMetadataUsage() {
    String body = """
        data: {"type":"text-delta","id":"t","delta":"x"}

        data: {"type":"message-metadata","messageMetadata":{"usage":{"inputTokens":2,"outputTokens":1}}}

        data: {"type":"finish-step"}

        data: [DONE]

        """;

    assertThat(decode(new UiMessageStreamDecoder(ENDPOINT), body)).containsExactly(
        new TextDelta("x"), new Usage(2, 1, 3), new FinishReason("unknown"));
  }

  @Test
  void abortKeepsUsageAlreadySentInMetadata() {
    String body = """
        data: {"type":"start","messageMetadata":{"usage":{"inputTokens":2}}}

        data: {"type":"text-delta","id":"t","delta":"a "}

        data: {"type":"abort"}

        data: [DONE]

        """;

    assertThat(decode(new UiMessageStreamDecoder(ENDPOINT), body)).containsExactly(
        new TextDelta("a "), new Usage(2, 0, 2), new FinishReason("aborted"));
  }
}
