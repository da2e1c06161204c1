package io.github.flare4j;

import java.util.Objects;

/**
 * A tool the model may call: its name, what it does, and the JSON schema of its arguments.
 *
 * <pre>{@code
 * ToolDefinition weather = new ToolDefinition("get_weather", "Current weather in a city",
 *     "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");
 * }</pre>
 *
 * @param name the name the model calls it by
 * @param description what it does, for the model (may be empty)
 * @param parameters the JSON schema of its arguments, as JSON text ({@code {"type":"object"}} when
 *     null or blank)
 */
public record ToolDefinition(String name, String description, String parameters) {

  /** Checks the name; fills in an empty description and an empty object schema. */
  public ToolDefinition {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a tool needs a name");
    }
    description = description == null ? "" : description;
    parameters = parameters == null || parameters.isBlank() ? "{\"type\":\"object\"}" : parameters;
    JsonText.requireObject(parameters, "parameters of tool '" + name + "'");
  }
}
