package io.github.flare4j.cloudflare;

import static io.github.flare4j.cloudflare.PlaygroundFixture.hello;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.ChatStream;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.ResponseStart;
import io.github.flare4j.TextDelta;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.ReplyHold;
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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Closing a stream early cancels its HTTP call. */
class CloudflareCancelTest {
  /** How long a test waits for a signal: generous, only a hang reaches it. */
  static final Duration WAIT = Duration.ofSeconds(20);

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
    try (ChatStream stream = cloudflare.stream(hello())) {
      assertThat(emulator.requestCount()).isZero();
    }
    assertThat(emulator.requestCount()).isZero();
  }

  @Test
  void completeReplyReturnsItsConnectionToThePool() {
    cloudflare.complete(hello());

    assertThat(client.connectionPool().idleConnectionCount()).isEqualTo(1);
  }

  /**
   * The reply is held by the emulator after its first frames, so the close comes while the reply is
   * known to be under way: the call is cancelled (its connection is not kept for reuse), and the
   * emulator sees the connection go.
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS) // a close that waited for the rest would hang
  void closingAfterTheFirstItemDiscardsTheConnection() {
    try (ReplyHold hold = emulator.holdReply(Emulator.INFERENCE_PATH, 3)) {
      try (ChatStream stream = cloudflare.stream(hello())) {
        Iterator<ResponseItem> items = stream.iterator();
        assertThat(items.next()).isInstanceOf(ResponseStart.class);
        assertThat(items.next()).isInstanceOf(TextDelta.class);
        hold.awaitHeld(WAIT);
      }

      assertThat(client.connectionPool().connectionCount())
          .as("a cancelled call's connection is not kept for reuse")
          .isZero();
    }
    emulator.awaitConnectionsClosed(1, WAIT);
  }

  /**
   * A reader blocked on a reply that sends nothing more (held by the emulator) is let go by a close
   * from another thread: the close comes only once the reader is parked in its read.
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void closeFromAnotherThreadUnblocksAStalledRead() throws Exception {
    try (ReplyHold hold = emulator.holdReply(Emulator.INFERENCE_PATH, 3)) {
      ChatStream stream = cloudflare.stream(hello());
      Iterator<ResponseItem> items = stream.iterator();
      assertThat(items.next()).isInstanceOf(ResponseStart.class);
      assertThat(items.next()).isInstanceOf(TextDelta.class);
      hold.awaitHeld(WAIT);

      CompletableFuture<Integer> read = new CompletableFuture<>();
      Thread reader = Thread.ofVirtual().start(() -> {
        int more = 0;
        try {
          while (items.hasNext()) {
            items.next();
            more++;
          }
          read.complete(more);
        } catch (Throwable t) {
          read.completeExceptionally(t);
        }
      });
      awaitParked(reader);
      stream.close();

      assertThat(read.get(20, TimeUnit.SECONDS)).as("items after the first, all sent before the hold")
          .isLessThanOrEqualTo(2);
      assertThat(stream.isClosed()).isTrue();
    }
  }

  /**
   * Waits, up to a generous bound, until {@code reader} (a virtual thread) is parked: with nothing
   * more to read, that is in its socket read (timed, as the read has a timeout). Fails if it ends
   * first.
   */
  static void awaitParked(Thread reader) {
    long until = System.nanoTime() + WAIT.toNanos();
    while (reader.getState() != Thread.State.WAITING
        && reader.getState() != Thread.State.TIMED_WAITING) { // a read with a timeout is timed
      assertThat(reader.isAlive()).as("the reader waits for more").isTrue();
      assertThat(System.nanoTime() - until).as("the reader parks in its read").isNegative();
      Thread.onSpinWait();
    }
  }
}
