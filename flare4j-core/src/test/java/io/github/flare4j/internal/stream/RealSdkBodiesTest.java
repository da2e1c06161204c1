package io.github.flare4j.internal.stream;

import static io.github.flare4j.internal.stream.Decoding.decode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.FinishReason;
import io.github.flare4j.ReasoningDelta;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.TextDelta;
import io.github.flare4j.ToolCall;
import io.github.flare4j.ToolCallDelta;
import io.github.flare4j.Usage;
import io.github.flare4j.error.StreamProtocolException;
import io.github.flare4j.error.StreamTruncatedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bodies written by Vercel's real {@code ai} package (4.3.19 data stream, 5.0.277 UI message
 * stream; see {@code src/test/resources/wire/ai-sdk/README.md}), read the way the playground client
 * reads them: format recognised from the body.
 */
class RealSdkBodiesTest {
  private static final String ENDPOINT = "POST http://test/api/inference";
  private static final Usage USAGE = new Usage(4, 5, 9);

  static Stream<Arguments> replies() {
    List<ResponseItem> plain = List.of(new TextDelta("Hello"), new TextDelta(", "),
        new TextDelta("world!"), USAGE, new FinishReason("stop"));
    List<ResponseItem> special = List.of(new TextDelta("He said \"hi\"\n"),
        new TextDelta("tab\tback\\slash "), new TextDelta("üñíçødé 日本語 "),
        new TextDelta("😀🎉"), new TextDelta(" \u2028end"), USAGE, new FinishReason("stop"));
    List<ResponseItem> reasoning = List.of(new ReasoningDelta("Let me think "),
        new ReasoningDelta("about \"it\"."), new TextDelta("Answer."), USAGE,
        new FinishReason("stop"));
    List<ResponseItem> tool = List.of(new TextDelta("Checking. "),
        new ToolCall("call-1", "weather", "{\"city\":\"Paris\"}"), USAGE,
        new FinishReason("tool-calls"));
    List<ResponseItem> multiStep = List.of(
        new ToolCall("call-1", "weather", "{\"city\":\"Paris\"}"), new TextDelta("It is "),
        new TextDelta("sunny."), new Usage(13, 6, 19), new FinishReason("stop"));
    List<ResponseItem> noUsage = List.of(new TextDelta("No usage."), new FinishReason("stop"));
    return Stream.of(
        Arguments.of("ai4-plain.txt", plain),
        Arguments.of("ai5-plain.sse", plain),
        Arguments.of("ai4-special.txt", special),
        Arguments.of("ai5-special.sse", special),
        Arguments.of("ai4-reasoning.txt", reasoning),
        Arguments.of("ai5-reasoning.sse", reasoning),
        Arguments.of("ai4-tool.txt", tool),
        Arguments.of("ai5-tool.sse", tool),
        Arguments.of("ai4-multistep.txt", multiStep),
        Arguments.of("ai5-multistep.sse", multiStep),
        Arguments.of("ai4-nousage.txt", noUsage),
        Arguments.of("ai5-nousage.sse", noUsage),
        Arguments.of("ai5-abort.sse",
            List.of(new TextDelta("a "), new TextDelta("b "), new FinishReason("aborted"))),
        // usage sent by messageMetadata on finish-step comes as a message-metadata chunk
        Arguments.of("ai5-message-metadata.sse", plain),
        // ai 5 reports a call it could not validate as tool-input-error, streamed or not
        Arguments.of("ai5-tool-invalid-input.sse", List.of(
            new ToolCall("call-9", "weather", "{\"city\":5}"), USAGE,
            new FinishReason("tool-calls"))),
        // sendFinish: false leaves out the finish chunk; the reply still finishes once
        Arguments.of("ai5-no-finish.sse", List.of(new TextDelta("Hello"), new TextDelta(", "),
            new TextDelta("world!"), new FinishReason("unknown"))),
        Arguments.of("ai5-tool-unknown.sse", List.of(
            new ToolCall("call-8", "nosuch", "{}"), USAGE, new FinishReason("tool-calls"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("replies")
  void replyDecodesToTheItemsTheSdkStreamed(String name, List<ResponseItem> expected) {
    List<ResponseItem> items = decode(new SniffingDecoder(ENDPOINT), sdkBody(name));
    assertThat(items).filteredOn(item -> !(item instanceof ToolCallDelta))
        .containsExactlyElementsOf(expected);
    // each call's first piece, before the whole call, names it; pieces are those of a known call
    for (ResponseItem item : items) {
      if (item instanceof ToolCall call) {
        assertThat(items.subList(0, items.indexOf(call)))
            .contains(new ToolCallDelta(call.index(), call.id(), call.name(),
                items.stream().filter(ToolCallDelta.class::isInstance).map(ToolCallDelta.class::cast)
                    .filter(d -> d.index() == call.index() && d.id() != null).findFirst()
                    .orElseThrow().argumentsFragment()));
      }
    }
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("ai4-error.txt", "Model exploded: \"boom\""),
        Arguments.of("ai5-error.sse", "Model exploded: \"boom\""),
        Arguments.of("ai4-throw.txt", "Upstream refused: quota"),
        Arguments.of("ai5-throw.sse", "Upstream refused: quota"),
        Arguments.of("ai4-tool-invalid-input.txt", "Invalid arguments for tool weather"),
        Arguments.of("ai4-tool-unknown.txt", "unavailable tool 'nosuch'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void errorPartFailsWithTheSdkMessage(String name, String message) {
    assertThatThrownBy(() -> decode(new SniffingDecoder(ENDPOINT), sdkBody(name)))
        .isInstanceOf(StreamProtocolException.class)
        .hasMessageContaining("reported an error in the stream")
        .hasMessageContaining(message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ai4-abort.txt", "ai4-model-stream-broken.txt",
      "ai5-model-stream-broken.sse"})
  void bodyTheSdkCutShortIsIncomplete(String name) {
    assertThatThrownBy(() -> decode(new SniffingDecoder(ENDPOINT), sdkBody(name)))
        .isInstanceOf(StreamTruncatedException.class)
        .hasMessageContaining("ended the stream before");
  }

  private static String sdkBody(String name) {
    try (InputStream in = RealSdkBodiesTest.class.getResourceAsStream("/wire/ai-sdk/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
