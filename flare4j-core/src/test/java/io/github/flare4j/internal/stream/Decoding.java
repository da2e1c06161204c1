package io.github.flare4j.internal.stream;

import io.github.flare4j.ResponseItem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;

/** Runs a decoder over a body given as a string, the way {@link BodyReader} does, without a network. */
public final class Decoding {
  private Decoding() {}

  public static List<ResponseItem> decode(StreamDecoder decoder, String body) {
    return decode(decoder, body, new ItemBuffer());
  }

  /** The same into {@code out} (a buffer for a reply begins with its start). */
  public static List<ResponseItem> decode(StreamDecoder decoder, String body, ItemBuffer out) {
    Buffer source = new Buffer().writeUtf8(body);
    LineReader lines = new LineReader(source);
    List<ResponseItem> items = new ArrayList<>();
    try {
      while (lines.next()) {
        decoder.line(lines.buffer(), 0, lines.length(), out);
        drain(out, items);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    decoder.end(out);
    drain(out, items);
    return items;
  }

  /** The body of a recorded wire sample (the part after the blank line, chunked framing removed). */
  public static String wireBody(String name) {
    try (InputStream in = Decoding.class.getResourceAsStream("/wire/" + name)) {
      String whole = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return whole.substring(whole.indexOf("\r\n\r\n") + 4);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void drain(ItemBuffer out, List<ResponseItem> items) {
    for (ResponseItem item = out.poll(); item != null; item = out.poll()) {
      items.add(item);
    }
  }
}
