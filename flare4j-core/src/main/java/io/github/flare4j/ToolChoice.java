package io.github.flare4j;

import java.util.Objects;

/**
 * Whether and which tool the model must call: OpenAI's {@code tool_choice}. Immutable.
 *
 * <pre>{@code
 * ChatRequest.builder().user("Weather in Paris?").tool(weather)
 *     .toolChoice(ToolChoice.function("weather"))
 *     .build();
 * }</pre>
 */
public final class ToolChoice {

  /** The kinds of choice. */
  public enum Kind {
    /** {@code "auto"}: the model decides (the service's default when tools are given). */
    AUTO("auto"),
    /** {@code "none"}: the model calls no tool. */
    NONE("none"),
    /** {@code "required"}: the model calls at least one tool. */
    REQUIRED("required"),
    /** {@code {"type":"function","function":{"name":..}}}: the model calls the tool named. */
    FUNCTION("function");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    /** The value in the request body ({@code function} for a named tool). */
    public String wireName() {
      return wireName;
    }
  }

  private static final ToolChoice AUTO = new ToolChoice(Kind.AUTO, null);
  private static final ToolChoice NONE = new ToolChoice(Kind.NONE, null);
  private static final ToolChoice REQUIRED = new ToolChoice(Kind.REQUIRED, null);

  private final Kind kind;
  private final String name;

  private ToolChoice(Kind kind, String name) {
    this.kind = kind;
    this.name = name;
  }

  /** The model decides whether to call a tool. */
  public static ToolChoice auto() {
    return AUTO;
  }

  /** The model calls no tool. */
  public static ToolChoice none() {
    return NONE;
  }

  /** The model calls at least one tool. */
  public static ToolChoice required() {
    return REQUIRED;
  }

  /**
   * The model calls the tool {@code name}, which the request must offer.
   *
   * @throws IllegalArgumentException when the name is blank
   */
  public static ToolChoice function(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("A tool choice needs the name of a tool");
    }
    return new ToolChoice(Kind.FUNCTION, name);
  }

  /** Which kind of choice this is. */
  public Kind kind() {
    return kind;
  }

  /** The tool's name for {@link Kind#FUNCTION}; null otherwise. */
  public String name() {
    return name;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ToolChoice that && kind == that.kind && Objects.equals(name, that.name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, name);
  }

  @Override
  public String toString() {
    return kind == Kind.FUNCTION ? "ToolChoice[function " + name + "]"
        : "ToolChoice[" + kind.wireName() + "]";
  }
}
