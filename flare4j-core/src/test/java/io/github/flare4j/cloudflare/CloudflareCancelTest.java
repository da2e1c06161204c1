package io.github.flare4j.cloudflare;

import static io.github.flare4j.cloudflare.PlaygroundFixture.hello;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.ChatStream;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.TextDelta;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.Fault;
import io.github.flare4j.internal.http.HttpClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing a stream early cancels its HTTP call. */
class CloudflareCancelTest {
  @TempDir Path cacheDir;
  Emulator emulator;
  OkHttpClient client;
  Cloudflare cloudflare;

  @BeforeEach
  void start() {
    emulator = Emulator.start();
    client = HttpClients.newSharedClient();
    cloudflare = Cloudflare.builder()
        .baseUrl(emulator.baseUrl())
        .cacheDirectory(cacheDir)
        .httpClient(client)
        .transport(Transport.INFERENCE)
        .build();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void nothingIsSentUntilTheFirstItemIsRead() {
    try (ChatStream stream = cloudflare.createAsyncGenerator(hello())) {
      assertThat(emulator.requestCount()).isZero();
    }
    assertThat(emulator.requestCount()).isZero();
  }

  @Test
  void completeReplyReturnsItsConnectionToThePool() {
    cloudflare.createCompletion(hello());

    assertThat(client.connectionPool().idleConnectionCount()).isEqualTo(1);
  }

  @Test
  void closingAfterTheFirstItemDiscardsTheConnection() {
    emulator.tokenDelay(Duration.ofMillis(100));
    try (ChatStream stream = cloudflare.createAsyncGenerator(hello())) {
      Iterator<ResponseItem> items = stream.iterator();
      assertThat(items.next()).isInstanceOf(TextDelta.class);
    }

    assertThat(client.connectionPool().connectionCount())
        .as("a cancelled call's connection is not kept for reuse")
        .isZero();
  }

  @Test
  void closeFromAnotherThreadUnblocksAStalledRead() throws Exception {
    emulator.enqueueFault(Fault.STALL);
    ChatStream stream = cloudflare.createAsyncGenerator(hello());
    Iterator<ResponseItem> items = stream.iterator();
    assertThat(items.next()).isInstanceOf(TextDelta.class);

    CompletableFuture<Boolean> reader = CompletableFuture.supplyAsync(() -> {
      while (items.hasNext()) {
        items.next();
      }
      return true;
    });
    stream.close();

    assertThat(reader.get(20, TimeUnit.SECONDS)).isTrue();
    assertThat(stream.isClosed()).isTrue();
  }
}
