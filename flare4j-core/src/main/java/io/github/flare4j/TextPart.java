package io.github.flare4j;

import java.util.Objects;

/**
 * A text part of a message's content.
 *
 * @param text the text; may be empty but never null
 */
public record TextPart(String text) implements ContentPart {
  /** Checks the text is there. */
  public TextPart {
    Objects.requireNonNull(text, "text");
  }
}
