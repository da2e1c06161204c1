package io.github.flare4j.cloudflare;

import static io.github.flare4j.cloudflare.CloudflareAgentsTest.GREETING;
import static io.github.flare4j.cloudflare.PlaygroundFixture.TEST_TIMEOUTS;
import static io.github.flare4j.cloudflare.PlaygroundFixture.hello;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.CallOptions;
import io.github.flare4j.ChatRequest;
import io.github.flare4j.ChatResult;
import io.github.flare4j.emulator.AgentFault;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.RecordedRequest;
import io.github.flare4j.error.NetworkException;
import io.github.flare4j.error.ResponseStatusException;
import io.github.flare4j.http.ProxySpec;
import io.github.flare4j.spi.WebSocketRelay;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the Agents socket cannot take the turn (a prompt over its message limit, no socket at all)
 * the call says why or hands the turn to {@code /api/inference}, never retrying what cannot work
 * and never starting a browser that cannot help.
 */
class AgentsSocketFallbackTest {
  /** Over the emulator's 64 KiB message limit (Jetty's default), under /api/inference's. */
  static final String LONG_PROMPT = "word ".repeat(20_000);

  @TempDir Path cacheDir;
  Emulator emulator;
  final Logger flare4j = Logger.getLogger("io.github.flare4j");
  final ConcurrentLinkedQueue<String> logged = new ConcurrentLinkedQueue<>();
  final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      logged.add(new java.util.logging.SimpleFormatter().formatMessage(record));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  Level savedLevel;

  @BeforeEach
  void start() {
    emulator = Emulator.start();
    savedLevel = flare4j.getLevel();
    flare4j.setLevel(Level.INFO);
    flare4j.addHandler(handler);
  }

  @AfterEach
  void stop() {
    flare4j.removeHandler(handler);
    flare4j.setLevel(savedLevel);
    emulator.close();
  }

  Cloudflare provider(Transport transport, WebSocketRelay relay) {
    return Cloudflare.builder()
        .baseUrl(emulator.baseUrl())
        .cacheDirectory(cacheDir)
        .timeouts(TEST_TIMEOUTS)
        .transport(transport)
        .webSocketRelay(relay)
        .build();
  }

  List<String> paths() {
    return emulator.requests().stream().map(RecordedRequest::path)
        .map(path -> path.startsWith(Emulator.AGENTS_PATH) ? Emulator.AGENTS_PATH : path)
        .toList();
  }

  @Test
  void promptOverTheSocketsLimitIsRefusedOnceSayingToUseInference() {
    assertThatThrownBy(() -> provider(Transport.AGENTS, null).complete(
            ChatRequest.of(LONG_PROMPT)))
        .isInstanceOf(ResponseStatusException.class)
        .isNotInstanceOf(NetworkException.class)
        .hasMessageContaining("1009")
        .hasMessageContaining("too large for the Agents socket")
        .hasMessageContaining("inference")
        .satisfies(e -> assertThat(((ResponseStatusException) e).status()).isEqualTo(413));

    assertThat(paths()).as("not retried").containsExactly(Emulator.AGENTS_PATH);
  }

  @Test
  void autoHandsAPromptOverTheSocketsLimitToInferenceAndSaysWhy() {
    ChatResult result = provider(Transport.AUTO, null).complete(ChatRequest.of(LONG_PROMPT));

    assertThat(result.text()).startsWith("Echo: word word");
    assertThat(paths()).containsExactly(Emulator.AGENTS_PATH, Emulator.INFERENCE_PATH);
    assertThat(logged).anySatisfy(line -> assertThat(line)
        .contains("too large for the Agents socket").contains("/api/inference"));
  }

  @Test
  void noSocketWhenForcedIsThe404() {
    emulator.enqueueAgentFault(AgentFault.NO_SOCKET);

    assertThatThrownBy(() -> provider(Transport.AGENTS, null).complete(hello(),
            PlaygroundFixture.NO_RETRIES))
        .isInstanceOf(ResponseStatusException.class)
        .satisfies(e -> assertThat(((ResponseStatusException) e).status()).isEqualTo(404));
  }

  /** A 404 means there is no socket: a browser would find none either. */
  @Test
  void autoFallsBackAtOnceWhenThereIsNoSocketAndNeverStartsTheBrowser() {
    emulator.enqueueAgentFault(AgentFault.NO_SOCKET);
    FailingRelay relay = new FailingRelay();

    assertThat(provider(Transport.AUTO, relay).complete(hello()).text())
        .isEqualTo(GREETING);

    assertThat(relay.opened).as("the browser relay").hasValue(0);
    assertThat(paths()).containsExactly(Emulator.AGENTS_PATH, Emulator.INFERENCE_PATH);
    assertThat(logged).noneSatisfy(line -> assertThat(line).contains("relaying through the browser"));
  }

  /** A socket that refuses plain clients is what the relay is for; when it fails, inference answers. */
  @Test
  void relayThatFailsLeavesTheTurnToInference() {
    emulator.browsersOnlySockets(true);
    FailingRelay relay = new FailingRelay();

    assertThat(provider(Transport.AUTO, relay).complete(hello(),
            CallOptions.builder().timeout(Duration.ofSeconds(20)).build()).text())
        .isEqualTo(GREETING);

    assertThat(relay.opened).hasValue(1);
    assertThat(paths()).containsExactly(Emulator.AGENTS_PATH, Emulator.INFERENCE_PATH);
  }

  /** The browser seam, failing as a relay whose browser cannot open the socket does. */
  static final class FailingRelay implements WebSocketRelay {
    final AtomicInteger opened = new AtomicInteger();

    @Override
    public RelayedSocket open(String pageUrl, String socketUrl, ProxySpec proxy, Duration timeout,
        Listener listener) {
      opened.incrementAndGet();
      throw new NetworkException("the relay's socket closed before it opened (1006)", null);
    }
  }
}
