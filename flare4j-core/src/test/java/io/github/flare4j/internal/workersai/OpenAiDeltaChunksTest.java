package io.github.flare4j.internal.workersai;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.ReasoningDelta;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.TextDelta;
import io.github.flare4j.internal.stream.ItemBuffer;
import io.github.flare4j.internal.stream.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The OpenAI chunk fast path: it takes the common chunks, gives way on everything else, and never
 * gives another result than {@link CompletionReader} alone.
 */
class OpenAiDeltaChunksTest {
  private static final String HEAD = "{\"id\":\"chatcmpl-25FS4gLR0QJYds2Fvtv1eQct\",\"object\":\"chat.completion.chunk\","
      + "\"created\":1795675082,\"model\":\"@cf/meta/llama-3.1-8b-instruct-fp8\",\"choices\":[{\"index\":0,\"delta\":";
  private static final String TAIL = ",\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}";

  /** A chunk as Workers AI sends it, with this delta object. */
  private static String chunk(String delta) {
    return HEAD + delta + TAIL;
  }

  private static List<ResponseItem> fast(String json) {
    ItemBuffer out = new ItemBuffer();
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    if (!new OpenAiDeltaChunks().tryDecode(bytes, 0, bytes.length, out)) {
      assertThat(out.isEmpty()).as("nothing added when giving way").isTrue();
      return null;
    }
    return drain(out);
  }

  @Test
  void takesTheCommonTextChunk() {
    assertThat(fast(chunk("{\"content\":\"tok0 \"}"))).containsExactly(new TextDelta("tok0 "));
  }

  @Test
  void takesTheFirstChunkWithRoleAndEmptyContentGivingNothing() {
    assertThat(fast(chunk("{\"role\":\"assistant\",\"content\":\"\"}"))).isEmpty();
    assertThat(fast(chunk("{}"))).isEmpty();
    assertThat(fast(chunk("{\"content\":null}"))).isEmpty();
  }

  @Test
  void takesReasoningAsReasoning() {
    assertThat(fast(chunk("{\"reasoning_content\":\"hmm \"}"))).containsExactly(new ReasoningDelta("hmm "));
    assertThat(fast(chunk("{\"reasoning\":\"hmm \"}"))).containsExactly(new ReasoningDelta("hmm "));
    assertThat(fast(chunk("{\"reasoning_content\":\"a\",\"content\":\"b\"}")))
        .containsExactly(new ReasoningDelta("a"), new TextDelta("b"));
  }

  @Test
  void takesRawUtf8IncludingCharactersOutsideTheBmp() {
    assertThat(fast(chunk("{\"content\":\"café 中文 😀 \u2028\"}")))
        .containsExactly(new TextDelta("café 中文 😀 \u2028"));
  }

  @Test
  void takesChunksWithMembersInAnotherOrderOrMissing() {
    assertThat(fast("{\"choices\":[{\"delta\":{\"content\":\"x\"},\"index\":0}]}"))
        .containsExactly(new TextDelta("x"));
    assertThat(fast("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}],\"system_fingerprint\":null,"
        + "\"created\":-0,\"id\":\"a\"}")).containsExactly(new TextDelta("x"));
  }

  @Test
  void aChunkLikeTheLastButForItsTextGivesTheSameKindOfItem() {
    List<String> events = List.of(
        chunk("{\"content\":\"a\"}"),
        chunk("{\"content\":\"bé😀\"}"),
        chunk("{\"content\":\"\"}"),
        chunk("{\"content\":\"say \\\"hi\\\"\"}"),
        chunk("{\"content\":\"c\"}") + " ",
        chunk("{\"content\":\"d\"}").replace("\"usage\":null", "\"usage\":nul"),
        chunk("{\"reasoning_content\":\"r\"}"),
        chunk("{\"reasoning_content\":\"s\"}"),
        chunk("{\"content\":\"e\"}"),
        chunk("{\"content\":\"f\u0001\"}"));
    OpenAiDeltaChunks chunks = new OpenAiDeltaChunks();
    List<Boolean> taken = new ArrayList<>();
    List<ResponseItem> items = new ArrayList<>();
    for (String event : events) {
      byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
      ItemBuffer out = new ItemBuffer();
      taken.add(chunks.tryDecode(bytes, 0, bytes.length, out));
      items.addAll(drain(out));
    }
    assertThat(taken).containsExactly(true, true, true, false, false, false, true, true, true, false);
    assertThat(items).containsExactly(new TextDelta("a"), new TextDelta("bé😀"), new ReasoningDelta("r"),
        new ReasoningDelta("s"), new TextDelta("e"));
    assertThat(both(events.subList(0, 4))).isTrue();
    assertThat(both(events.subList(6, 10))).isTrue();
  }

