package io.github.flare4j.cli;

import io.github.flare4j.emulator.Emulator;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh emulator and cache folder for each test, so no test sees another's cookies or faults. */
abstract class EmulatorTestBase {
  @TempDir
  Path cacheDir;

  Emulator emulator;

  @BeforeEach
  void startEmulator() {
    emulator = Emulator.start();
  }

  @AfterEach
  void stopEmulator() {
    emulator.close();
  }
}
