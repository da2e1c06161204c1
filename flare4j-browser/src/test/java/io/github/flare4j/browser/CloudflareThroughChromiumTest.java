package io.github.flare4j.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.CallOptions;
import io.github.flare4j.ChatRequest;
import io.github.flare4j.ChatResult;
import io.github.flare4j.ChatStream;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.ResponseStart;
import io.github.flare4j.TextDelta;
import io.github.flare4j.cloudflare.Cloudflare;
import io.github.flare4j.cloudflare.Transport;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.RecordedRequest;
import io.github.flare4j.http.Timeouts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Cloudflare provider end to end through the emulator's JavaScript challenge, with real
 * headless Chromium: over {@code /api/inference}, over the Agents socket, and over the Agents
 * socket relayed through the page when plain clients are refused.
 */
class CloudflareThroughChromiumTest {
  static final String GREETING = "Hello! I am the flare4j emulator. How can I help you today?";
  static final Timeouts TIMEOUTS =
      new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5));

  @TempDir Path cacheDir;
  ChromiumLocator locator;
  Emulator emulator;

  @BeforeEach
  void start() {
    locator = RealChromium.requireOrSkip();
    emulator = Emulator.builder().challenge(true).start();
  }

  @AfterEach
  void stop() {
    if (emulator != null) {
      emulator.close();
      RealChromium.assertNothingLeaked();
    }
  }

  Cloudflare provider(Transport transport, ChromiumLocator browser) {
    return Cloudflare.builder()
        .baseUrl(emulator.baseUrl())
        .cacheDirectory(cacheDir)
        .timeouts(TIMEOUTS)
        .transport(transport)
        .argsAcquirer(new ChromiumArgsAcquirer(browser))
        .webSocketRelay(new ChromiumWebSocketRelay(browser))
        .build();
  }

  static ChatRequest hello() {
    return ChatRequest.of("Hello");
  }

  /** A minute for the whole call, the browser's start included. */
  static final CallOptions CALL = CallOptions.builder().timeout(Duration.ofSeconds(60)).build();

  @Test
  void inferenceAnswersThroughTheChallenge() {
    ChatResult result = provider(Transport.INFERENCE, locator).complete(hello(), CALL);

    assertThat(result.text()).isEqualTo(GREETING);
    RecordedRequest post = emulator.requests().stream()
        .filter(request -> request.path().equals("/api/inference")).findFirst().orElseThrow();
    assertThat(post.cookies()).containsKey("cf_clearance");
    assertThat(post.header("User-Agent")).contains("Chrome/").doesNotContain("Headless");
  }

  @Test
  void agentsAnswerThroughTheChallengeWithTheBrowsersCookies() {
    Cloudflare cloudflare = provider(Transport.AUTO, locator);

    assertThat(cloudflare.complete(hello(), CALL).text()).isEqualTo(GREETING);

    RecordedRequest upgrade = sockets().getFirst();
    assertThat(upgrade.cookies()).containsKey("cf_clearance");
    assertThat(upgrade.header("Pragma")).isNull();
    assertThat(cloudflare.workedTransport()).contains(Transport.AGENTS);
  }

  @Test
  void agentsRunInTheBrowserWhenPlainClientsAreRefused() {
    emulator.browsersOnlySockets(true);

    ChatResult result = provider(Transport.AGENTS, locator).complete(hello(), CALL);

    assertThat(result.text()).isEqualTo(GREETING);
    assertThat(result.finishReason().reason()).isEqualTo("stop");
    List<RecordedRequest> sockets = sockets();
    assertThat(sockets).hasSize(2);
    assertThat(sockets.get(1).header("Origin")).isEqualTo(emulator.baseUrl());
    assertThat(sockets.get(1).header("User-Agent")).contains("Chrome/").doesNotContain("Headless");
  }

  @Test
  void relayedRepliesStreamItemByItemAndCancelReachesTheAgent() {
    emulator.browsersOnlySockets(true);
    emulator.tokenDelay(Duration.ofMillis(300));

    try (ChatStream stream = provider(Transport.AGENTS, locator).stream(hello(), CALL)) {
      Iterator<ResponseItem> items = stream.iterator();
      assertThat(items.next()).isInstanceOf(ResponseStart.class);
      assertThat(items.next()).isInstanceOf(TextDelta.class);
    }

    String cancel = null;
    for (int i = 0; i < 10 && cancel == null; i++) {
      String frame = emulator.takeAgentFrame(Duration.ofSeconds(10));
      if (frame.contains("cf_agent_chat_request_cancel")) {
        cancel = frame;
      }
    }
    assertThat(cancel).isNotNull();
  }

  private List<RecordedRequest> sockets() {
    return emulator.requests().stream()
        .filter(request -> request.path().startsWith(Emulator.AGENTS_PATH)).toList();
  }
}
