package io.github.flare4j;

import java.util.Objects;

/**
 * A complete call of a tool that the model asks for. Streamed calls are assembled before this item
 * is emitted, so {@code arguments} is always the whole JSON text.
 *
 * @param id the call's id, used to send the tool's result back
 * @param name the tool's name
 * @param arguments the arguments as JSON text (an object), {@code "{}"} when there are none
 */
public record ToolCall(String id, String name, String arguments) implements ResponseItem {
  /** Checks the parts; a null or blank {@code arguments} becomes {@code "{}"}. */
  public ToolCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    arguments = arguments == null || arguments.isBlank() ? "{}" : arguments;
  }
}
