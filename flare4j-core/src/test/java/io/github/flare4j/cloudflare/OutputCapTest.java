package io.github.flare4j.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.FinishReason;
import io.github.flare4j.ReasoningDelta;
import io.github.flare4j.StepReset;
import io.github.flare4j.TextDelta;
import io.github.flare4j.ToolCall;
import io.github.flare4j.ToolCallDelta;
import io.github.flare4j.Usage;
import org.junit.jupiter.api.Test;

/** The client-side cap's counting and cutting, on plain items. */
class OutputCapTest {

  @Test
  void itemsThatFitPassUnchangedUpToExactlyFourCharactersAToken() {
    OutputCap cap = new OutputCap(2);
    TextDelta first = new TextDelta("abcde");
    TextDelta second = new TextDelta("fgh");

    assertThat(cap.admit(first)).isSameAs(first);
    assertThat(cap.admit(second)).isSameAs(second);
    assertThat(cap.reached()).isFalse();
    FinishReason stop = new FinishReason("stop");
    assertThat(cap.admit(stop)).isSameAs(stop);
  }

  @Test
  void theDeltaThatGoesPastTheLimitIsCutToWhatFits() {
    OutputCap cap = new OutputCap(2);
    cap.admit(new TextDelta("abcde"));

    assertThat(cap.admit(new TextDelta("fghij"))).isEqualTo(new TextDelta("fgh"));
    assertThat(cap.reached()).isTrue();
    assertThatThrownBy(() -> cap.admit(new TextDelta("k")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aDeltaOfWhichNothingFitsIsDropped() {
    OutputCap cap = new OutputCap(1);
    cap.admit(new TextDelta("abcd"));

    assertThat(cap.admit(new TextDelta("e"))).isNull();
    assertThat(cap.reached()).isTrue();
  }

  @Test
  void reasoningAndToolCallArgumentsCountWithText() {
    OutputCap cap = new OutputCap(3);
    cap.admit(new ReasoningDelta("abcd"));
    cap.admit(new ToolCallDelta(0, "call_1", "get_weather", "{\"a\":"));
    ToolCall call = new ToolCall("call_1", "get_weather", "{\"a\":1}", 0);

    assertThat(cap.admit(new ToolCallDelta(0, null, null, "1}"))).isEqualTo(
        new ToolCallDelta(0, null, null, "1}"));
    assertThat(cap.admit(call)).as("its arguments came as fragments").isSameAs(call);
    assertThat(cap.admit(new TextDelta("xyz"))).isEqualTo(new TextDelta("x"));
    assertThat(cap.reached()).isTrue();
  }

  @Test
  void aCutToolCallFragmentKeepsItsIdAndName() {
    OutputCap cap = new OutputCap(1);

    assertThat(cap.admit(new ToolCallDelta(0, "call_1", "f", "{\"city\":\"Paris\"}")))
        .isEqualTo(new ToolCallDelta(0, "call_1", "f", "{\"ci"));
    assertThat(cap.reached()).isTrue();
  }

  @Test
  void aCutNeverSplitsASurrogatePair() {
    OutputCap cap = new OutputCap(1);
    cap.admit(new TextDelta("abc"));

    assertThat(cap.admit(new TextDelta("\uD83D\uDE00!"))).isNull(); // the emoji takes two chars
    assertThat(cap.reached()).isTrue();
  }

  @Test
  void aStepResetTakesWhatItWithdrawsOffTheCount() {
    OutputCap cap = new OutputCap(2);
    cap.admit(new TextDelta("abcdef"));
    cap.admit(new ToolCallDelta(0, "call_1", "f", "{}"));
    cap.admit(new ToolCall("call_1", "f", "{}", 0));
    StepReset reset = new StepReset(6, 0, 1);

    assertThat(cap.admit(reset)).isSameAs(reset);
    TextDelta eight = new TextDelta("12345678");
    assertThat(cap.admit(eight)).isSameAs(eight);
    assertThat(cap.reached()).isFalse();
  }

  @Test
  void itemsWithoutOutputPass() {
    OutputCap cap = new OutputCap(1);
    Usage usage = Usage.of(3, 4);

    assertThat(cap.admit(usage)).isSameAs(usage);
    assertThat(cap.reached()).isFalse();
  }
}
