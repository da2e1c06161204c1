package io.github.flare4j.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.browser.TestPage;
import io.github.flare4j.emulator.AgentFault;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.ReplyHold;
import io.github.flare4j.emulator.ReplyScript;
import io.github.flare4j.gateway.Gateway;
import io.github.flare4j.gateway.GatewayTestBase;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The web chat at {@code GET /}: served as one self-contained page, and driven in real headless
 * Chromium (skipped without one, failed on CI) against the gateway backed by the emulator.
 */
class WebChatTest extends GatewayTestBase {
  static final Duration BROWSER = Duration.ofSeconds(60);
  static final Duration WAIT = Duration.ofSeconds(20);
  static final String TEXT = "document.querySelector('.turn.assistant:last-of-type .text')"
      + "?.textContent ?? ''";
  static final String STATE = "document.querySelector('.turn.assistant:last-of-type')"
      + "?.dataset.state ?? ''";
  static final String MODELS = "document.getElementById('model').options.length";
  static final String FOCUSED = "document.activeElement.id";

  HttpResponse<String> get(Gateway gateway, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(gateway.uri().resolve(path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void thePageIsOneSelfContainedFileOpenWithoutAKey() throws Exception {
    try (Gateway gateway = gateway().apiKeys(Set.of("k-web")).build().start()) {
      HttpResponse<String> page = get(gateway, "/");

      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
      assertThat(page.body()).startsWith("<!DOCTYPE html>").contains("<script>", "<style>")
          .doesNotContain("src=", "http://", "https://", "innerHTML");
      assertThat(page.headers().firstValue("content-security-policy")).get().asString()
          .contains("default-src 'none'", "connect-src 'self'", "frame-ancestors 'none'")
          .containsPattern("script-src 'sha256-[A-Za-z0-9+/]+=*'")
          .doesNotContain("unsafe-inline");
      assertThat(page.headers().firstValue("x-content-type-options")).hasValue("nosniff");
      assertThat(get(gateway, "/v1/models").statusCode()).as("the API still needs the key")
          .isEqualTo(401);
    }
  }

  @Test
  void thePageAsksForTheKeyKeepsItAndListsTheModels() throws Exception {
    try (Gateway gateway = gateway().apiKeys(Set.of("k-web")).build().start();
        TestPage page = TestPage.start(BROWSER)) {
      page.open(gateway.uri() + "/");
      page.await("[!document.getElementById('key-form').hidden, " + FOCUSED + "].join()",
          "true,key"::equals, WAIT);
      assertThat(page.evaluate("document.getElementById('error').textContent"))
          .isEqualTo("An API key is required: send Authorization: Bearer KEY or x-api-key: KEY");

      page.type("k-wrong");
      page.pressEnter();
      page.await("document.getElementById('error').textContent",
          "The API key is not valid"::equals, WAIT);
      assertThat(page.evaluate(FOCUSED)).isEqualTo("key");

      page.type("k-web");
      page.pressEnter();
      page.await(MODELS, count -> ((Number) count).intValue() > 0, WAIT);
      assertThat(page.evaluate(FOCUSED)).as("focus goes to the message box").isEqualTo("input");
      assertThat(page.evaluate("document.getElementById('key-form').hidden")).isEqualTo(true);
      assertThat(page.evaluate("document.getElementById('error').textContent")).isEqualTo("");
      assertThat(page.evaluate("sessionStorage.getItem('flare4j.apiKey')")).isEqualTo("k-web");
      assertThat(page.evaluate("document.getElementById('model').value"))
          .asString().startsWith("@cf/");
    }
  }

  /**
   * Needs {@code POST /v1/chat/completions} (another route of the gateway): skipped, saying so,
   * where the gateway does not have it yet.
   */
  @Test
  void aMessageTypedAndSentWithEnterStreamsOntoThePageThenCanBeStopped() throws Exception {
    try (Gateway gateway = gateway().build().start()) {
      HttpResponse<String> probe = get(gateway, "/v1/chat/completions");
      Assumptions.assumeFalse(probe.statusCode() == 404 && probe.body().contains("\"not_found\""),
          "POST /v1/chat/completions is not in this gateway yet; the web chat test needs it");
      try (TestPage page = TestPage.start(BROWSER)) {
        page.open(gateway.uri() + "/");
        page.await(MODELS, count -> ((Number) count).intValue() > 0, WAIT);
        assertThat(page.evaluate(FOCUSED)).isEqualTo("input");

        String whole = ReplyScript.GREETING;
        try (ReplyHold hold = emulator.holdReply(Emulator.AGENTS_PATH, 6)) {
          page.type("Hello there");
          page.pressEnter();
          hold.awaitHeld(WAIT);
          String partial = (String) page.await(TEXT, text -> !((String) text).isEmpty(), WAIT);
          assertThat(whole).startsWith(partial).isNotEqualTo(partial);
          assertThat(page.evaluate(STATE)).as("still streaming").isEqualTo("");
          assertThat(page.evaluate("document.getElementById('stop').disabled")).isEqualTo(false);
          hold.release();
        }
        page.await(STATE, "done"::equals, WAIT);
        assertThat(page.evaluate(TEXT)).isEqualTo(whole);
        assertThat(page.evaluate("[...document.querySelectorAll('.turn')].map(t =>"
            + " t.className + ':' + t.querySelector('.text').textContent).join('|')"))
            .isEqualTo("turn user:Hello there|turn assistant:" + whole);
        assertThat(page.evaluate(FOCUSED)).isEqualTo("input");

        // A second turn sends the whole conversation; Escape stops it half way.
        try (ReplyHold hold = emulator.holdReply(Emulator.AGENTS_PATH, 6)) {
          page.type("And again");
          page.pressEnter();
          hold.awaitHeld(WAIT);
          page.await(TEXT, text -> !((String) text).isEmpty(), WAIT);
          page.pressEscape();
          page.await(STATE, "stopped"::equals, WAIT);
        }
        assertThat((String) page.evaluate("document.querySelector('.turn.assistant:last-of-type"
            + " .note').textContent")).isEqualTo("Stopped.");
        assertThat(page.evaluate("document.getElementById('stop').disabled")).isEqualTo(true);
        assertThat(page.evaluate("document.getElementById('error').textContent")).isEqualTo("");
      }
    }
  }

  @Test
  void anErrorOfTheApiIsShownOnThePage() throws Exception {
    try (Gateway gateway = gateway().build().start()) {
      HttpResponse<String> probe = get(gateway, "/v1/chat/completions");
      Assumptions.assumeFalse(probe.statusCode() == 404 && probe.body().contains("\"not_found\""),
          "POST /v1/chat/completions is not in this gateway yet; the web chat test needs it");
      try (TestPage page = TestPage.start(BROWSER)) {
        page.open(gateway.uri() + "/");
        page.await(MODELS, count -> ((Number) count).intValue() > 0, WAIT);
        // The model fails once the reply has begun: the API's own message is what the page shows.
        emulator.enqueueAgentFault(AgentFault.ERROR_FRAME);
        page.type("Hello");
        page.pressEnter();
        String error = (String) page.await("document.getElementById('error').textContent",
            text -> !((String) text).isEmpty(), WAIT);
        assertThat(error).as("the message the API sent").contains("mock model failure")
            .doesNotStartWith("HTTP ");
        assertThat(page.evaluate("document.querySelectorAll('.turn[data-state=done]').length"))
            .isEqualTo(0L);
        assertThat(page.evaluate("document.getElementById('send').disabled")).isEqualTo(false);
        assertThat(page.evaluate(FOCUSED)).isEqualTo("input");
        assertThat(page.evaluate("document.querySelectorAll('.turn').length === 0"
            + " ? document.getElementById('input').value : 'kept'")).isIn("Hello", "kept");
      }
    }
  }
}
