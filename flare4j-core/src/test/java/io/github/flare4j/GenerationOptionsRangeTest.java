package io.github.flare4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every sampling option is checked against Workers AI's documented range when it is set. */
class GenerationOptionsRangeTest {

  @ParameterizedTest
  @CsvSource({
      "temperature, NaN, 'temperature must be from 0 to 5 (Workers AI''s range), was NaN'",
      "temperature, Infinity, 'temperature must be from 0 to 5 (Workers AI''s range), was Infinity'",
      "temperature, 5.01, 'temperature must be from 0 to 5 (Workers AI''s range), was 5.01'",
      "temperature, -0.1, 'temperature must be from 0 to 5 (Workers AI''s range), was -0.1'",
      "topP, 2.5, 'top_p must be from 0 to 2 (Workers AI''s range), was 2.5'",
      "topP, -Infinity, 'top_p must be from 0 to 2 (Workers AI''s range), was -Infinity'",
      "repetitionPenalty, NaN, 'repetition_penalty must be from 0 to 2 (Workers AI''s range), was NaN'",
      "frequencyPenalty, -2.5, 'frequency_penalty must be from -2 to 2 (Workers AI''s range), was -2.5'",
      "presencePenalty, 3, 'presence_penalty must be from -2 to 2 (Workers AI''s range), was 3.0'"
  })
  void aDoubleOutOfRangeIsRefusedNamingOptionValueAndRange(String option, double value,
      String message) {
    ChatRequest.Builder builder = ChatRequest.builder().user("hi");

    assertThatThrownBy(() -> {
      switch (option) {
        case "temperature" -> builder.temperature(value);
        case "topP" -> builder.topP(value);
        case "repetitionPenalty" -> builder.repetitionPenalty(value);
        case "frequencyPenalty" -> builder.frequencyPenalty(value);
        case "presencePenalty" -> builder.presencePenalty(value);
        default -> throw new AssertionError(option);
      }
      builder.build();
    }).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @Test
  void integersOutOfRangeAreRefused() {
    assertThatThrownBy(() -> ChatRequest.builder().topK(0))
        .hasMessage("top_k must be from 1 to 50 (Workers AI's range), was 0");
    assertThatThrownBy(() -> ChatRequest.builder().topK(51)).hasMessageContaining("was 51");
    assertThatThrownBy(() -> ChatRequest.builder().seed(0L))
        .hasMessage("seed must be from 1 to 9999999999 (Workers AI's range), was 0");
    assertThatThrownBy(() -> ChatRequest.builder().seed(10_000_000_000L))
        .hasMessageContaining("was 10000000000");
    assertThatThrownBy(() -> ChatRequest.builder().user("hi").maxTokens(0).build())
        .hasMessage("max_tokens must be at least 1 (Workers AI's range: 1 or more), was 0");
  }

  @Test
  void theOptionsBuilderIsCheckedToo() {
    assertThatThrownBy(() -> GenerationOptions.builder().temperature(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temperature");
  }

  @Test
  void theBoundsThemselvesAreAccepted() {
    ChatRequest request = ChatRequest.builder().user("hi").temperature(0.0).temperature(5.0)
        .topP(2.0).topK(1).topK(50).seed(1L).seed(9_999_999_999L).repetitionPenalty(0.0)
        .frequencyPenalty(-2.0).presencePenalty(2.0).build();

    assertThat(request.options().temperature()).isEqualTo(5.0);
  }
}
