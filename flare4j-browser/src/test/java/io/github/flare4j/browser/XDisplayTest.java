package io.github.flare4j.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.error.Flare4jException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The display of a windowed Chromium with real Xvfb, and that every Xvfb started is stopped, when
 * the browser fails to start too. Skipped without Xvfb, except on CI.
 */
class XDisplayTest {
  static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir Path dir;

  @AfterEach
  void nothingLeft() {
    assertThat(RealChromium.ourXvfbs()).as("leaked Xvfb servers").isEmpty();
  }

  @Test
  void withoutDisplayAnXvfbIsStartedOnAFreeDisplayAndStoppedOnClose() {
    XvfbLocator locator = new XvfbLocator(RealChromium.withoutDisplayOrSkip().environment());
    Path socket;
    try (XDisplay display = XDisplay.open(locator, TIMEOUT)) {
      assertThat(display.ownsServer()).isTrue();
      assertThat(display.name()).matches(":\\d+");
      socket = Path.of("/tmp/.X11-unix", "X" + display.name().substring(1));
      assertThat(socket).as("the display's socket").exists();
      assertThat(RealChromium.ourXvfbs()).hasSize(1);
    }
    assertThat(RealChromium.ourXvfbs()).isEmpty();
    assertThat(socket).as("removed by Xvfb as it stopped").doesNotExist();
  }

  @Test
  void aDisplayThatIsSetIsUsedAndNothingIsStarted() {
    try (XDisplay display = XDisplay.open(new XvfbLocator(Map.of("DISPLAY", ":42", "PATH", "")),
        TIMEOUT)) {
      assertThat(display.name()).isEqualTo(":42");
      assertThat(display.ownsServer()).isFalse();
      assertThat(RealChromium.ourXvfbs()).isEmpty();
    }
  }

  @Test
  void aWindowedBrowserThatFailsToStartStopsItsXvfb() throws IOException {
    Map<String, String> env =
        new HashMap<>(RealChromium.withoutDisplayOrSkip().environment());
    Path broken = Files.writeString(dir.resolve("broken-chromium"),
        "#!/bin/sh\n[ \"$1\" = --version ] && exit 0\necho 'cannot open display' >&2\nexit 1\n");
    Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rwxr-xr-x"));
    env.put(ChromiumLocator.ENV_VARIABLE, broken.toString());
    ChromiumArgsAcquirer acquirer = new ChromiumArgsAcquirer(new ChromiumLocator(env),
        ChromiumOptions.DEFAULT.windowed(true));

    assertThatThrownBy(() -> acquirer.getArgs("http://127.0.0.1:9", null, TIMEOUT))
        .isInstanceOf(Flare4jException.class)
        .hasMessageContaining("exited before it opened its DevTools endpoint")
        .hasMessageContaining("cannot open display");
    assertThat(RealChromium.ourXvfbs()).isEmpty();
  }
}
