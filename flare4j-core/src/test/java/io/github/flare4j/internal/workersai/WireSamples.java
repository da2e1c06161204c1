package io.github.flare4j.internal.workersai;

import io.github.flare4j.ResponseItem;
import io.github.flare4j.internal.stream.Decoding;
import io.github.flare4j.internal.stream.ItemBuffer;
import io.github.flare4j.internal.stream.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;

/** Runs the decoders over strings and the recorded wire samples, without a network. */
final class WireSamples {
  static final String ENDPOINT = "POST https://api.cloudflare.com/client/v4/accounts/a/ai/run/m";

  private WireSamples() {}

  /** The body of a sample (the part after the blank line). */
  static String body(String name) {
    return Decoding.wireBody(name);
  }

  /** Decodes a streamed body line by line, as the body reader does. */
  static List<ResponseItem> stream(String body) {
    return Decoding.decode(new EventStreamDecoder(ENDPOINT), body);
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
