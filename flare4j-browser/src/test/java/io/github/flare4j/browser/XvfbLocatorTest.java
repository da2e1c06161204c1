package io.github.flare4j.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.error.MissingRequirementsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding a windowed Chromium's X display, with the environment given; nothing is started. */
class XvfbLocatorTest {
  @TempDir Path dir;

  @Test
  void displayIsUsedWhenSet() {
    XvfbLocator locator = new XvfbLocator(Map.of("DISPLAY", ":7", "PATH", ""));

    assertThat(locator.display()).contains(":7");
  }

  @Test
  void aBlankDisplayCountsAsNone() {
    assertThat(new XvfbLocator(Map.of("DISPLAY", " ")).display()).isEmpty();
  }

  @Test
  void xvfbIsFoundOnPath() throws IOException {
    Path xvfb = executable("Xvfb");

    XvfbLocator locator = new XvfbLocator(Map.of("PATH", "/nonexistent:" + dir));

    assertThat(locator.require()).isEqualTo(xvfb);
  }

  @Test
  void noDisplayAndNoXvfbSaysWhatToInstallOrSet() {
    XvfbLocator locator = new XvfbLocator(Map.of("PATH", dir.toString()));

    assertThat(locator.find()).isEmpty();
    assertThatThrownBy(locator::require)
        .isInstanceOf(MissingRequirementsException.class)
        .hasMessageContaining("DISPLAY is not set")
        .hasMessageContaining("apt-get install xvfb")
        .hasMessageContaining("set DISPLAY");
  }

  @Test
  void aWindowedAcquirerWithoutDisplayOrXvfbThrowsTheClearErrorAndStartsNoBrowser()
      throws IOException {
    // A "Chromium" that leaves a mark when started as a browser (its --version run is allowed).
    Path mark = dir.resolve("started");
    Path chromium = Files.writeString(dir.resolve("fake-chromium"),
        "#!/bin/sh\n[ \"$1\" = --version ] && exit 0\ntouch " + mark + "\n");
    Files.setPosixFilePermissions(chromium, PosixFilePermissions.fromString("rwxr-xr-x"));
    ChromiumArgsAcquirer acquirer = new ChromiumArgsAcquirer(
        new ChromiumLocator(Map.of("PATH", "", "FLARE4J_CHROMIUM", chromium.toString())),
        ChromiumOptions.DEFAULT.windowed(true));

    assertThatThrownBy(() -> acquirer.getArgs("http://127.0.0.1:9", null, Duration.ofSeconds(5)))
        .isInstanceOf(MissingRequirementsException.class)
        .hasMessageContaining("apt-get install xvfb");
    assertThat(mark).as("a browser was started").doesNotExist();
  }

  @Test
  void xvfbPicksItsOwnDisplayAndListensOnNoTcpPort() {
    assertThat(XDisplay.command(Path.of("/usr/bin/Xvfb"))).containsExactly("/usr/bin/Xvfb",
        "-displayfd", "1", "-screen", "0", "1920x1080x24", "-nolisten", "tcp");
  }

  @Test
  void optionsAreHeadlessByDefault() {
    assertThat(ChromiumOptions.DEFAULT.windowed()).isFalse();
    assertThat(ChromiumOptions.DEFAULT.windowed(true).windowed()).isTrue();
    assertThat(ChromiumOptions.DEFAULT.windowed(false)).isSameAs(ChromiumOptions.DEFAULT);
  }

  private Path executable(String name) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
