package io.github.flare4j.cloudflare;

import static io.github.flare4j.cloudflare.PlaygroundFixture.hello;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.ChatResult;
import io.github.flare4j.ChatStream;
import io.github.flare4j.FinishReason;
import io.github.flare4j.ReasoningDelta;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.StepReset;
import io.github.flare4j.TextDelta;
import io.github.flare4j.ToolCall;
import io.github.flare4j.emulator.AgentFault;
import io.github.flare4j.emulator.Fault;
import io.github.flare4j.emulator.ReplyScript;
import io.github.flare4j.emulator.StreamFormat;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A turn as agents 0.32 and AI SDK 6-7 send it (the emulator's PROTOCOL_DRIFT: every new frame and
 * chunk type, and a first try withdrawn by {@code reset-step}) is read without error, and the
 * reply is exactly the scripted one.
 */
class CloudflareProtocolDriftTest extends PlaygroundTestBase {
  static final String WITHDRAWN_TEXT = "A first draft, withdrawn. ";
  static final String WITHDRAWN_REASONING = "A first thought, withdrawn. ";


  static List<ResponseItem> read(ChatStream stream) {
    List<ResponseItem> items = new ArrayList<>();
    try (stream) {
      stream.forEach(items::add);
    }
    return items;
  }

  /** The withdrawn try, the reset, then the scripted reply word by word. */
  static void assertDriftedReply(List<ResponseItem> all) {
    assertThat(all.getFirst()).isInstanceOf(io.github.flare4j.ResponseStart.class);
    List<ResponseItem> items = all.subList(1, all.size());
    List<ResponseItem> expected = new ArrayList<>(List.of(
        new ReasoningDelta(WITHDRAWN_REASONING), new TextDelta(WITHDRAWN_TEXT),
        new io.github.flare4j.ToolCallDelta(0, "drift-call-1", "weather", ""),
        new io.github.flare4j.ToolCallDelta(0, null, null, "{\"city\":"),
        new io.github.flare4j.ToolCallDelta(0, null, null, "42}"),
        new ToolCall("drift-call-1", "weather", "{\"city\":42}"),
        new io.github.flare4j.ToolCallDelta(1, "drift-call-2", "weather", ""),
        new StepReset(WITHDRAWN_TEXT.length(), WITHDRAWN_REASONING.length(), 1)));
    ReplyScript.tokens(ReplyScript.GREETING).forEach(token -> expected.add(new TextDelta(token)));
    assertThat(items.subList(0, expected.size())).containsExactlyElementsOf(expected);
    assertThat(items.getLast()).isEqualTo(new FinishReason("stop"));
    assertThat(items.subList(expected.size(), items.size() - 1))
        .as("after the text only the usage, if any").allMatch(i -> !(i instanceof TextDelta));
  }

  @Test
  void theSocketsNewFramesAndChunksAreReadAndTheWithdrawnStepIsDropped() {
    emulator.enqueueAgentFault(AgentFault.PROTOCOL_DRIFT);

    ChatResult result = playground(Transport.AGENTS).complete(hello());

    assertThat(result.text()).isEqualTo(ReplyScript.GREETING);
    assertThat(result.reasoning()).isEmpty();
    assertThat(result.toolCalls()).isEmpty();
    assertThat(result.finishReason().reason()).isEqualTo("stop");
  }

  @Test
  void aStreamingCallerOfTheSocketIsToldWhatWasWithdrawn() {
    emulator.enqueueAgentFault(AgentFault.PROTOCOL_DRIFT);

    assertDriftedReply(read(playground(Transport.AGENTS).stream(hello())));
  }

  @Test
  void theV5StreamsNewChunksAreReadAndTheWithdrawnStepIsDropped() {
    emulator.format(StreamFormat.V5);
    emulator.enqueueFault(Fault.PROTOCOL_DRIFT);

    List<ResponseItem> items = read(playground(Transport.INFERENCE).stream(hello()));

    assertDriftedReply(items);
    ChatResult result = ChatResult.of(items);
    assertThat(result.text()).isEqualTo(ReplyScript.GREETING);
    assertThat(result.reasoning()).isEmpty();
    assertThat(result.toolCalls()).isEmpty();
  }
}
