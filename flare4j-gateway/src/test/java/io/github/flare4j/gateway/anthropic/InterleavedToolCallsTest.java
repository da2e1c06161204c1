package io.github.flare4j.gateway.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import io.github.flare4j.CallOptions;
import io.github.flare4j.ChatRequest;
import io.github.flare4j.ChatStream;
import io.github.flare4j.FinishReason;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.ResponseStart;
import io.github.flare4j.TextDelta;
import io.github.flare4j.ToolCall;
import io.github.flare4j.ToolCallDelta;
import io.github.flare4j.Usage;
import io.github.flare4j.gateway.Gateway;
import io.github.flare4j.provider.Capabilities;
import io.github.flare4j.provider.ChatProvider;
import io.github.flare4j.provider.Feature;
import io.github.flare4j.provider.ModelInfo;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two tool calls whose argument fragments interleave, and text between them: Anthropic's stream
 * has one block open at a time, so the gateway holds back what belongs to another block until
 * the open call is whole. No Cloudflare service interleaves calls today (nor does the emulator),
 * so the upstream here is a provider that replays a fixed list of reply items over the library's
 * provider interface; the gateway and the client are real.
 */
class InterleavedToolCallsTest {
  static final List<ResponseItem> REPLY = List.of(
      new ResponseStart("chatcmpl-1", "scripted", Instant.EPOCH),
      new ToolCallDelta(0, "call_a", "first", "{\"a\":"),
      new ToolCallDelta(1, "call_b", "second", "{\"b\":"),
      new ToolCallDelta(1, null, null, "2"),
      new TextDelta("between"),
      new ToolCallDelta(0, null, null, "1}"),
      new ToolCall("call_a", "first", "{\"a\":1}", 0),
      new ToolCallDelta(1, null, null, "3}"),
      new ToolCall("call_b", "second", "{\"b\":23}", 1),
      Usage.of(7, 5),
      new FinishReason("tool_calls"));

  @Test
  void eachBlockArrivesWhole() {
    try (Gateway gateway = Gateway.builder().provider("scripted", new Scripted()).port(0).build()
        .start()) {
      MessageAccumulator accumulator = MessageAccumulator.create();
      try (StreamResponse<RawMessageStreamEvent> stream = AnthropicOkHttpClient.builder()
          .baseUrl(gateway.uri().toString()).apiKey("unused").maxRetries(0).build().messages()
          .createStreaming(MessageCreateParams.builder().model("scripted-model").maxTokens(50)
              .addUserMessage("go").build())) {
        stream.stream().forEach(accumulator::accumulate);
      }
      Message message = accumulator.message();
      List<ContentBlock> content = message.content();
      assertThat(content).hasSize(3);
      assertThat(content.get(0).toolUse().orElseThrow().id()).isEqualTo("call_a");
      assertThat(content.get(0).toolUse().orElseThrow()._input().convert(Map.class))
          .isEqualTo(Map.of("a", 1));
      assertThat(content.get(1).toolUse().orElseThrow().name()).isEqualTo("second");
      assertThat(content.get(1).toolUse().orElseThrow()._input().convert(Map.class))
          .isEqualTo(Map.of("b", 23));
      assertThat(content.get(2).text().orElseThrow().text()).isEqualTo("between");
      assertThat(message.stopReason()).hasValue(StopReason.TOOL_USE);
      assertThat(message.usage().inputTokens()).isEqualTo(7);
      assertThat(message.usage().outputTokens()).isEqualTo(5);
    }
  }

  /** Replays {@link #REPLY} for any request. */
  static final class Scripted implements ChatProvider {
    @Override
    public String label() {
      return "scripted";
    }

    @Override
    public String url() {
      return "http://127.0.0.1:9";
    }

    @Override
    public Capabilities capabilities() {
      return Capabilities.allBut();
    }

    @Override
    public ChatStream stream(ChatRequest request, CallOptions call) {
      Deque<ResponseItem> items = new ArrayDeque<>(REPLY);
      return ChatStream.of(new ChatStream.Source() {
        @Override
        public ResponseItem next() {
          return items.pollFirst();
        }

        @Override
        public void close() {
          items.clear();
        }
      });
    }

    @Override
    public String defaultModel() {
      return "scripted-model";
    }

    @Override
    public Map<String, String> modelAliases() {
      return Map.of();
    }

    @Override
    public List<String> getModels() {
      return List.of("scripted-model");
    }

    @Override
    public List<String> fetchModels() {
      return getModels();
    }

    @Override
    public List<ModelInfo> models() {
      return List.of(ModelInfo.builder("scripted-model").feature(Feature.TOOLS).build());
    }

    @Override
    public ModelInfo model(String nameOrAlias) {
      return models().getFirst();
    }
  }
}
