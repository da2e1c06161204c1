package io.github.flare4j.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.Flare4j;
import io.github.flare4j.cloudflare.Cloudflare;
import io.github.flare4j.emulator.Emulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * close() while an answer is being written: the answer is several MiB and the client does not
 * read, so the route is blocked in its write (back-pressure) when close() begins. With a grace
 * period the answer completes while close() runs; without one it is cut.
 */
class GracefulShutdownTest {
  static final int MODELS = 40_000;

  @TempDir Path cacheDir;
  Emulator emulator;
  Flare4j flare4j;

  @BeforeEach
  void start() {
    emulator = Emulator.start();
    emulator.models(IntStream.range(0, MODELS)
        .mapToObj(i -> "@cf/test/model-with-a-long-name-" + i).toList());
    flare4j = Flare4j.builder().cacheDirectory(cacheDir).noBrowser().build();
  }

  @AfterEach
  void stop() {
    flare4j.close();
    emulator.close();
  }

  Gateway gateway(Duration grace) {
    Cloudflare playground = Cloudflare.builder().client(flare4j).baseUrl(emulator.baseUrl()).build();
    return Gateway.builder().provider("playground", playground).port(0).shutdownGrace(grace)
        .build().start();
  }

  @Test
  void anAnswerInProgressCompletesWhileCloseRuns() throws Exception {
    Gateway gateway = gateway(Duration.ofSeconds(30));
    String answer;
    CompletableFuture<Void> closing;
    try (Socket client = slowClient(gateway)) {
      closing = closeWhenItIsWriting(gateway);
      assertThat(closing).as("close() waits for the answer being written").isNotDone();
      answer = readAll(client);
    }
    closing.get(60, TimeUnit.SECONDS);
    assertThat(answer).startsWith("HTTP/1.1 200");
    String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
    assertThat(body).as("the whole list, to its end").startsWith("{\"object\":\"list\"")
        .endsWith("]}").contains("model-with-a-long-name-" + (MODELS - 1) + "\"");
  }

  @Test
  void withoutGraceTheAnswerIsCut() throws Exception {
    Gateway gateway = gateway(Duration.ZERO);
    String answer;
    CompletableFuture<Void> closing;
    try (Socket client = slowClient(gateway)) {
      closing = closeWhenItIsWriting(gateway);
      answer = readAll(client);
    }
    closing.get(60, TimeUnit.SECONDS);
    assertThat(answer).as("cut: nothing, or part of the list").doesNotContain(
        "model-with-a-long-name-" + (MODELS - 1) + "\"").doesNotEndWith("]}");
  }

  /** Asks for the models with a tiny receive buffer, reading nothing yet. */
  private Socket slowClient(Gateway gateway) throws IOException {
    Socket client = new Socket();
    client.setReceiveBufferSize(2048);
    client.connect(new InetSocketAddress("127.0.0.1", gateway.port()));
    OutputStream out = client.getOutputStream();
    out.write(("GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return client;
  }

  /**
   * Once the route asked the emulator for the list (so the request is in progress), closes the gateway
   * on another thread, and returns when the gateway no longer accepts connections.
   */
  private CompletableFuture<Void> closeWhenItIsWriting(Gateway gateway) {
    emulator.takeRequest(); // the route asks the playground for its models: it is running
    int port = gateway.port();
    CompletableFuture<Void> closing = CompletableFuture.runAsync(gateway::close);
    for (int attempt = 0; ; attempt++) {
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      } catch (ConnectException refused) {
        return closing;
      } catch (IOException other) {
        // a connection cut while it was being made: try again
      }
      assertThat(attempt).as("the gateway still accepts connections while closing")
          .isLessThan(100_000);
    }
  }

  private static String readAll(Socket client) throws IOException {
    InputStream in = client.getInputStream();
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException cut) {
      return "(cut: " + cut.getClass().getSimpleName() + ")";
    }
  }
}
