package io.github.flare4j.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/** {@link JsonBytes} writes a string as the gateway's mapper does, then UTF-8 encoded. */
class JsonBytesTest {

  private static String jackson(String value) {
    return Json.MAPPER.writeValueAsString(JsonNodeFactory.instance.stringNode(value));
  }

  private static String ours(String value) {
    JsonBytes out = new JsonBytes(1);
    out.string(value);
    return new String(out.array(), 0, out.length(), StandardCharsets.UTF_8);
  }

  private static void same(String value) {
    assertThat(ours(value).getBytes(StandardCharsets.UTF_8))
        .as("%s", value.chars().mapToObj(Integer::toHexString).toList())
        .isEqualTo(jackson(value).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void everyCharacterOfTheBasicPlaneIsWrittenAsJacksonDoes() {
    for (int c = 0; c <= 0xFFFF; c++) {
      same("a" + (char) c + "b");
    }
  }

  @Test
  void pairsLoneSurrogatesAndLongTextAreWrittenAsJacksonDoes() {
    same("");
    same("\"quoted\" back\\slash / tab\t new\nline \u0001 \u007f é 日本 😀 \uD83D \uDE00 end");
    same("\uDE00\uD83D");
    same("\uD83D");
    Random random = new Random(17);
    for (int i = 0; i < 2_000; i++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(200);
      for (int j = 0; j < length; j++) {
        int kind = random.nextInt(4);
        text.append(switch (kind) {
          case 0 -> (char) random.nextInt(0x80);
          case 1 -> (char) random.nextInt(0x800);
          case 2 -> (char) (0xD800 + random.nextInt(0x800)); // surrogates, paired or not
          default -> (char) random.nextInt(0x10000);
        });
      }
      same(text.toString());
    }
  }

  @Test
  void numbersAndRawBytesAreAppended() {
    JsonBytes out = new JsonBytes(1);
    out.raw(JsonBytes.ascii("{\"n\":")).number(7).raw(JsonBytes.ascii(",\"m\":")).number(-1234567890123L)
        .raw(JsonBytes.ascii(",\"s\":")).raw(JsonBytes.quoted("x\"y")).raw(JsonBytes.ascii("}"));
    assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8))
        .isEqualTo("{\"n\":7,\"m\":-1234567890123,\"s\":\"x\\\"y\"}");
    out.reset();
    assertThat(out.length()).isZero();
  }
}
