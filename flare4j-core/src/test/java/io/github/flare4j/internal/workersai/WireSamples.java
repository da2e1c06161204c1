package io.github.flare4j.internal.workersai;

import io.github.flare4j.ResponseItem;
import io.github.flare4j.internal.stream.ItemBuffer;
import io.github.flare4j.internal.stream.Json;
import io.github.flare4j.internal.stream.LineReader;
import io.github.flare4j.internal.stream.StreamDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import tools.jackson.core.JsonParser;

/** Runs the decoders over strings and the recorded wire samples, without a network. */
final class WireSamples {
  static final String ENDPOINT = "POST https://api.cloudflare.com/client/v4/accounts/a/ai/run/m";

  private WireSamples() {}

  /** The body of a sample (the part after the blank line). */
  static String body(String name) {
    try (InputStream in = WireSamples.class.getResourceAsStream("/wire/" + name)) {
      String whole = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return whole.substring(whole.indexOf("\r\n\r\n") + 4);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Decodes a streamed body line by line, as the body reader does. */
  static List<ResponseItem> stream(String body) {
    StreamDecoder decoder = new EventStreamDecoder(ENDPOINT);
    LineReader lines = new LineReader(new Buffer().writeUtf8(body));
    ItemBuffer out = new ItemBuffer();
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

  /** Decodes a whole JSON reply. */
  static List<ResponseItem> whole(String json) {
    CompletionReader reader = new CompletionReader(ENDPOINT);
    ItemBuffer out = new ItemBuffer();
    try (JsonParser parser = Json.parser(json)) {
      parser.nextToken();
      reader.object(parser, out);
    }
    reader.finish(out);
    List<ResponseItem> items = new ArrayList<>();
    drain(out, items);
    return items;
  }

  private static void drain(ItemBuffer out, List<ResponseItem> items) {
    for (ResponseItem item = out.poll(); item != null; item = out.poll()) {
      items.add(item);
    }
  }
}
