package io.github.flare4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.FinishReason.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each provider's words for why a reply ended, as one kind. */
class FinishReasonTest {

  @ParameterizedTest
  @CsvSource({
      "stop, STOP",
      "length, LENGTH",
      "max_tokens, LENGTH",
      "tool-calls, TOOL_CALLS", // the AI SDK (playground)
      "tool_calls, TOOL_CALLS", // Workers AI, OpenAI
      "content-filter, CONTENT_FILTER",
      "content_filter, CONTENT_FILTER",
      "error, ERROR",
      "aborted, OTHER",
      "unknown, OTHER",
      "Something-New, OTHER"})
  void everyProvidersSpellingIsOneKind(String reason, Kind kind) {
    FinishReason finish = new FinishReason(reason);

    assertThat(finish.kind()).isEqualTo(kind);
    assertThat(finish.reason()).as("the raw word is kept").isEqualTo(reason);
    assertThat(finish.isStop()).isEqualTo(kind == Kind.STOP);
  }

  @ParameterizedTest
  @CsvSource(value = {"''", "' '"})
  void aMissingReasonIsUnknown(String reason) {
    assertThat(new FinishReason(reason).reason()).isEqualTo("unknown");
    assertThat(new FinishReason(null).kind()).isEqualTo(Kind.OTHER);
  }
}
