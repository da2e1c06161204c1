package io.github.flare4j.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.RecordedRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real Chromium, headless and windowed (on an Xvfb of its own: {@code DISPLAY} is left out of the
 * environment), shows a page nothing that gives it away as a driven or headless browser: what the
 * page reads and what the emulator receives.
 */
class NoAutomationTellsTest {
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  static final String PROBE = "JSON.stringify({webdriverFalse: navigator.webdriver === false,"
      + " userAgent: navigator.userAgent,"
      + " brands: navigator.userAgentData.brands.map((b) => b.brand)})";

  Emulator emulator;
  HttpServer framed;

  @BeforeEach
  void start() {
    emulator = Emulator.builder().challenge(true).start();
  }

  @AfterEach
  void stop() {
    emulator.close();
    if (framed != null) {
      framed.stop(0);
    }
    RealChromium.assertNothingLeaked();
  }

  @Test
  void headlessChromiumShowsNoAutomationTells() {
    assertNoTells(RealChromium.requireOrSkip(), ChromiumOptions.DEFAULT);
  }

  @Test
  void windowedChromiumOnItsOwnXvfbShowsNoAutomationTells() {
    assertNoTells(RealChromium.withoutDisplayOrSkip(), ChromiumOptions.DEFAULT.windowed(true));
  }

  @Test
  void aCrossSiteFrameSaysTheSameAsThePage() throws IOException {
    ChromiumLocator locator = RealChromium.requireOrSkip();
    LinkedBlockingQueue<String> frameHints = new LinkedBlockingQueue<>();
    framed = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    int port = framed.getAddress().getPort();
    // localhost and 127.0.0.1 are different sites: the frame runs in a process of its own.
    framed.createContext("/", exchange -> html(exchange, "<!DOCTYPE html><title>page</title>"
        + "<script>window.frameSaid = null;"
        + " addEventListener('message', (m) => { window.frameSaid = m.data; });</script>"
        + "<iframe src=\"http://localhost:" + port + "/frame\"></iframe>"));
    framed.createContext("/frame", exchange -> {
      frameHints.add(String.valueOf(exchange.getRequestHeaders().getFirst("sec-ch-ua")));
      html(exchange, "<!DOCTYPE html><script>parent.postMessage(JSON.stringify({"
          + "webdriverFalse: navigator.webdriver === false, userAgent: navigator.userAgent,"
          + " brands: navigator.userAgentData.brands.map((b) => b.brand)}), '*');</script>");
    });
    framed.start();

    ChromiumLauncher launcher =
        new ChromiumLauncher(locator, ChromiumOptions.DEFAULT, new OkHttpClient());
    try (ChromiumSession session = launcher.start(null, TIMEOUT)) {
      session.openPastChallenge("http://127.0.0.1:" + port + "/");
      String said = (String) session.evaluate("new Promise((done) => { const poll = () =>"
          + " window.frameSaid ? done(window.frameSaid) : setTimeout(poll, 20); poll(); })");

      assertDesktopChrome(JsonValues.object(JsonValues.parse(said)));
    }
    assertThat(frameHints).singleElement().asString()
        .contains("\"Google Chrome\"").doesNotContain("Headless");
  }

  private void assertNoTells(ChromiumLocator locator, ChromiumOptions options) {
    ChromiumLauncher launcher = new ChromiumLauncher(locator, options, new OkHttpClient());
    try (ChromiumSession session = launcher.start(null, TIMEOUT)) {
      assertThat(session.windowed()).isEqualTo(options.windowed());
      if (options.windowed()) {
        assertThat(RealChromium.ourXvfbs()).as("the Xvfb started for the window").hasSize(1);
      }
      session.openPastChallenge(emulator.baseUrl() + "/");

      assertDesktopChrome(JsonValues.object(JsonValues.parse((String) session.evaluate(PROBE))));
    }
    List<RecordedRequest> pages = emulator.requests().stream()
        .filter(request -> request.path().equals("/")).toList();
    assertThat(pages).as("the challenge and the page after it").hasSizeGreaterThanOrEqualTo(2);
    assertThat(pages).allSatisfy(request -> {
      assertThat(request.header("User-Agent")).contains("Chrome/").doesNotContain("Headless");
      assertThat(request.header("sec-ch-ua")).contains("\"Google Chrome\"", "\"Chromium\"")
          .doesNotContain("Headless");
      assertThat(request.header("sec-ch-ua-platform")).isEqualTo("\"Linux\"");
      assertThat(request.header("sec-ch-ua-mobile")).isEqualTo("?0");
    });
  }

  @SuppressWarnings("unchecked")
  private static void assertDesktopChrome(Map<String, Object> page) {
    assertThat(page.get("webdriverFalse")).as("navigator.webdriver === false").isEqualTo(true);
    assertThat((String) page.get("userAgent")).contains("Chrome/").doesNotContain("Headless");
    assertThat((List<Object>) page.get("brands")).contains("Google Chrome", "Chromium")
        .noneMatch(brand -> String.valueOf(brand).contains("Headless"));
  }

  private static void html(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("content-type", "text/html; charset=utf-8");
    exchange.sendResponseHeaders(200, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
