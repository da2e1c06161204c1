package io.github.flare4j.internal.workersai;

import static io.github.flare4j.internal.stream.Decoding.decode;
import static io.github.flare4j.internal.stream.Decoding.wireBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.ResponseItem;
import io.github.flare4j.ResponseStart;
import io.github.flare4j.Usage;
import io.github.flare4j.internal.stream.ItemBuffer;
import io.github.flare4j.internal.stream.SniffingDecoder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reply's start and usage details read from the reference bytes of each format: what the
 * service sends is kept, what it leaves out is filled in with the model the request was sent with.
 */
class ReplyStartDecodingTest {
  private static final String ENDPOINT = "POST http://test/x";
  private static final String SENT_WITH = "@cf/acme/sent-with";

  private static ItemBuffer reply() {
    return ItemBuffer.forReply(SENT_WITH);
  }

  @Test
  void theOpenAiChunksIdModelAndCreatedAreTheStart() {
    List<ResponseItem> items = decode(new EventStreamDecoder(ENDPOINT),
        wireBody("openai-chat-stream.http"), reply());

    assertThat(items.getFirst()).isEqualTo(new ResponseStart("chatcmpl-25FS4gLR0QJYds2Fvtv1eQct",
        "@cf/meta/llama-3.1-8b-instruct-fp8", Instant.ofEpochSecond(1795675082)));
    assertThat(items).filteredOn(ResponseStart.class::isInstance).hasSize(1);
  }

  @Test
  void theRestStreamNamesNothingSoTheStartIsMadeUp() {
    List<ResponseItem> items = decode(new EventStreamDecoder(ENDPOINT),
        wireBody("workers-ai-run-stream.http"), reply());

    assertThat(items.getFirst()).isInstanceOfSatisfying(ResponseStart.class, start -> {
      assertThat(start.id()).matches("chatcmpl-[A-Za-z0-9]{24}");
      assertThat(start.model()).isEqualTo(SENT_WITH);
    });
  }

  @Test
  void thePlaygroundsMessageIdIsTheStartInBothFormats() {
    for (String sample : List.of("playground-v4-data-stream.http",
        "playground-v5-ui-message-stream.http")) {
      List<ResponseItem> items = decode(new SniffingDecoder(ENDPOINT), wireBody(sample), reply());

      assertThat(items.getFirst()).as(sample).isInstanceOfSatisfying(ResponseStart.class,
          start -> {
            assertThat(start.id()).isEqualTo("msg-PTNqlSh3nJif-wsfWSq1jINS");
            assertThat(start.model()).isEqualTo(SENT_WITH);
          });
    }
  }

  @Test
  void theOpenAiUsageDetailsGiveCachedAndReasoningTokens() {
    String body = "data: {\"id\":\"c1\",\"model\":\"m\",\"created\":5,\"choices\":[],\"usage\":"
        + "{\"prompt_tokens\":10,\"completion_tokens\":7,\"total_tokens\":17,"
        + "\"prompt_tokens_details\":{\"cached_tokens\":4},"
        + "\"completion_tokens_details\":{\"reasoning_tokens\":3}}}\n\n"
        + "data: [DONE]\n\n";

    assertThat(decode(new EventStreamDecoder(ENDPOINT), body, reply()))
        .contains(new Usage(10, 7, 17, 4, 3));
  }

  @Test
  void theUiStreamsUsageDetailsGiveCachedAndReasoningTokens() {
    String body = "data: {\"type\":\"start\",\"messageId\":\"m1\"}\n\n"
        + "data: {\"type\":\"finish\",\"finishReason\":\"stop\",\"messageMetadata\":{\"usage\":"
        + "{\"inputTokens\":10,\"outputTokens\":7,\"cachedInputTokens\":4,"
        + "\"reasoningTokens\":3}}}\n\n"
        + "data: [DONE]\n\n";

    assertThat(decode(new SniffingDecoder(ENDPOINT), body, reply()))
        .contains(new Usage(10, 7, 17, 4, 3));
  }
}
