package io.github.flare4j.workersai;

import static io.github.flare4j.workersai.WorkersAiFixture.ask;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.flare4j.ChatResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reply is decoded by what arrives, not by what was asked for: the recorded wire samples served
 * as they are, over HTTP.
 */
class ContentTypeDecodingTest {
  HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** Serves a sample's body with its content type to every request. */
  private WorkersAI serving(String sample, String contentType) throws IOException {
    byte[] body = sampleBody(sample);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().add("content-type", contentType);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    return WorkersAI.builder().accountId("acc").apiToken("tok")
        .baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
        .timeouts(WorkersAiFixture.TEST_TIMEOUTS).build();
  }

  @Test
  void streamRequestAnsweredWithJsonIsReadAsOneReply() throws IOException {
    WorkersAI provider = serving("workers-ai-run.http", "application/json");

    ChatResult result = provider.stream(ask("hi")).collect();

    assertThat(result.text()).isEqualTo("tok0 tok1 tok2 tok3 ");
    assertThat(result.usage()).hasValueSatisfying(u -> assertThat(u.totalTokens()).isEqualTo(13));
  }

  @Test
  void wholeReplyRequestAnsweredWithAStreamIsReadAsAStream() throws IOException {
    WorkersAI provider = serving("workers-ai-run-stream.http", "text/event-stream");

    assertThat(provider.complete(ask("hi")).text()).isEqualTo("tok0 tok1 tok2 tok3 ");
  }

  @Test
  void openAiSampleStreamIsRead() throws IOException {
    WorkersAI provider = serving("openai-chat-stream.http", "text/event-stream");

    ChatResult result = provider.stream(ask("hi")).collect();

    assertThat(result.text()).isEqualTo("tok0 tok1 tok2 ");
    assertThat(result.finishReason().reason()).isEqualTo("stop");
  }

  private static byte[] sampleBody(String name) {
    try (InputStream in = ContentTypeDecodingTest.class.getResourceAsStream("/wire/" + name)) {
      String whole = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return whole.substring(whole.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
