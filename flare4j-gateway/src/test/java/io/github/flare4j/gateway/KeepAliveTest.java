package io.github.flare4j.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.emulator.ReplyHold;
import io.github.flare4j.workersai.WorkersAIOpenAI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * While the upstream is silent once its reply began (held by the emulator after its head and
 * first event), the gateway sends keep-alives at its interval: a comment in an OpenAI stream, a {@code ping} event in
 * an Anthropic one; once the upstream goes on, the stream ends as usual. No sleeps: each test reads
 * the stream until the keep-alive arrives, within its timeout.
 */
class KeepAliveTest extends GatewayTestBase {
  private static final String MODEL = "@cf/meta/llama-3.3-70b-instruct-fp8-fast";

  /** A gateway with Workers AI's OpenAI-compatible route (server-sent events) on the emulator. */
  private Gateway start() {
    WorkersAIOpenAI workers = WorkersAIOpenAI.builder().client(flare4j)
        .accountId(emulator.accountId()).apiToken(emulator.apiToken())
        .baseUrl(emulator.baseUrl()).build();
    return Gateway.builder().provider("workers-ai", workers).port(0)
        .keepAliveInterval(Duration.ofMillis(50)).build().start();
  }

  private String upstreamPath() {
    return "/client/v4/accounts/" + emulator.accountId() + "/ai/v1/chat/completions";
  }

  private Stream<String> stream(Gateway gateway, String path, String body) throws Exception {
    HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(
        gateway.uri().resolve(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /** Reads lines until one equals {@code wanted} (returning those read, it included). */
  private static List<String> until(Iterator<String> lines, String wanted) {
    List<String> read = new ArrayList<>();
    while (lines.hasNext()) {
      String line = lines.next();
      read.add(line);
      if (line.equals(wanted)) {
        return read;
      }
    }
    throw new AssertionError("the stream ended without " + wanted + ": " + read);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aSilentChatStreamGetsCommentsThenEndsAsUsual() throws Exception {
    try (Gateway gateway = start();
        ReplyHold hold = emulator.holdReply(upstreamPath(), 2);
        Stream<String> body = stream(gateway, "/v1/chat/completions", "{\"model\":\"" + MODEL
            + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}")) {
      Iterator<String> lines = body.iterator();
      hold.awaitHeld(Duration.ofSeconds(30));
      until(lines, ": keep-alive");
      until(lines, ": keep-alive"); // again, at its interval
      hold.release();
      List<String> rest = until(lines, "data: [DONE]");
      assertThat(String.join("\n", rest)).contains("\"content\":\"");
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aSilentAnthropicStreamGetsPingsThenEndsAsUsual() throws Exception {
    try (Gateway gateway = start();
        ReplyHold hold = emulator.holdReply(upstreamPath(), 2);
        Stream<String> body = stream(gateway, "/v1/messages", "{\"model\":\"" + MODEL
            + "\",\"max_tokens\":100,\"stream\":true,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"Hello\"}]}")) {
      Iterator<String> lines = body.iterator();
      hold.awaitHeld(Duration.ofSeconds(30));
      until(lines, "event: ping"); // the one ping every stream has, after message_start
      until(lines, "event: ping"); // so this one is a keep-alive
      assertThat(lines.next()).isEqualTo("data: {\"type\":\"ping\"}");
      hold.release();
      List<String> rest = until(lines, "event: message_stop");
      assertThat(String.join("\n", rest)).contains("\"text_delta\"");
    }
  }

  @Test
  void theIntervalMustBePositive() {
    assertThatThrownBy(() -> Gateway.builder().keepAliveInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keepAliveInterval");
  }
}
