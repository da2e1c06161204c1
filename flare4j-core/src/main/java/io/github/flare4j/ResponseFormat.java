package io.github.flare4j;

import java.util.Objects;

/**
 * Asks the model for JSON (JSON mode): any JSON object, or JSON that follows a schema.
 *
 * @param type {@link Type#JSON_OBJECT} or {@link Type#JSON_SCHEMA}
 * @param name a name for the schema (OpenAI-style APIs want one); null for {@code JSON_OBJECT}
 * @param schema the JSON schema as JSON text; null for {@code JSON_OBJECT}
 */
public record ResponseFormat(Type type, String name, String schema) {

  /** The kinds of JSON output. */
  public enum Type {
    /** Any JSON object. */
    JSON_OBJECT,
    /** JSON following a schema. */
    JSON_SCHEMA
  }

  /** Checks that a schema comes with {@code JSON_SCHEMA}. */
  public ResponseFormat {
    Objects.requireNonNull(type, "type");
    if (type == Type.JSON_SCHEMA && (schema == null || schema.isBlank())) {
      throw new IllegalArgumentException("JSON_SCHEMA needs a schema");
    }
    if (schema != null) {
      JsonText.requireObject(schema, "the response format's schema");
    }
  }

  /** Any JSON object. */
  public static ResponseFormat jsonObject() {
    return new ResponseFormat(Type.JSON_OBJECT, null, null);
  }

  /** JSON that follows {@code schema} (JSON text), named {@code "response"}. */
  public static ResponseFormat jsonSchema(String schema) {
    return new ResponseFormat(Type.JSON_SCHEMA, "response", schema);
  }
}
