package io.github.flare4j.cloudflare;

import static io.github.flare4j.cloudflare.CloudflareAgentsTest.GREETING;
import static io.github.flare4j.cloudflare.PlaygroundFixture.TEST_TIMEOUTS;
import static io.github.flare4j.cloudflare.PlaygroundFixture.hello;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.emulator.AgentFault;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.error.StreamProtocolException;
import io.github.flare4j.http.Timeouts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile server on the Agents socket cannot exhaust our memory: run in the {@code bounded-memory}
 * execution, with a 64 MiB heap shared with the emulator.
 */
class HostileSocketTest {
  /** Wide limits: the flood takes seconds on a slow machine; the test asserts no time. */
  static final Timeouts PATIENT =
      new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(120), Duration.ofSeconds(120));

  @TempDir Path cacheDir;
  Emulator emulator;
  final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
  Thread.UncaughtExceptionHandler saved;

  @BeforeEach
  void start() {
    emulator = Emulator.start();
    saved = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((thread, error) -> uncaught.add(error));
  }

  @AfterEach
  void stop() {
    emulator.close();
    Thread.setDefaultUncaughtExceptionHandler(saved);
    assertThat(uncaught).as("no thread died (an OutOfMemoryError, say)").isEmpty();
  }

  Cloudflare provider(Timeouts timeouts) {
    return Cloudflare.builder()
        .baseUrl(emulator.baseUrl())
        .cacheDirectory(cacheDir)
        .timeouts(timeouts)
        .transport(Transport.AGENTS)
        .build();
  }

  /**
   * Half a million pings while the server reads nothing: a pong queued for each would be about
   * 100 MB; answering only the latest costs one slot, and the reply still comes.
   */
  @Test
  void pingFloodIsAnsweredWithoutGrowingMemoryAndTheReplyComes() {
    emulator.enqueueAgentFault(AgentFault.PING_FLOOD);

    assertThat(provider(PATIENT).complete(hello()).text()).isEqualTo(GREETING);
  }

  /**
   * A 50 MB message fails the reply as soon as it passes 1 MiB, naming the limit: a protocol error,
   * not a wait for the idle limit (2 s here) and a "stalled" timeout.
   */
  @Test
  void messageOverOneMebibyteFailsTheReplyNamingTheLimit() {
    emulator.enqueueAgentFault(AgentFault.HUGE_MESSAGE);

    assertThatThrownBy(() -> provider(TEST_TIMEOUTS).complete(hello(),
            PlaygroundFixture.NO_RETRIES))
        .isInstanceOf(StreamProtocolException.class)
        .hasMessageContaining("/agents/playground/")
        .hasMessageContaining("over the limit of 1048576 bytes (1 MiB)");
  }
}
