package io.github.flare4j;

import java.util.Objects;

/**
 * A piece of the reply's text, in order. Concatenating every {@code TextDelta} gives the reply.
 *
 * @param text the new text; never null, may be empty
 */
public record TextDelta(String text) implements ResponseItem {
  /** Checks that the text is not null. */
  public TextDelta {
    Objects.requireNonNull(text, "text");
  }
}