  @Test
  void membersBeforeTheChoicesAreRememberedOnlyAsFarAsTheyAgree() {
    String head = "{\"id\":\"a\",\"created\":1,\"choices\":";
    List<String> events = List.of(
        head + "[{\"index\":0,\"delta\":{\"content\":\"x\"}}],\"usage\":null}",
        head + "[{\"index\":0,\"delta\":{\"content\":\"y\"}}]}",
        head + "[{\"index\":0,\"delta\":{\"content\":\"z\"}}],\"choices\":[]}",
        head + "[{\"index\":0,\"delta\":{\"content\":\"w\"}}],\"usage\":{\"prompt_tokens\":1}}",
        head + "[{\"index\":0,\"delta\":{\"content\":\"v\\n\"}}]}",
        head + "[{\"index\":0,\"delta\":{\"content\":\"u\"}}]",
        "{\"id\":\"a\",\"created\":12,\"choices\":[{\"index\":0,\"delta\":{\"content\":\"t\"}}]}",
        "{\"id\":\"a\",\"created\":1,\"choices\":[{\"index\":0,\"delta\":{\"content\":\"s\"}}]}");
    OpenAiDeltaChunks chunks = new OpenAiDeltaChunks();
    List<Boolean> taken = new ArrayList<>();
    for (String event : events) {
      byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
      taken.add(chunks.tryDecode(bytes, 0, bytes.length, new ItemBuffer()));
    }
    assertThat(taken).containsExactly(true, true, false, false, false, false, true, true);
    assertThat(both(events.subList(0, 3))).isTrue();
    assertThat(both(List.of(events.get(0), events.get(3), events.get(1)))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // escapes of every kind: the parser unescapes
      "{\"content\":\"say \\\"hi\\\"\"}",
      "{\"content\":\"a\\nb\"}",
      "{\"content\":\"caf\\u00e9\"}",
      "{\"content\":\"\\ud83d\\ude00\"}",
      "{\"content\":\"a\\/b\"}",
      "{\"reasoning_content\":\"x\\\\y\"}",
      // tool calls, refusals, unknown members
      "{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}]}",
      "{\"refusal\":null}",
      "{\"content\":\"x\",\"role\":1}",
      "{\"content\":{\"answer\":1}}",
      "{\"content\":1}",
      // spaces
      "{\"content\": \"x\"}",
      "{ \"content\":\"x\"}",
  })
  void givesWayOnUnusualDeltas(String delta) {
    String json = chunk(delta);
    assertThat(fast(json)).as(json).isNull();
    assertThat(both(List.of(json))).as(json).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // a finish reason, usage, two choices, no choice, an error
      "{\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null}",
      "{\"id\":\"a\",\"choices\":[],\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":3,\"total_tokens\":7}}",
      "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}},{\"index\":1,\"delta\":{\"content\":\"b\"}}]}",
      "{\"choices\":[]}",
      "{\"error\":\"boom\"}",
      "{\"errors\":[{\"code\":1,\"message\":\"boom\"}]}",
      "{\"response\":\"x\",\"p\":\"a\\\"\"}",
      "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}],\"choices\":[{\"index\":0,\"delta\":{\"content\":\"b\"}}]}",
      "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"a\"}}]}",
      "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"},\"logprobs\":{\"content\":[]}}]}",
      // numbers the parser must judge
      "{\"created\":1.5,\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}",
      "{\"created\":01,\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}",
      "{\"created\":1e3,\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}",
      "{\"created\":-,\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}",
      // not an object, cut short, or with something after it
      "[]",
      "{}",
      "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]",
      "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}x",
      "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]} ",
      "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a}}]}",
      "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}],}",
      "{\"model\":nul,\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}",
      "{\"model\":nullx,\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}",
      "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\",\"reasoning\":\"b\",\"reasoning_content\":\"c\"}}]}",
  })
  void givesWayOnUnusualChunks(String json) {
    assertThat(fast(json)).as(json).isNull();
    assertThat(both(List.of(json))).as(json).isTrue();
  }

  @Test
  void givesWayOnControlCharactersInsideStrings() {
    String json = chunk("{\"content\":\"a\u0001b\"}");
    assertThat(fast(json)).isNull();
    assertThat(both(List.of(json))).isTrue();
  }

  @Test
  void fastPathAndParserAgreeOnManyGeneratedStreams() {
    Random random = new Random(20261206);
    int fastTaken = 0;
    int chunks = 0;
    for (int stream = 0; stream < 2_000; stream++) {
      List<String> events = new ArrayList<>();
      int n = 1 + random.nextInt(12);
      String id = "chatcmpl-" + random.nextInt(1000);
      for (int i = 0; i < n; i++) {
        String json = new Generator(random, id).chunk();
        events.add(json);
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        if (new OpenAiDeltaChunks().tryDecode(bytes, 0, bytes.length, new ItemBuffer())) {
          fastTaken++;
        }
        chunks++;
      }
      assertThat(both(events)).as(String.join("\n", events)).isTrue();
    }
    // the generator must exercise both paths
    assertThat(fastTaken).isGreaterThan(chunks / 5).isLessThan(chunks * 4 / 5);
  }

  /**
   * Decodes the events through the decoder (fast paths first) and through the parser alone, then
   * ends the reply, and compares the items and any error; true when they agree.
   */
  private static boolean both(List<String> events) {
    Outcome fast = decode(events, true);
    Outcome slow = decode(events, false);
    assertThat(fast).isEqualTo(slow);
    return true;
  }

  private record Outcome(List<ResponseItem> items, String error) {}

  private static Outcome decode(List<String> events, boolean fastPaths) {
    EventStreamDecoder decoder = new EventStreamDecoder(WireSamples.ENDPOINT);
    CompletionReader reader = new CompletionReader(WireSamples.ENDPOINT);
    ItemBuffer out = new ItemBuffer();
    List<ResponseItem> items = new ArrayList<>();
    try {
      for (String event : events) {
        byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
        if (fastPaths) {
          decoder.data(bytes, 0, bytes.length, out);
        } else {
          try (JsonParser parser = Json.parser(bytes, 0, bytes.length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
              throw Json.malformed("event from " + WireSamples.ENDPOINT, bytes, 0, bytes.length, null);
            }
            reader.object(parser, out);
          } catch (JacksonException e) {
            throw Json.malformed("event from " + WireSamples.ENDPOINT, bytes, 0, bytes.length, e);
          }
        }
        items.addAll(drain(out));
      }
      if (fastPaths) {
        decoder.done(out);
      } else {
        reader.finish(out);
      }
      items.addAll(drain(out));
      return new Outcome(items, null);
    } catch (RuntimeException e) {
      items.addAll(drain(out));
      return new Outcome(items, e.getClass().getName() + ": " + e.getMessage());
    }
  }

  private static List<ResponseItem> drain(ItemBuffer out) {
    List<ResponseItem> items = new ArrayList<>();
    for (ResponseItem item = out.poll(); item != null; item = out.poll()) {
      items.add(item);
    }
    return items;
  }

  /** Random chunks: mostly the common shapes, with every kind of oddity now and then. */
  private static final class Generator {
    private static final String[] PIECES = {
        "The ", "quick ", "a", " ", "", "\"", "\\", "/", "\n", "\t", "\u0001", "\u001f", "é", "中", "😀",
        "\u2028", "\u00ff", "{", "}", "[", "]", ",", ":", "null", "0",
    };
    private final Random random;
    private final String id;
    private final StringBuilder out = new StringBuilder();

    /** A generator of chunks of one stream, which mostly have the stream's id. */
    Generator(Random random, String id) {
      this.random = random;
      this.id = id;
    }

    private boolean chance(double p) {
      return random.nextDouble() < p;
    }

    String chunk() {
      if (chance(0.02)) {
        return "data that is not json" + random.nextInt(10);
      }
      List<Runnable> members = new ArrayList<>();
      if (chance(0.9)) {
        members.add(() -> member("id", () -> string(chance(0.9) ? id : "chatcmpl-" + random.nextInt(1000))));
      }
      if (chance(0.9)) {
        members.add(() -> member("object", () -> string("chat.completion.chunk")));
      }
      if (chance(0.9)) {
        members.add(() -> member("created", () -> {
          if (chance(0.8)) {
            out.append(1_795_675_082);
          } else {
            number();
          }
        }));
      }
      if (chance(0.9)) {
        members.add(() -> member("model", () -> string("@cf/meta/llama-3.1-8b-instruct-fp8")));
      }
      if (chance(0.1)) {
        members.add(() -> member("system_fingerprint", () -> scalar()));
      }
      if (chance(0.03)) {
        members.add(() -> member(chance(0.5) ? "extra" : "response", () -> scalar()));
      }
      if (chance(0.95)) {
        members.add(() -> member("choices", this::choices));
      }
      if (chance(0.8)) {
        members.add(() -> member("usage", () -> {
          if (chance(0.9)) {
            out.append("null");
          } else {
            out.append("{\"prompt_tokens\":").append(random.nextInt(50)).append(",\"completion_tokens\":")
                .append(random.nextInt(50)).append(",\"total_tokens\":").append(random.nextInt(100)).append('}');
          }
        }));
      }
      if (chance(0.2)) {
        java.util.Collections.shuffle(members, random);
      }
      object(members);
      if (chance(0.03)) {
        out.setLength(Math.max(0, out.length() - 1 - random.nextInt(3)));
      } else if (chance(0.02)) {
        out.append(chance(0.5) ? " " : "x");
      }
      return out.toString();
    }

    private void choices() {
      int n = chance(0.9) ? 1 : random.nextInt(3);
      out.append('[');
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          out.append(',');
        }
        List<Runnable> members = new ArrayList<>();
        int index = i;
        if (chance(0.9)) {
          members.add(() -> member("index", () -> out.append(index)));
        }
        members.add(() -> member(chance(0.97) ? "delta" : "message", this::delta));
        if (chance(0.8)) {
          members.add(() -> member("logprobs", () -> out.append(chance(0.95) ? "null" : "{\"content\":[]}")));
        }
        if (chance(0.8)) {
          members.add(() -> member("finish_reason", () -> {
            if (chance(0.9)) {
              out.append("null");
            } else {
              string(chance(0.5) ? "stop" : "length");
            }
          }));
        }
        if (chance(0.1)) {
          java.util.Collections.shuffle(members, random);
        }
        object(members);
      }
      out.append(']');
    }

    private void delta() {
      List<Runnable> members = new ArrayList<>();
      if (chance(0.1)) {
        members.add(() -> member("role", () -> string("assistant")));
      }
      if (chance(0.15)) {
        members.add(() -> member(chance(0.5) ? "reasoning_content" : "reasoning", this::text));
      }
      if (chance(0.85)) {
        members.add(() -> member("content", this::text));
      }
      if (chance(0.05)) {
        members.add(() -> member("tool_calls", () -> {
          out.append("[{\"index\":").append(random.nextInt(2)).append(",\"id\":");
          string(chance(0.5) ? "call_1" : "");
          out.append(",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":");
          text();
          out.append("}}]");
        }));
      }
      if (chance(0.02)) {
        members.add(() -> member("refusal", () -> out.append("null")));
      }
      if (chance(0.2)) {
        java.util.Collections.shuffle(members, random);
      }
      object(members);
    }

    private void text() {
      if (chance(0.05)) {
        out.append("null");
        return;
      }
      if (chance(0.02)) {
        out.append(random.nextInt(10));
        return;
      }
      StringBuilder text = new StringBuilder();
      int n = random.nextInt(4);
      for (int i = 0; i < n; i++) {
        // mostly plain words, sometimes anything
        text.append(chance(0.95) ? PIECES[random.nextInt(4)] : PIECES[random.nextInt(PIECES.length)]);
      }
      string(text.toString());
    }

    private void scalar() {
      switch (random.nextInt(5)) {
        case 0 -> out.append("null");
        case 1 -> out.append(chance(0.5) ? "true" : "false");
        case 2 -> number();
        default -> string("fp_" + random.nextInt(100));
      }
    }

    private void number() {
      switch (random.nextInt(10)) {
        case 0 -> out.append("1.5");
        case 1 -> out.append("-0");
        case 2 -> out.append("01");
        case 3 -> out.append("1e3");
        default -> out.append(1_700_000_000 + random.nextInt(100_000_000));
      }
    }

    private void member(String name, Runnable value) {
      string(name);
      out.append(':');
      if (chance(0.01)) {
        out.append(' ');
      }
      value.run();
    }

    private void object(List<Runnable> members) {
      out.append('{');
      for (int i = 0; i < members.size(); i++) {
        if (i > 0) {
          out.append(chance(0.005) ? ", " : ",");
        }
        members.get(i).run();
      }
      out.append('}');
    }

    /** A JSON string literal, escaped as JSON requires, with optional escapes now and then. */
    private void string(String value) {
      out.append('"');
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '"' || c == '\\') {
          out.append('\\').append(c);
        } else if (c == '\n' && chance(0.5)) {
          out.append("\\n");
        } else if (c < 0x20 && chance(0.97)) {
          out.append(String.format("\\u%04x", (int) c)); // else raw, which JSON forbids
        } else if (c == '/' && chance(0.03)) {
          out.append("\\/");
        } else if (c > 0x7f && chance(0.2)) {
          out.append(String.format("\\u%04x", (int) c)); // surrogates escaped one by one, as pairs
        } else {
          out.append(c);
        }
      }
      out.append('"');
    }
  }
}
