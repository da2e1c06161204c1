package io.github.flare4j.internal.stream;

import io.github.flare4j.ToolDefinition;
import io.github.flare4j.error.StreamProtocolException;
import java.io.StringWriter;
import io.github.flare4j.internal.text.ServerText;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;

/** The one shared, thread-safe {@link JsonFactory}, and helpers for the token loops. */
public final class Json {
  /**
   * Thread-safe; parsers and generators made from it are not. It keeps at most a few dozen sets of
   * buffers for reuse: Jackson's default pool keeps as many as were ever in use at once, for good
   * (with a thousand streams at once, a thousand sets of about 100 KiB).
   */
  public static final JsonFactory FACTORY = JsonFactory.builder()
      .recyclerPool(JsonRecyclerPools.newBoundedPool(32)).build();

  private Json() {}

  /** A parser over a slice of bytes (UTF-8 JSON). */
  public static JsonParser parser(byte[] buffer, int offset, int length) {
    return FACTORY.createParser(ObjectReadContext.empty(), buffer, offset, length);
  }

  /** A parser over a string. */
  public static JsonParser parser(String json) {
    return FACTORY.createParser(ObjectReadContext.empty(), json);
  }

  /**
   * The value of a JSON string literal that needs no unescaping ({@code "text"} with no backslash
   * and no control character), decoded straight from the bytes; null when the slice is not such a
   * literal, and the caller should use a parser.
   */
  public static String plainString(byte[] buffer, int offset, int length) {
    int end = offset + length - 1;
    if (length < 2 || buffer[offset] != '"' || buffer[end] != '"') {
      return null;
    }
    for (int i = offset + 1; i < end; i++) {
      byte b = buffer[i];
      if (b == '\\' || b == '"' || (b >= 0 && b < 0x20)) {
        return null;
      }
    }
    return new String(buffer, offset + 1, length - 2, StandardCharsets.UTF_8);
  }

  /**
   * Writes a tool's {@code "name"}, {@code "description"} and {@code "parameters"} (its schema, as
   * the raw JSON it already is) into the object the generator is in: the shape every Cloudflare
   * API uses for a function, whether at the top of the tool or under {@code "function"}.
   */
  public static void writeFunction(JsonGenerator json, ToolDefinition tool) {
    json.writeStringProperty("name", tool.name());
    json.writeStringProperty("description", tool.description());
    json.writeName("parameters");
    json.writeRawValue(tool.parameters());
  }

  /** A generator writing into {@code writer}. */
  public static JsonGenerator generator(java.io.Writer writer) {
    return FACTORY.createGenerator(ObjectWriteContext.empty(), writer);
  }

  /**
   * Copies the value at the parser's current token (object, array or scalar) as compact JSON text,
   * leaving the parser on the value's last token.
   */
  public static String copyValue(JsonParser parser) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = generator(out)) {
      generator.copyCurrentStructure(parser);
    }
    return out.toString();
  }

  /** The current token as an int, or -1 for null or a non-number (the AI SDK writes NaN as null). */
  public static int intOrMissing(JsonParser parser) {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
      double value = parser.getDoubleValue();
      return Double.isFinite(value) && value >= 0 ? (int) Math.min(value, Integer.MAX_VALUE) : -1;
    }
    parser.skipChildren();
    return -1;
  }

  /**
   * The count {@code name} of the object at the parser's current token (a usage's details object,
   * such as {@code {"cached_tokens":12}}), or -1 when it is missing or the token is no object.
   */
  public static int countIn(JsonParser parser, String name) {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return -1;
    }
    int value = -1;
    for (String field = parser.nextName(); field != null; field = parser.nextName()) {
      parser.nextToken();
      if (field.equals(name)) {
        value = intOrMissing(parser);
      } else {
        parser.skipChildren();
      }
    }
    return value;
  }

  /** The current token as a string, or null when it is not one (objects are skipped). */
  public static String stringOrNull(JsonParser parser) {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_STRING) {
      return parser.getString();
    }
    parser.skipChildren();
    return null;
  }

  /** The error for JSON that could not be parsed, with the start of the offending text. */
  public static StreamProtocolException malformed(
      String what, byte[] buffer, int offset, int length, JacksonException cause) {
    int shown = Math.min(length, 120);
    String text = ServerText.quote(new String(buffer, offset, shown, StandardCharsets.UTF_8));
    return new StreamProtocolException(
        "malformed " + what + ": '" + text + (shown < length ? "...'" : "'")
            + (cause == null ? "" : " (" + cause.getOriginalMessage() + ")"), cause);
  }
}
