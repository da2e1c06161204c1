package io.github.flare4j;

import java.util.Objects;

/**
 * The form of the reply: plain text, any JSON object (JSON mode), or JSON that follows a schema.
 *
 * @param type {@link Type#TEXT}, {@link Type#JSON_OBJECT} or {@link Type#JSON_SCHEMA}
 * @param name a name for the schema (OpenAI-style APIs want one); null but for {@code JSON_SCHEMA}
 * @param schema the JSON schema as JSON text; null but for {@code JSON_SCHEMA}
 * @param strict for {@code JSON_SCHEMA}, whether the reply must follow the schema exactly
 *     (OpenAI's {@code json_schema.strict}); sent only when true
 */
public record ResponseFormat(Type type, String name, String schema, boolean strict) {

  /** The kinds of output. */
  public enum Type {
    /** Plain text ({@code "type":"text"}), the services' default. */
    TEXT,
    /** Any JSON object. */
    JSON_OBJECT,
    /** JSON following a schema. */
    JSON_SCHEMA
  }

  /**
   * Checks that a schema comes with {@code JSON_SCHEMA}, and only with it.
   *
   * @throws IllegalArgumentException when it does not, or the schema is no JSON object
   */
  public ResponseFormat {
    Objects.requireNonNull(type, "type");
    if (type == Type.JSON_SCHEMA && (schema == null || schema.isBlank())) {
      throw new IllegalArgumentException("JSON_SCHEMA needs a schema");
    }
    if (type != Type.JSON_SCHEMA && (schema != null || strict)) {
      throw new IllegalArgumentException("Only JSON_SCHEMA takes a schema and strict");
    }
    if (schema != null) {
      JsonText.requireObject(schema, "the response format's schema");
    }
  }

  /** A format that is not strict. */
  public ResponseFormat(Type type, String name, String schema) {
    this(type, name, schema, false);
  }

  /** Plain text. */
  public static ResponseFormat text() {
    return new ResponseFormat(Type.TEXT, null, null);
  }

  /** Any JSON object. */
  public static ResponseFormat jsonObject() {
    return new ResponseFormat(Type.JSON_OBJECT, null, null);
  }

  /** JSON that follows {@code schema} (JSON text), named {@code "response"}, not strict. */
  public static ResponseFormat jsonSchema(String schema) {
    return new ResponseFormat(Type.JSON_SCHEMA, "response", schema);
  }

  /** JSON that follows {@code schema} (JSON text), named {@code name}, strict or not. */
  public static ResponseFormat jsonSchema(String name, String schema, boolean strict) {
    return new ResponseFormat(Type.JSON_SCHEMA, name, schema, strict);
  }
}
