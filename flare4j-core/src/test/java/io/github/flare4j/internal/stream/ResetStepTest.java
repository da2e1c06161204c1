package io.github.flare4j.internal.stream;

import static io.github.flare4j.internal.stream.Decoding.decode;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.ChatResult;
import io.github.flare4j.FinishReason;
import io.github.flare4j.ReasoningDelta;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.StepReset;
import io.github.flare4j.TextDelta;
import io.github.flare4j.ToolCall;
import io.github.flare4j.ToolCallDelta;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code reset-step} withdraws what the current step delivered, as the AI SDK's client does. */
class ResetStepTest {
  private static final String ENDPOINT = "POST http://test/api/inference";

  static String sse(String... chunks) {
    StringBuilder body = new StringBuilder();
    for (String chunk : chunks) {
      body.append("data: ").append(chunk).append("\n\n");
    }
    return body.append("data: [DONE]\n\n").toString();
  }

  @Test
  void onlyTheCurrentStepIsWithdrawnAndTheRetryReplacesIt() {
    List<ResponseItem> items = decode(new UiMessageStreamDecoder(ENDPOINT), sse(
        "{\"type\":\"start\"}",
        "{\"type\":\"start-step\"}",
        "{\"type\":\"text-delta\",\"id\":\"a\",\"delta\":\"Kept. \"}",
        "{\"type\":\"finish-step\"}",
        "{\"type\":\"start-step\"}",
        "{\"type\":\"reasoning-delta\",\"id\":\"r\",\"delta\":\"hmm\"}",
        "{\"type\":\"text-delta\",\"id\":\"b\",\"delta\":\"Gone\"}",
        "{\"type\":\"text-delta\", \"id\":\"b\", \"delta\":\" too\"}",
        "{\"type\":\"tool-input-available\",\"toolCallId\":\"c1\",\"toolName\":\"f\",\"input\":{}}",
        "{\"type\":\"tool-input-start\",\"toolCallId\":\"c2\",\"toolName\":\"f\"}",
        "{\"type\":\"reset-step\"}",
        "{\"type\":\"text-delta\",\"id\":\"c\",\"delta\":\"Retried.\"}",
        "{\"type\":\"finish\",\"finishReason\":\"stop\"}"));

    assertThat(items).containsExactly(
        new TextDelta("Kept. "), new ReasoningDelta("hmm"), new TextDelta("Gone"),
        new TextDelta(" too"), new ToolCallDelta(0, "c1", "f", "{}"), new ToolCall("c1", "f", "{}"),
        new ToolCallDelta(1, "c2", "f", ""), new StepReset(8, 3, 1),
        new TextDelta("Retried."), new FinishReason("stop"));
    ChatResult result = ChatResult.of(items);
    assertThat(result.text()).isEqualTo("Kept. Retried.");
    assertThat(result.reasoning()).isEmpty();
    assertThat(result.toolCalls()).as("c2 was still streaming: discarded, never emitted").isEmpty();
  }

  @Test
  void aResetOfAStepThatDeliveredNothingSendsNoItem() {
    List<ResponseItem> items = decode(new UiMessageStreamDecoder(ENDPOINT), sse(
        "{\"type\":\"start-step\"}",
        "{\"type\":\"text-delta\",\"id\":\"a\",\"delta\":\"Kept.\"}",
        "{\"type\":\"start-step\"}",
        "{\"type\":\"reset-step\"}",
        "{\"type\":\"finish\"}"));

    assertThat(items).containsExactly(new TextDelta("Kept."), new FinishReason(null));
  }

  @Test
  void everyChunkTypeOfAiSdk7IsKnownAndNoneAddsToTheReply() {
    List<ResponseItem> items = decode(new UiMessageStreamDecoder(ENDPOINT), sse(
        "{\"type\":\"start\",\"messageId\":\"m\"}",
        "{\"type\":\"start-step\"}",
        "{\"type\":\"tool-approval-request\",\"approvalId\":\"a\",\"toolCallId\":\"c\"}",
        "{\"type\":\"tool-approval-response\",\"approvalId\":\"a\",\"approved\":false}",
        "{\"type\":\"tool-output-denied\",\"toolCallId\":\"c\"}",
        "{\"type\":\"tool-output-available\",\"toolCallId\":\"c\",\"output\":{\"t\":1}}",
        "{\"type\":\"tool-output-error\",\"toolCallId\":\"c\",\"errorText\":\"no\"}",
        "{\"type\":\"reasoning-file\",\"url\":\"data:,x\",\"mediaType\":\"text/plain\"}",
        "{\"type\":\"file\",\"url\":\"data:,x\",\"mediaType\":\"text/plain\"}",
        "{\"type\":\"source-url\",\"sourceId\":\"s\",\"url\":\"https://example.com/\"}",
        "{\"type\":\"source-document\",\"sourceId\":\"s\",\"mediaType\":\"text/plain\",\"title\":\"t\"}",
        "{\"type\":\"steering-message\",\"text\":\"not the reply\"}",
        "{\"type\":\"custom\",\"kind\":\"a.b\"}",
        "{\"type\":\"data-weather\",\"data\":{\"text\":\"not the reply\"}}",
        "{\"type\":\"message-metadata\",\"messageMetadata\":{}}",
        "{\"type\":\"some-type-of-2027\",\"delta\":\"not the reply\"}",
        "{\"type\":\"text-delta\",\"id\":\"t\",\"delta\":\"Only this.\"}",
        "{\"type\":\"finish-step\"}",
        "{\"type\":\"finish\",\"finishReason\":\"stop\"}"));

    assertThat(items).containsExactly(new TextDelta("Only this."), new FinishReason("stop"));
  }
}
