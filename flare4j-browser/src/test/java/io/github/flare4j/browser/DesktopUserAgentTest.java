package io.github.flare4j.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The desktop Chrome that Chromium passes for: user agent and client hints, no browser started. */
class DesktopUserAgentTest {

  @Test
  void theBrandsAreThoseRealChromeSendsForItsVersion() {
    // sec-ch-ua as sent by Google Chrome 120, 124 and 131 on Linux.
    assertThat(new DesktopUserAgent("120.0.6099.109").secChUa())
        .isEqualTo("\"Not_A Brand\";v=\"8\", \"Chromium\";v=\"120\", \"Google Chrome\";v=\"120\"");
    assertThat(new DesktopUserAgent("124.0.6367.91").secChUa())
        .isEqualTo("\"Chromium\";v=\"124\", \"Google Chrome\";v=\"124\", \"Not-A.Brand\";v=\"99\"");
    assertThat(new DesktopUserAgent("131.0.6778.85").secChUa())
        .isEqualTo("\"Google Chrome\";v=\"131\", \"Chromium\";v=\"131\", \"Not_A Brand\";v=\"24\"");
  }

  @Test
  void theMadeUpBrandIsTheOneChromiumItselfSendsForItsVersion() {
    // Debian's Chromium 156 sends "Not:A-Brand";v="8", "Chromium";v="156".
    assertThat(new DesktopUserAgent("156.0.8078.114").secChUa())
        .isEqualTo("\"Not:A-Brand\";v=\"8\", \"Chromium\";v=\"156\", \"Google Chrome\";v=\"156\"");
  }

  @Test
  void theFullVersionListCarriesTheBrowsersVersion() {
    assertThat(new DesktopUserAgent("156.0.8078.114").brands(true)).containsExactly(
        Map.of("brand", "Not:A-Brand", "version", "8.0.0.0"),
        Map.of("brand", "Chromium", "version", "156.0.8078.114"),
        Map.of("brand", "Google Chrome", "version", "156.0.8078.114"));
  }

  @Test
  void theHintsAreThoseOfChromeOnDesktopLinux() {
    Map<String, Object> hints = new DesktopUserAgent("156.0.8078.114").clientHints();

    assertThat(hints).containsEntry("platform", "Linux").containsEntry("platformVersion", "")
        .containsEntry("architecture", "x86").containsEntry("bitness", "64")
        .containsEntry("model", "").containsEntry("mobile", false)
        .containsEntry("formFactors", List.of("Desktop"));
    assertThat(hints.toString()).doesNotContain("Headless");
  }

  @Test
  void theUserAgentIsReducedToTheMajorVersion() {
    DesktopUserAgent desktop = new DesktopUserAgent("156.0.8078.114");

    assertThat(desktop.major()).isEqualTo(156);
    assertThat(desktop.userAgent()).isEqualTo("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36"
        + " (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36");
  }
}
