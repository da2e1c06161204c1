package io.github.flare4j.workersai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.ChatResult;
import io.github.flare4j.ChatStream;
import io.github.flare4j.ImagePart;
import io.github.flare4j.Message;
import io.github.flare4j.provider.ChatProvider;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A request is checked against its model as the account's model list describes it, after the
 * name is resolved and before the chat is sent: tools to a model without function calling, or an
 * image to one without vision, are refused by name and never reach the service.
 */
class ModelFeatureCheckTest extends WorkersAiTestBase {
  static final String SMALL_LLAMA = "@cf/meta/llama-3.1-8b-instruct-fp8"; // listed: no features
  static final String LLAMA = "@cf/meta/llama-3.3-70b-instruct-fp8-fast"; // listed: tools only

  @ParameterizedTest
  @ValueSource(strings = {"rest", "openai"})
  void toolsToAModelWithoutFunctionCallingAreRefusedBeforeTheChatIsSent(String api) {
    ChatProvider provider = provider(api);
    provider.models(); // the list, as a caller that looked at the catalogue has it
    ChatRequest request = ChatRequest.builder().model(SMALL_LLAMA).user("Weather in Paris?")
        .tool(WorkersAiFixture.WEATHER).build();

    assertThatThrownBy(() -> {
      try (ChatStream stream = provider.stream(request)) {
        stream.collect();
      }
    }).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the model " + SMALL_LLAMA + " takes no tools")
        .hasMessageContaining("model list");
    assertThat(emulator.requests()).noneMatch(r -> r.method().equals("POST"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rest", "openai"})
  void anImageToAModelWithoutVisionIsRefusedEvenWhenTheListIsFetchedForTheName(String api) {
    ChatProvider provider = provider(api);
    // A short name makes the provider fetch the list to resolve it; the check then uses it.
    ChatRequest request = ChatRequest.builder().model("llama-3.3-70b-instruct-fp8-fast")
        .message(Message.user("What is this?", List.of(
            ImagePart.of("not really a png".getBytes(StandardCharsets.UTF_8), "image/png"))))
        .build();

    assertThatThrownBy(() -> provider.complete(request))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the model " + LLAMA + " takes no images");
    assertThat(emulator.requests()).noneMatch(r -> r.method().equals("POST"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rest", "openai"})
  void toolsToAModelThatListsFunctionCallingAreSent(String api) {
    ChatProvider provider = provider(api);
    provider.models();
    ChatResult result = provider.complete(ChatRequest.builder().model(LLAMA)
        .user("Weather in Paris?").tool(WorkersAiFixture.WEATHER).build());

    assertThat(result.text().isEmpty() && result.toolCalls().isEmpty()).isFalse();
    assertThat(emulator.requests().getLast().body()).contains("get_weather");
  }
}
