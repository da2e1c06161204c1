package io.github.flare4j.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time scans agree with the plain byte loops they stand for. */
class BytesTest {

  /** The plain loop {@link Bytes#plainUntilQuote} is an eight-bytes-at-a-time version of. */
  private static int plainUntilQuoteByteByByte(byte[] buffer, int from, int end) {
    for (int i = from; i < end; i++) {
      byte b = buffer[i];
      if (b == '"') {
        return i;
      }
      if (b == '\\' || (b >= 0 && b < 0x20)) {
        return -1;
      }
    }
    return -1;
  }

  @Test
  void plainUntilQuoteFindsTheQuoteOrGivesUpWhereverTheyFallInAWord() {
    Random random = new Random(7);
    byte[] special = {'"', '\\', 0, 0x1f, '\n', 0x20, 0x21, 0x23, 0x5b, 0x5d, 0x7f, (byte) 0x80, (byte) 0xa2,
        (byte) 0xdc, (byte) 0xff, 'a'};
    for (int round = 0; round < 200_000; round++) {
      byte[] buffer = new byte[1 + random.nextInt(40)];
      for (int i = 0; i < buffer.length; i++) {
        buffer[i] = random.nextInt(4) == 0 ? special[random.nextInt(special.length)] : (byte) ('a' + random.nextInt(26));
      }
      int from = random.nextInt(buffer.length);
      int end = from + random.nextInt(buffer.length - from + 1);
      assertThat(Bytes.plainUntilQuote(buffer, from, end)).isEqualTo(plainUntilQuoteByteByByte(buffer, from, end));
    }
  }

  @Test
  void isUtf8AgreesWithTheDecoderAroundWordBoundaries() {
    Random random = new Random(11);
    String[] pieces = {"a", "abcdefgh", "é", "中", "😀", "\u007f", "\u0080"};
    for (int round = 0; round < 50_000; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(12); i > 0; i--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      assertThat(Bytes.isUtf8(bytes, 0, bytes.length)).isTrue();
      if (bytes.length > 0) {
        int at = random.nextInt(bytes.length);
        byte[] spoiled = bytes.clone();
        spoiled[at] = (byte) 0xff;
        assertThat(Bytes.isUtf8(spoiled, 0, spoiled.length)).isFalse();
        int cut = random.nextInt(bytes.length);
        boolean whole = new String(bytes, 0, cut, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8).length == cut
            && !new String(bytes, 0, cut, StandardCharsets.UTF_8).contains("\uFFFD");
        assertThat(Bytes.isUtf8(bytes, 0, cut)).isEqualTo(whole);
      }
    }
  }
}
