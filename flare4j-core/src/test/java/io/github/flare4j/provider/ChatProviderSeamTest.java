package io.github.flare4j.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.CallListener;
import io.github.flare4j.CallOptions;
import io.github.flare4j.ChatRequest;
import io.github.flare4j.ToolDefinition;
import io.github.flare4j.Usage;
import io.github.flare4j.cloudflare.Cloudflare;
import io.github.flare4j.cloudflare.Transport;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.RecordedRequest;
import io.github.flare4j.workersai.WorkersAI;
import io.github.flare4j.workersai.WorkersAIOpenAI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider-neutral seam: what each provider says it does, and that it does what it says. */
class ChatProviderSeamTest {
  static final ToolDefinition WEATHER = new ToolDefinition("get_weather", "Weather in a city",
      "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}");

  @TempDir Path cacheDir;
  Emulator emulator;

  @BeforeEach
  void start() {
    emulator = Emulator.start();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  Cloudflare playground(Transport transport) {
    return Cloudflare.builder().baseUrl(emulator.baseUrl()).cacheDirectory(cacheDir)
        .transport(transport).build();
  }

  @Test
  void eachProviderSaysWhatItTakes() {
    Capabilities agents = playground(Transport.AGENTS).capabilities();
    Capabilities inference = playground(Transport.INFERENCE).capabilities();
    Capabilities rest = WorkersAI.builder().accountId("a").apiToken("t").build().capabilities();
    Capabilities openAi = WorkersAIOpenAI.builder().accountId("a").apiToken("t").build()
        .capabilities();

    assertThat(agents.features())
        .containsExactly(Feature.TEMPERATURE, Feature.MAX_TOKENS, Feature.REASONING);
    assertThat(inference.features())
        .containsExactly(Feature.MAX_TOKENS, Feature.TOOLS, Feature.REASONING, Feature.USAGE);
    assertThat(rest.supports(Feature.STOP)).isFalse();
    assertThat(rest.features()).contains(Feature.TOP_K, Feature.REPETITION_PENALTY,
        Feature.JSON_OBJECT, Feature.JSON_SCHEMA, Feature.IMAGES, Feature.EXTRA_BODY)
        .doesNotContain(Feature.TOOL_CHOICE, Feature.PARALLEL_TOOL_CALLS,
            Feature.REASONING_EFFORT, Feature.USER);
    assertThat(openAi.features())
        .doesNotContain(Feature.TOP_K, Feature.REPETITION_PENALTY)
        .hasSize(Feature.values().length - 2);
    assertThat(openAi.intersect(agents.features()).features())
        .containsExactly(Feature.TEMPERATURE, Feature.MAX_TOKENS, Feature.REASONING);
  }

  @Test
  void whatACapabilityLacksIsRefusedByNameBeforeAnythingIsSent() {
    ChatRequest asks = ChatRequest.builder().user("hi").topP(0.5).tool(WEATHER).build();

    assertThat(playground(Transport.AGENTS).capabilities().unsupported(asks))
        .containsExactly(Feature.TOP_P, Feature.TOOLS);
    assertThatThrownBy(() -> playground(Transport.AGENTS).stream(asks))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("top_p, tools");
    assertThatThrownBy(() -> WorkersAIOpenAI.builder().accountId("a").apiToken("t")
            .baseUrl(emulator.baseUrl()).build()
            .stream(ChatRequest.builder().user("hi").topK(3).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("top_k");
    assertThat(emulator.requestCount()).isZero();
  }

  /** The agent takes no tools: under AUTO a request with tools goes to /api/inference. */
  @Test
  void autoSendsARequestWithToolsWhereToolsAreTaken() {
    Cloudflare auto = playground(Transport.AUTO);
    assertThat(auto.capabilities().supports(Feature.TOOLS)).isTrue();

    auto.complete(ChatRequest.builder().user("What is the weather in Paris?")
        .tool(WEATHER).build());

    assertThat(emulator.requests()).extracting(RecordedRequest::path)
        .containsExactly(Emulator.INFERENCE_PATH);
  }

  @Test
  void modelsCarryTheirAliasesTaskAndWhatTheListSays() {
    emulator.models(List.of("@cf/meta/llama-3.3-70b-instruct-fp8-fast", "@cf/acme/other"));
    ChatProvider provider = playground(Transport.INFERENCE);

    List<ModelInfo> models = provider.models();

    assertThat(models).extracting(ModelInfo::id)
        .containsExactly("@cf/meta/llama-3.3-70b-instruct-fp8-fast", "@cf/acme/other");
    assertThat(models.getFirst().aliases()).containsExactly("llama-3.3-70b");
    assertThat(models.get(1).aliases()).isEmpty();
    assertThat(models).allSatisfy(model -> {
      assertThat(model.task()).isEqualTo(ModelInfo.TEXT_GENERATION);
      assertThat(model.described()).isTrue();
    });
    assertThat(models.getFirst().contextWindow()).hasValue(24000);
    assertThat(models.getFirst().features()).contains(Feature.TOOLS);
    assertThat(models.get(1).contextWindow()).isEmpty();
    assertThat(models.get(1).features()).isEmpty();
  }

  @Test
  void theListenerHearsTheCallInOrder() {
    List<String> heard = new ArrayList<>();
    CallListener listener = new CallListener() {
      @Override
      public void callStart(String provider, String model) {
        heard.add("start " + provider);
      }

      @Override
      public void attemptStart(int attempt) {
        heard.add("attempt " + attempt);
      }

      @Override
      public void firstByte(String endpoint, Duration sinceStart) {
        heard.add("first byte " + endpoint.replace(emulator.baseUrl(), ""));
      }

      @Override
      public void firstToken(Duration sinceStart) {
        heard.add("first token");
      }

      @Override
      public void callEnd(Optional<Usage> usage, Duration sinceStart) {
        heard.add("end " + usage.map(Usage::totalTokens).orElse(-1));
      }
    };

    playground(Transport.INFERENCE).complete(ChatRequest.of("Hello"),
        CallOptions.builder().listener(listener).cookie("cf_clearance", "s3cret").build());

    assertThat(heard.subList(0, 4)).containsExactly("start Cloudflare AI", "attempt 1",
        "first byte POST /api/inference", "first token");
    assertThat(heard).hasSize(5).last().asString().as("the reply's usage")
        .matches("end [1-9][0-9]*");
    assertThat(String.join(" ", heard)).doesNotContain("s3cret");
  }

  @Test
  void callOptionsHideCookieValues() {
    CallOptions options = CallOptions.builder().cookie("cf_clearance", "s3cret")
        .proxy("http://bob:secret@127.0.0.1:3128").build();

    assertThat(options.toString()).contains("cf_clearance").doesNotContain("s3cret", "secret");
  }
}
