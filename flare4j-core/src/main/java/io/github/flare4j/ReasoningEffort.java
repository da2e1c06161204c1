package io.github.flare4j;

/**
 * How hard a reasoning model thinks before it answers: OpenAI's {@code reasoning_effort}, whose
 * documented values are {@code none}, {@code minimal}, {@code low}, {@code medium}, {@code high}
 * and {@code xhigh} (which of them a model takes differs by model; older ones take low, medium and
 * high only). Workers AI's OpenAI-compatible endpoint passes it on to models that reason.
 */
public enum ReasoningEffort {
  /** {@code none}: no reasoning. */
  NONE("none"),
  /** {@code minimal}. */
  MINIMAL("minimal"),
  /** {@code low}. */
  LOW("low"),
  /** {@code medium}. */
  MEDIUM("medium"),
  /** {@code high}. */
  HIGH("high"),
  /** {@code xhigh}. */
  XHIGH("xhigh");

  private final String wireName;

  ReasoningEffort(String wireName) {
    this.wireName = wireName;
  }

  /** The value in the request body, e.g. {@code low}. */
  public String wireName() {
    return wireName;
  }
}
