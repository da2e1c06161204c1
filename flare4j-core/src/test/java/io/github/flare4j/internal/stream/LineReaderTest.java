package io.github.flare4j.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.error.StreamProtocolException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import okio.Source;
import okio.Timeout;
import org.junit.jupiter.api.Test;

/** Lines however the bytes arrive: in pieces of any size, across okio's segments, ended or not. */
class LineReaderTest {

  /** A source that hands out its bytes in pieces of random sizes. */
  private static BufferedSource trickling(byte[] bytes, Random random) {
    return Okio.buffer(new Source() {
      private int at;

      @Override
      public long read(Buffer sink, long byteCount) {
        if (at == bytes.length) {
          return -1;
        }
        int n = (int) Math.min(byteCount, Math.min(bytes.length - at, 1 + random.nextInt(random.nextBoolean() ? 16 : 20_000)));
        sink.write(bytes, at, n);
        at += n;
        return n;
      }

      @Override
      public Timeout timeout() {
        return Timeout.NONE;
      }

      @Override
      public void close() {}
    });
  }

  private static List<String> lines(BufferedSource source) throws IOException {
    LineReader reader = new LineReader(source);
    List<String> lines = new ArrayList<>();
    while (reader.next()) {
      lines.add(new String(reader.buffer(), 0, reader.length(), StandardCharsets.UTF_8));
    }
    return lines;
  }

  /** What the lines are: split at \n, a \r before it dropped, a last piece without an ending kept. */
  private static List<String> expected(String text) {
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    if (lines.getLast().isEmpty()) {
      lines.removeLast();
    }
    return lines.stream().map(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l).toList();
  }

  @Test
  void linesOfEverySizeArriveWholeHoweverTheBytesAreCut() throws IOException {
    Random random = new Random(3);
    for (int round = 0; round < 300; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(30); i > 0; i--) {
        int length = random.nextInt(10) == 0 ? random.nextInt(30_000) : random.nextInt(300);
        text.append("x".repeat(length)).append(random.nextInt(5) == 0 ? "\r\n" : "\n");
      }
      if (random.nextBoolean()) {
        text.append("last line without an ending".substring(0, random.nextInt(27)));
      }
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      assertThat(lines(trickling(bytes, random))).isEqualTo(expected(text.toString()));
    }
  }

  @Test
  void askingWhetherALineHasArrivedChangesNoLine() throws IOException {
    Random random = new Random(5);
    int found = 0;
    for (int round = 0; round < 300; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(30); i > 0; i--) {
        text.append(Integer.toString(i).repeat(random.nextInt(400))).append(random.nextBoolean() ? "\r\n" : "\n");
      }
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      LineReader reader = new LineReader(trickling(bytes, random));
      List<String> lines = new ArrayList<>();
      int buffered = 0;
      do {
        if (random.nextBoolean() && reader.lineBuffered()) {
          buffered++;
        }
      } while (reader.next() && lines.add(new String(reader.buffer(), 0, reader.length(), StandardCharsets.UTF_8)));
      assertThat(lines).isEqualTo(expected(text.toString()));
      assertThat(buffered).isLessThanOrEqualTo(lines.size());
      found += buffered;
    }
    assertThat(found).as("lines found already buffered, then read").isPositive();
  }

  @Test
  void anEmptyStreamHasNoLine() throws IOException {
    assertThat(lines(new Buffer())).isEmpty();
    assertThat(lines(new Buffer().writeUtf8("\n"))).containsExactly("");
  }

  @Test
  void aLineOfTheLimitIsReadAndOneByteMoreIsRefused() throws IOException {
    String longest = "y".repeat(LineReader.MAX_LINE);
    assertThat(lines(trickling((longest + "\nz\n").getBytes(StandardCharsets.UTF_8), new Random(1))))
        .containsExactly(longest, "z");
    assertThat(lines(trickling(longest.getBytes(StandardCharsets.UTF_8), new Random(1))))
        .containsExactly(longest);
    byte[] over = (longest + "y\n").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> lines(trickling(over, new Random(2))))
        .isInstanceOf(StreamProtocolException.class).hasMessageContaining("longer than 1 MiB");
  }
}
