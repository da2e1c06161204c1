package io.github.flare4j.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.cloudflare.Cloudflare;
import io.github.flare4j.cloudflare.Transport;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.error.CloudflareChallengeException;
import io.github.flare4j.error.MissingRequirementsException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider with the browser module but no Chromium (an empty PATH): runs everywhere. */
class CloudflareWithoutChromiumTest {
  @TempDir Path cacheDir;
  final Emulator emulator = Emulator.start();
  final ChromiumLocator none = new ChromiumLocator(Map.of("PATH", ""));

  @AfterEach
  void stop() {
    emulator.close();
  }

  Cloudflare provider(Transport transport) {
    return Cloudflare.builder()
        .baseUrl(emulator.baseUrl())
        .cacheDirectory(cacheDir)
        .transport(transport)
        .argsAcquirer(new ChromiumArgsAcquirer(none))
        .webSocketRelay(new ChromiumWebSocketRelay(none))
        .build();
  }

  @Test
  void withoutAChallengeTheDefaultHeadersAnswer() {
    assertThat(provider(Transport.INFERENCE).complete(ChatRequest.of("hi")).text())
        .isEqualTo("Echo: hi");
  }

  @Test
  void aChallengeSaysABrowserIsNeededAndNoneWasFound() {
    emulator.challenge(true);

    assertThatThrownBy(() -> provider(Transport.INFERENCE).complete(ChatRequest.of("hi")))
        .isInstanceOf(CloudflareChallengeException.class)
        .hasMessageContaining("A browser is needed to pass it and none was found")
        .hasMessageContaining("No Chromium found")
        .hasMessageContaining("apt-get install chromium")
        .hasCauseInstanceOf(MissingRequirementsException.class);
  }

  @Test
  void autoFallsBackToInferenceWhenTheSocketIsRefusedAndNoBrowserCanRelayIt() {
    emulator.browsersOnlySockets(true);

    assertThat(provider(Transport.AUTO).complete(ChatRequest.of("hi")).text())
        .isEqualTo("Echo: hi");
  }

  @Test
  void agentsForcedWithoutABrowserToRelaySaysChromiumIsMissing() {
    emulator.browsersOnlySockets(true);

    assertThatThrownBy(() -> provider(Transport.AGENTS).complete(ChatRequest.of("hi")))
        .isInstanceOf(MissingRequirementsException.class)
        .hasMessageContaining("No Chromium found");
  }
}
