package io.github.flare4j.workersai;

import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.provider.ChatProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh emulator for each test, and its Workers AI providers by API name. */
abstract class WorkersAiTestBase {
  Emulator emulator;

  @BeforeEach
  void startEmulator() {
    emulator = Emulator.start();
  }

  @AfterEach
  void stopEmulator() {
    emulator.close();
  }

  /** {@code rest}: Workers AI's REST API; anything else: its OpenAI-compatible one. */
  ChatProvider provider(String api) {
    return api.equals("rest") ? WorkersAiFixture.rest(emulator) : WorkersAiFixture.openAi(emulator);
  }
}
