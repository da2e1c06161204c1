package io.github.flare4j.workersai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.emulator.RecordedRequest;
import io.github.flare4j.error.ModelNotFoundException;
import io.github.flare4j.provider.ChatProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one name rule on both Workers AI APIs: the account's list decides, before any prompt. */
class WorkersAiModelNameTest extends WorkersAiTestBase {
  @ParameterizedTest
  @ValueSource(strings = {"rest", "openai"})
  void aShortNameIsSentAsTheOneListedIdItEnds(String api) {
    ChatProvider provider = provider(api);

    assertThat(provider.getModel("qwen3.8")).isEqualTo("@cf/qwen/qwen3.8-27b");
    provider.complete(ChatRequest.builder().model("qwen3.8").user("hi").build());

    RecordedRequest chat = emulator.requests().getLast();
    if (api.equals("rest")) {
      assertThat(chat.path()).endsWith("/ai/run/@cf/qwen/qwen3.8-27b");
    } else {
      assertThat(chat.body()).contains("\"model\":\"@cf/qwen/qwen3.8-27b\"");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"rest", "openai"})
  void anUnknownNameIsRefusedByGetModelAndByAChatBeforeAnyPrompt(String api) {
    ChatProvider provider = provider(api);
    ChatRequest request = ChatRequest.builder().model("nosuch").user("hi").build();

    assertThatThrownBy(() -> provider.getModel("nosuch")).isInstanceOf(ModelNotFoundException.class);
    assertThatThrownBy(() -> provider.complete(request))
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessageContaining("'nosuch' is not known");
    assertThat(emulator.requests()).extracting(RecordedRequest::path)
        .allMatch(path -> path.contains("/ai/models/search"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rest", "openai"})
  void anAmbiguousNameIsRefusedNamingTheCandidates(String api) {
    assertThatThrownBy(() -> provider(api).complete(
        ChatRequest.builder().model("deepseek-v4").user("hi").build()))
        .isInstanceOfSatisfying(ModelNotFoundException.class, e -> assertThat(e.suggestions())
            .containsExactly("@cf/deepseek-ai/deepseek-v4-flash-0731",
                "@cf/deepseek-ai/deepseek-v4-pro-0813"));
  }
}
