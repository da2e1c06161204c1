package io.github.flare4j;

import java.util.Objects;

/**
 * A piece of the model's reasoning ("thinking") text, kept apart from the reply's text.
 *
 * @param text the new reasoning text; never null
 */
public record ReasoningDelta(String text) implements ResponseItem {
  /** Checks that the text is not null. */
  public ReasoningDelta {
    Objects.requireNonNull(text, "text");
  }
}
