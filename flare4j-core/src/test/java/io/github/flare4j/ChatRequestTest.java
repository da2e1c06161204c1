package io.github.flare4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.provider.Capabilities;
import io.github.flare4j.provider.Feature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a request refuses when it is built, and what it says it asks for. */
class ChatRequestTest {
  static final ToolDefinition WEATHER = new ToolDefinition("get_weather", "Weather in a city",
      "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}");

  @Test
  void maxTokensIsUnsetUntilSet() {
    assertThat(ChatRequest.of("hi").maxTokens()).isEmpty();
    ChatRequest limited = ChatRequest.builder().user("hi").maxTokens(7).build();
    assertThat(limited.maxTokens()).hasValue(7);
    assertThat(limited.toBuilder().defaultMaxTokens().build().maxTokens()).isEmpty();
  }

  @Test
  void aToolChoiceMustNameAToolTheRequestOffers() {
    assertThatThrownBy(() -> ChatRequest.builder().user("hi").tool(WEATHER)
        .toolChoice(ToolChoice.function("get_time")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tool_choice names the tool 'get_time', which the request does not offer"
            + " (its tools: [get_weather])");
    assertThatThrownBy(() -> ChatRequest.builder().user("hi").toolChoice(ToolChoice.required())
        .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tool_choice required needs at least one tool");
    assertThatThrownBy(() -> ToolChoice.function(" "))
        .isInstanceOf(IllegalArgumentException.class);
    ChatRequest named = ChatRequest.builder().user("hi").tool(WEATHER)
        .toolChoice(ToolChoice.function("get_weather")).build();
    assertThat(named.toolChoice()).contains(ToolChoice.function("get_weather"));
    assertThat(ChatRequest.builder().user("hi").toolChoice(ToolChoice.none()).build()
        .toolChoice().orElseThrow().kind()).isEqualTo(ToolChoice.Kind.NONE);
  }

  @Test
  void extrasCollidingWithWrittenMembersAreRefused() {
    for (String name : List.of("model", "max_tokens", "tools", "tool_choice", "user", "stream",
        "options", "response_format", "reasoning_effort")) {
      assertThatThrownBy(() -> ChatRequest.builder().extra(name, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("The extra body member '" + name + "' collides with one flare4j writes"
              + " itself; set it through its own builder method");
    }
  }

  @Test
  void extrasTakeOnlyJsonValues() {
    assertThatThrownBy(() -> ChatRequest.builder().extra("when", new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'when' holds a Object");
    assertThatThrownBy(() -> ChatRequest.builder().extra("x", List.of(Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    assertThatThrownBy(() -> ChatRequest.builder().extra("x", Map.of(1, "a")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no string");
    assertThatThrownBy(() -> ChatRequest.builder().extra(" ", 1))
        .isInstanceOf(IllegalArgumentException.class);

    List<Object> given = new ArrayList<>(Arrays.asList("a", null, 2));
    ChatRequest request = ChatRequest.builder().user("hi").extra("raw", true)
        .extra("lora", given).build();
    given.add("later"); // copied when given
    assertThat(request.extras()).containsEntry("raw", true)
        .containsEntry("lora", Arrays.asList("a", null, 2));
    assertThat(request.extras().keySet()).containsExactly("raw", "lora");
  }

  @Test
  void theEndUserIsNotBlank() {
    assertThatThrownBy(() -> ChatRequest.builder().endUser(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("user (the end user's id) must not be blank");
    assertThat(ChatRequest.builder().user("hi").endUser("u-1").build().user()).contains("u-1");
  }

  @Test
  void aResponseFormatCarriesAStrictSchemaOnly() {
    assertThat(ResponseFormat.text().type()).isEqualTo(ResponseFormat.Type.TEXT);
    assertThat(ResponseFormat.jsonSchema("answer", "{\"type\":\"object\"}", true).strict())
        .isTrue();
    assertThatThrownBy(() -> new ResponseFormat(ResponseFormat.Type.JSON_OBJECT, null, null, true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void contentIsAListOfPartsAndTheTextReadersStillWork() {
    ImagePart image = ImagePart.url("https://example.com/a.png");
    Message message = Message.user(List.of(new TextPart("What is "), image, new TextPart("this?")));

    assertThat(message.content()).isEqualTo("What is this?");
    assertThat(message.images()).containsExactly(image);
    assertThat(message.parts()).hasSize(3);
    assertThat(message.isTextOnly()).isFalse();
    assertThat(Message.user("hi").parts()).containsExactly(new TextPart("hi"));
    assertThat(Message.user("hi")).isEqualTo(Message.user(List.of(new TextPart("hi"))));
  }

  @Test
  void everyFieldIsAFeatureTheCapabilitiesCheck() {
    ChatRequest everything = ChatRequest.builder().user("hi").maxTokens(5).temperature(1.0)
        .topP(0.5).topK(3).seed(4L).stop(List.of("x")).frequencyPenalty(0.1).presencePenalty(0.2)
        .repetitionPenalty(1.1).tool(WEATHER).toolChoice(ToolChoice.auto())
        .parallelToolCalls(false).responseFormat(ResponseFormat.jsonObject())
        .reasoningEffort(ReasoningEffort.LOW).endUser("u").extra("raw", true).rejectIfBusy(true)
        .message(Message.user("look", List.of(ImagePart.url("https://example.com/a.png"))))
        .build();

    assertThat(Capabilities.requestedBy(everything)).containsExactlyInAnyOrder(
        Feature.MAX_TOKENS, Feature.TEMPERATURE, Feature.TOP_P, Feature.TOP_K, Feature.SEED,
        Feature.STOP, Feature.FREQUENCY_PENALTY, Feature.PRESENCE_PENALTY,
        Feature.REPETITION_PENALTY, Feature.TOOLS, Feature.TOOL_CHOICE,
        Feature.PARALLEL_TOOL_CALLS, Feature.JSON_OBJECT, Feature.REASONING_EFFORT, Feature.USER,
        Feature.EXTRA_BODY, Feature.REJECT_IF_BUSY, Feature.IMAGES);
    assertThat(Capabilities.requestedBy(ChatRequest.of("hi"))).isEmpty();
    assertThatThrownBy(() -> Capabilities.of(Feature.TOOLS).check(everything, "X", "use Y"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("X takes no temperature, top_p, top_k, seed, stop,")
        .hasMessageEndingWith("; use Y");
    assertThat(everything.toBuilder().build()).isEqualTo(everything)
        .hasSameHashCodeAs(everything);
    assertThat(everything.toString()).doesNotContain("hi", "look").contains("extras=[raw]");
  }
}
