package io.github.flare4j.bench;

import io.github.flare4j.ReasoningDelta;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.TextDelta;
import io.github.flare4j.internal.stream.ItemBuffer;
import io.github.flare4j.internal.stream.LineReader;
import io.github.flare4j.internal.stream.SniffingDecoder;
import io.github.flare4j.internal.stream.StreamDecoder;
import io.github.flare4j.internal.workersai.EventStreamDecoder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decoding a whole streamed reply (1,000 tokens) from bytes to items, in each format a provider
 * reads (the playground's AI SDK v4 and v5 streams, Workers AI's SSE): flare4j's byte-level line
 * framing and token-loop parser against a baseline that reads lines as Strings and parses each
 * payload into a tree, as many SDKs do.
 *
 * <pre>
 * ./mvnw -B -q -pl flare4j-bench -am package -DskipTests
 * java -jar flare4j-bench/target/benchmarks.jar StreamDecoding
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StreamDecodingBenchmark {
  private static final int TOKENS = 1000;

  @Param({"v4", "v5", "workers-ai"})
  public String format;

  private byte[] body;
  private String bodyText;
  private final ObjectMapper mapper = JsonMapper.builder().build();

  @Setup
  public void setUp() {
    StringBuilder reply = new StringBuilder();
    if (format.equals("v4")) {
      reply.append("f:{\"messageId\":\"msg-1\"}\n");
      for (int i = 0; i < TOKENS; i++) {
        reply.append("0:\"tok").append(i).append(" \"\n");
      }
      reply.append("e:{\"finishReason\":\"stop\",\"usage\":{\"promptTokens\":4,\"completionTokens\":")
          .append(TOKENS).append("},\"isContinued\":false}\n");
      reply.append("d:{\"finishReason\":\"stop\",\"usage\":{\"promptTokens\":4,\"completionTokens\":")
          .append(TOKENS).append("}}\n");
    } else if (format.equals("workers-ai")) {
      for (int i = 0; i < TOKENS; i++) {
        reply.append("data: {\"response\":\"tok").append(i).append(" \",\"p\":\"abcdefghij\"}\n\n");
      }
      reply.append("data: {\"response\":\"\",\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":")
          .append(TOKENS).append(",\"total_tokens\":").append(TOKENS + 4).append("}}\n\n");
      reply.append("data: [DONE]\n\n");
    } else {
      reply.append("data: {\"type\":\"start\",\"messageId\":\"msg-1\"}\n\n");
      reply.append("data: {\"type\":\"text-start\",\"id\":\"t\"}\n\n");
      for (int i = 0; i < TOKENS; i++) {
        reply.append("data: {\"type\":\"text-delta\",\"id\":\"t\",\"delta\":\"tok").append(i)
            .append(" \"}\n\n");
      }
      reply.append("data: {\"type\":\"finish\",\"finishReason\":\"stop\",\"messageMetadata\":")
          .append("{\"usage\":{\"inputTokens\":4,\"outputTokens\":").append(TOKENS)
          .append(",\"totalTokens\":").append(TOKENS + 4).append("}}}\n\n");
      reply.append("data: [DONE]\n\n");
    }
    bodyText = reply.toString();
    body = bodyText.getBytes(StandardCharsets.UTF_8);
  }

  /** flare4j: the decoder the providers use. */
  @Benchmark
  public void flare4j(Blackhole sink) throws IOException {
    LineReader lines = new LineReader(new Buffer().write(body));
    StreamDecoder decoder = format.equals("workers-ai")
        ? new EventStreamDecoder("bench")
        : new SniffingDecoder("bench");
    ItemBuffer items = new ItemBuffer();
    while (lines.next()) {
      decoder.line(lines.buffer(), 0, lines.length(), items);
      for (ResponseItem item = items.poll(); item != null; item = items.poll()) {
        sink.consume(item);
      }
    }
    decoder.end(items);
    for (ResponseItem item = items.poll(); item != null; item = items.poll()) {
      sink.consume(item);
    }
  }

  /** Baseline: a String per line, a tree per payload, then the item. */
  @Benchmark
  public void treePerLine(Blackhole sink) throws IOException {
    BufferedReader reader = new BufferedReader(new StringReader(new String(body, StandardCharsets.UTF_8)));
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("data: ")) {
        String data = line.substring(6);
        if (data.equals("[DONE]")) {
          continue;
        }
        JsonNode chunk = mapper.readTree(data);
        String type = chunk.path("type").asString();
        if (chunk.has("response")) {
          sink.consume(new TextDelta(chunk.path("response").asString()));
        } else if (type.equals("text-delta")) {
          sink.consume(new TextDelta(chunk.path("delta").asString()));
        } else if (type.equals("reasoning-delta")) {
          sink.consume(new ReasoningDelta(chunk.path("delta").asString()));
        } else {
          sink.consume(chunk);
        }
      } else {
        int colon = line.indexOf(':');
        JsonNode value = mapper.readTree(line.substring(colon + 1));
        if (line.charAt(0) == '0') {
          sink.consume(new TextDelta(value.asString()));
        } else {
          sink.consume(value);
        }
      }
    }
  }
}
