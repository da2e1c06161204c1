package io.github.flare4j.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.error.CloudflareChallengeException;
import io.github.flare4j.error.RequestTimeoutException;
import io.github.flare4j.spi.WebSocketRelay;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A challenge that real Chromium cannot pass (the emulator's unpassable one) is reported as a
 * challenge, naming what the page showed; a page that never loads stays a timeout. Each test has a
 * wide hang guard, not a timing assertion.
 */
class ChallengeNotPassedTest {
  static final Duration SHORT = Duration.ofSeconds(8); // Chromium starts within it even on a busy machine

  ChromiumLocator locator;
  Emulator stuck;

  @BeforeEach
  void start() {
    locator = RealChromium.requireOrSkip();
    stuck = Emulator.builder().unpassableChallenge(true).start();
  }

  /** Nothing to stop when the setup was skipped (no Chromium) or failed (no Chromium on CI). */
  @AfterEach
  void stop() {
    if (stuck != null) {
      stuck.close();
      RealChromium.assertNothingLeaked();
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void anUnpassableChallengeIsAChallengeErrorNamingTheStatusAndTitle() {
    ChromiumArgsAcquirer acquirer = new ChromiumArgsAcquirer(locator);

    assertThatThrownBy(() -> acquirer.getArgs(stuck.baseUrl(), null, SHORT))
        .isInstanceOfSatisfying(CloudflareChallengeException.class, e -> {
          assertThat(e.status()).isEqualTo(403);
          assertThat(e.endpoint()).isEqualTo("GET " + stuck.baseUrl() + "/");
        })
        .hasMessageContaining("answered HTTP 403")
        .hasMessageContaining("'Just a moment...'")
        .hasMessageContaining("still shown by headless Chromium after 8 s")
        .hasMessageContaining("ChromiumOptions.windowed(true)")
        .hasMessageContaining("cf_clearance cookie")
        .hasMessageNotContaining("--");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aWindowedBrowserThatCannotPassSaysSoWithoutSuggestingTheWindow() {
    ChromiumArgsAcquirer acquirer = new ChromiumArgsAcquirer(RealChromium.withoutDisplayOrSkip(),
        ChromiumOptions.DEFAULT.windowed(true));

    assertThatThrownBy(() -> acquirer.getArgs(stuck.baseUrl(), null, SHORT))
        .isInstanceOf(CloudflareChallengeException.class)
        .hasMessageContaining("answered HTTP 403")
        .hasMessageContaining("windowed Chromium")
        .hasMessageNotContaining("windowed(true)")
        .hasMessageContaining("another network or proxy");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void theRelayReportsAnUnpassableChallengeTheSameWay() {
    ChromiumWebSocketRelay relay = new ChromiumWebSocketRelay(locator);

    assertThatThrownBy(() -> relay.open(stuck.baseUrl() + "/",
            "ws://127.0.0.1:" + stuck.port() + Emulator.AGENTS_PATH + "/stuck", null, SHORT,
            new Ignored()))
        .isInstanceOf(CloudflareChallengeException.class)
        .hasMessageContaining("answered HTTP 403")
        .hasMessageContaining("'Just a moment...'");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aPageThatNeverAnswersIsATimeoutNotAChallenge() throws IOException {
    ChromiumArgsAcquirer acquirer = new ChromiumArgsAcquirer(locator);
    List<Socket> held = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual().start(() -> {
        try {
          while (true) {
            Socket socket = silent.accept();
            synchronized (held) {
              held.add(socket);
            }
          }
        } catch (IOException closed) {
          // the test is over
        }
      });

      assertThatThrownBy(() -> acquirer.getArgs("http://127.0.0.1:" + silent.getLocalPort(), null,
              SHORT))
          .isInstanceOf(RequestTimeoutException.class)
          .isNotInstanceOf(CloudflareChallengeException.class);
    } finally {
      synchronized (held) {
        for (Socket socket : held) {
          socket.close();
        }
      }
    }
  }

  /** A listener for a socket that never opens. */
  private static final class Ignored implements WebSocketRelay.Listener {
    @Override
    public void onText(String text) {}

    @Override
    public void onClosed(int code, String reason) {}

    @Override
    public void onFailure(String message) {}
  }
}
