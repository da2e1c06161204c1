package io.github.flare4j.browser;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * DevTools protocol messages as plain values: objects as {@code Map<String, Object>}, arrays as
 * {@code List<Object>}, and strings, numbers, booleans and null. The protocol's control messages
 * are few and small, so a tree is fine here (unlike the reply stream's hot path).
 */
final class JsonValues {
  /** Thread-safe; the parsers and generators it makes are not. */
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonValues() {}

  /**
   * Parses one JSON document.
   *
   * @throws tools.jackson.core.JacksonException when it is not JSON
   */
  static Object parse(String json) {
    try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), json)) {
      parser.nextToken();
      return read(parser);
    }
  }

  /** Writes a value made of maps, lists, strings, numbers, booleans and nulls. */
  static String write(Object value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
      write(generator, value);
    }
    return out.toString();
  }

  /** The object at {@code value}, or an empty map when it is not one. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  /** The string at {@code value}, or null. */
  static String string(Object value) {
    return value instanceof String text ? text : null;
  }

  private static Object read(JsonParser parser) {
    JsonToken token = parser.currentToken();
    if (token == null) {
      return null;
    }
    return switch (token) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
          parser.nextToken();
          map.put(name, read(parser));
        }
        yield map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          list.add(read(parser));
        }
        yield list;
      }
      case VALUE_STRING -> parser.getString();
      case VALUE_NUMBER_INT -> parser.getLongValue();
      case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      default -> null;
    };
  }

  private static void write(JsonGenerator generator, Object value) {
    switch (value) {
      case null -> generator.writeNull();
      case String text -> generator.writeString(text);
      case Integer number -> generator.writeNumber(number);
      case Long number -> generator.writeNumber(number);
      case Double number -> generator.writeNumber(number);
      case Boolean flag -> generator.writeBoolean(flag);
      case Map<?, ?> map -> {
        generator.writeStartObject();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          generator.writeName(String.valueOf(entry.getKey()));
          write(generator, entry.getValue());
        }
        generator.writeEndObject();
      }
      case List<?> list -> {
        generator.writeStartArray();
        for (Object element : list) {
          write(generator, element);
        }
        generator.writeEndArray();
      }
      default -> throw new IllegalArgumentException("cannot write " + value.getClass());
    }
  }
}
