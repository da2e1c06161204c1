package io.github.flare4j.cloudflare;

import io.github.flare4j.emulator.Emulator;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh emulator, cache folder and provider for each test, so no test sees another's cookies,
 * faults or recorded requests.
 */
abstract class PlaygroundTestBase {
  @TempDir Path cacheDir;
  Emulator emulator;
  Cloudflare cloudflare;

  @BeforeEach
  void startEmulator() {
    emulator = Emulator.start();
    cloudflare = PlaygroundFixture.provider(emulator, cacheDir);
  }

  /** A provider on {@code transport}, with the test's emulator and cache folder. */
  Cloudflare playground(Transport transport) {
    return PlaygroundFixture.provider(emulator, cacheDir, transport);
  }

  @AfterEach
  void stopEmulator() {
    emulator.close();
  }
}
