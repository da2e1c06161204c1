package io.github.flare4j.cloudflare;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.http.Timeouts;
import io.github.flare4j.emulator.Emulator;
import java.nio.file.Path;
import java.time.Duration;

/** Builds providers pointed at a test's emulator and cache folder. */
final class PlaygroundFixture {
  /** Short limits so that faults fail fast; generous enough never to trip on a slow machine. */
  static final Timeouts TEST_TIMEOUTS =
      new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(2));

  /** For tests of how one refusal is reported: the call does not retry it. */
  static final io.github.flare4j.CallOptions NO_RETRIES =
      io.github.flare4j.CallOptions.builder().maxRetries(0).build();

  private PlaygroundFixture() {}

  static Cloudflare provider(Emulator emulator, Path cacheDir) {
    return provider(emulator, cacheDir, Transport.INFERENCE);
  }

  static Cloudflare provider(Emulator emulator, Path cacheDir, Transport transport) {
    return Cloudflare.builder()
        .baseUrl(emulator.baseUrl())
        .cacheDirectory(cacheDir)
        .timeouts(TEST_TIMEOUTS)
        .transport(transport)
        .build();
  }

  static ChatRequest hello() {
    return ChatRequest.of("Hello, how are you?");
  }
}
