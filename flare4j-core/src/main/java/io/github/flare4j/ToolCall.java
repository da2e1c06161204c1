package io.github.flare4j;

import java.util.Objects;

/**
 * A complete call of a tool that the model asks for. Streamed calls are assembled before this item
 * is emitted, so {@code arguments} is always the whole JSON text; the pieces come before it as
 * {@link ToolCallDelta}s with the same {@code index}.
 *
 * @param id the call's id, used to send the tool's result back
 * @param name the tool's name
 * @param arguments the arguments as JSON text (an object), {@code "{}"} when there are none
 * @param index the call's position among the reply's tool calls, from 0
 */
public record ToolCall(String id, String name, String arguments, int index)
    implements ResponseItem {
  /**
   * Checks the parts; a null or blank {@code arguments} becomes {@code "{}"}.
   *
   * @throws IllegalArgumentException when the index is negative
   */
  public ToolCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    arguments = arguments == null || arguments.isBlank() ? "{}" : arguments;
    if (index < 0) {
      throw new IllegalArgumentException("a tool call's index must not be negative: " + index);
    }
  }

  /** A call at index 0 (the first of a reply), as a message sent back to the model holds it. */
  public ToolCall(String id, String name, String arguments) {
    this(id, name, arguments, 0);
  }
}
