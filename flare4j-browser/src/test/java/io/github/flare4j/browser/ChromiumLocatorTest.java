package io.github.flare4j.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.error.MissingRequirementsException;
import io.github.flare4j.http.ProxySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding Chromium, with the environment given as a parameter; no browser is started. */
class ChromiumLocatorTest {
  @TempDir Path dir;

  @Test
  void emptyPathGivesAnErrorSayingHowToInstallChromium() {
    ChromiumLocator locator = new ChromiumLocator(Map.of("PATH", ""));

    assertThat(locator.find()).isEmpty();
    assertThatThrownBy(locator::require)
        .isInstanceOf(MissingRequirementsException.class)
        .hasMessageContaining("No Chromium found")
        .hasMessageContaining("apt-get install chromium")
        .hasMessageContaining("FLARE4J_CHROMIUM");
  }

  @Test
  void theAcquirerWithoutChromiumThrowsTheClearError() {
    ChromiumArgsAcquirer acquirer = new ChromiumArgsAcquirer(new ChromiumLocator(Map.of("PATH", "")));

    assertThatThrownBy(() -> acquirer.getArgs("http://127.0.0.1:9", null, Duration.ofSeconds(5)))
        .isInstanceOf(MissingRequirementsException.class)
        .hasMessageContaining("apt-get install chromium");
  }

  @Test
  void chromiumIsFoundOnPathInNameOrder() throws IOException {
    Path chrome = executable("google-chrome");
    Path chromium = executable("chromium");

    ChromiumLocator locator = new ChromiumLocator(Map.of("PATH", "/nonexistent:" + dir));

    assertThat(locator.require()).isEqualTo(chromium);
    assertThat(chrome).exists();
  }

  @Test
  void theVariableWinsOverPath() throws IOException {
    Path named = executable("my-chrome");
    executable("chromium");

    ChromiumLocator locator = new ChromiumLocator(
        Map.of("PATH", dir.toString(), "FLARE4J_CHROMIUM", named.toString()));

    assertThat(locator.require()).isEqualTo(named);
  }

  @Test
  void aVariableNamingNoExecutableIsAnError() {
    ChromiumLocator locator = new ChromiumLocator(
        Map.of("PATH", "", "FLARE4J_CHROMIUM", dir.resolve("missing").toString()));

    assertThatThrownBy(locator::require)
        .isInstanceOf(MissingRequirementsException.class)
        .hasMessageContaining("FLARE4J_CHROMIUM is set to")
        .hasMessageContaining("not an executable file");
  }

  @Test
  void launchFlagsAreThoseOfALockedDownMachineWithADesktopUserAgent() {
    String userAgent = DesktopUserAgent.of(156);

    assertThat(ChromiumProcess.command(Path.of("/usr/bin/chromium"), Path.of("/tmp/p"), userAgent, null))
        .contains("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--remote-debugging-port=0", "--user-data-dir=/tmp/p",
            "--user-agent=Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/156.0.0.0 Safari/537.36");
    assertThat(userAgent).doesNotContain("Headless");
  }

  @Test
  void aWindowedChromiumHasADesktopWindowOffScreenAndNoHeadlessFlag() {
    assertThat(ChromiumProcess.command(Path.of("/usr/bin/chromium"), Path.of("/tmp/p"),
            DesktopUserAgent.of(156), null, true))
        .contains("--window-position=-2000,-2000", "--window-size=1920,1080",
            "--ozone-platform=x11", "--user-data-dir=/tmp/p")
        .doesNotContain("--headless");
  }

  @Test
  void bothModesHideThatTheBrowserIsDriven() {
    for (boolean windowed : new boolean[] {false, true}) {
      assertThat(ChromiumProcess.command(Path.of("/usr/bin/chromium"), Path.of("/tmp/p"),
              DesktopUserAgent.of(156), null, windowed))
          .contains("--disable-blink-features=AutomationControlled")
          .noneMatch(flag -> flag.contains("enable-automation"));
    }
  }

  @Test
  void aProxyWithCredentialsIsAMissingRequirementThatHidesThePassword() {
    ProxySpec proxy = ProxySpec.parse("socks5://user:hunter2@127.0.0.1:1080");

    assertThatThrownBy(() -> ChromiumProcess.command(Path.of("/usr/bin/chromium"), Path.of("/tmp/p"),
            DesktopUserAgent.of(156), proxy))
        .isInstanceOf(MissingRequirementsException.class)
        .hasMessageContaining("socks5://user:***@127.0.0.1:1080")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void aProxyWithoutCredentialsIsHandedToChromium() {
    assertThat(ChromiumProcess.command(Path.of("/usr/bin/chromium"), Path.of("/tmp/p"), null,
            ProxySpec.parse("http://127.0.0.1:3128")))
        .contains("--proxy-server=http://127.0.0.1:3128");
  }

  private Path executable(String name) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
