package io.github.flare4j.cloudflare;

import static io.github.flare4j.cloudflare.PlaygroundFixture.TEST_TIMEOUTS;
import static io.github.flare4j.cloudflare.PlaygroundFixture.hello;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.Fault;
import io.github.flare4j.error.CloudflareChallengeException;
import io.github.flare4j.error.MissingRequirementsException;
import io.github.flare4j.spi.ArgsAcquirer;
import io.github.flare4j.provider.FileCredentialStore;
import io.github.flare4j.spi.SessionArgs;
import io.github.flare4j.spi.StoredCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The challenge flow with stand-in browsers: acquire when nothing is cached, drop and re-acquire
 * once on a challenge, say what happened when that does not help or there is no browser.
 */
class CloudflareChallengeFlowTest {
  @TempDir Path cacheDir;
  Emulator emulator;
  final List<String> acquired = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    emulator = Emulator.start();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  Cloudflare provider(ArgsAcquirer acquirer, Transport transport) {
    return Cloudflare.builder()
        .baseUrl(emulator.baseUrl())
        .cacheDirectory(cacheDir)
        .timeouts(TEST_TIMEOUTS)
        .transport(transport)
        .argsAcquirer(acquirer)
        .build();
  }

  /** A browser stand-in handing out a numbered cookie per acquisition. */
  ArgsAcquirer countingBrowser() {
    return (url, proxy, timeout) -> {
      acquired.add(url);
      return BrowserHeaders.defaults(emulator.baseUrl(), url + "/",
          Map.of("cf_clearance", "browser-" + acquired.size()));
    };
  }

  /**
   * A browser that cannot get past the challenge runs out the time it is given. The call's one
   * deadline covers it: it gets what is left of the call, the call ends as a challenge (not a
   * timeout) and nothing falls back to the other transport, which sits behind the same check.
   */
  @Test
  void aChallengeTheBrowserCannotPassEndsTheCallWithinItsOneDeadline() {
    emulator.challenge(true);
    List<java.time.Duration> given = new CopyOnWriteArrayList<>();
    ArgsAcquirer stuck = (url, proxy, timeout) -> {
      given.add(timeout);
      if (given.size() == 1) { // hands out plain headers, which the service challenges
        return BrowserHeaders.defaults(emulator.baseUrl(), url + "/", Map.of());
      }
      // then reports that it stayed on the challenge page for all of its time, as a real one does
      throw new io.github.flare4j.error.RequestTimeoutException(
          io.github.flare4j.error.RequestTimeoutException.Phase.TOTAL, timeout,
          "Chromium on " + url + " (still on 'Just a moment...')", null);
    };
    java.time.Duration timeout = java.time.Duration.ofSeconds(2);

    assertThatThrownBy(() -> provider(stuck, Transport.AUTO)
            .complete(hello(), io.github.flare4j.CallOptions.builder().timeout(timeout).build()))
        .isInstanceOf(CloudflareChallengeException.class)
        .hasMessageContaining("403")
        .hasMessageContaining("did not get past it")
        .hasMessageContaining("a windowed (not headless) browser")
        .hasMessageNotContaining("--");

    assertThat(given).as("one browser attempt after the challenge, within what the call had left")
        .hasSize(2).last().satisfies(left -> assertThat(left).isPositive().isLessThan(timeout));
    assertThat(emulator.requests()).extracting(io.github.flare4j.emulator.RecordedRequest::path)
        .as("no fallback behind the same check").noneMatch(path -> path.equals("/api/inference"));
  }

  @Test
  void withNothingCachedTheBrowserGivesTheArgsAndTheyAreCached() {
    Cloudflare cloudflare = provider(countingBrowser(), Transport.INFERENCE);

    cloudflare.complete(hello());
    cloudflare.complete(hello());

    assertThat(acquired).containsExactly(emulator.baseUrl());
    assertThat(emulator.takeRequest().cookies()).containsEntry("cf_clearance", "browser-1");
    assertThat(cloudflare.getCacheFile()).exists();
  }

  @Test
  void aChallengeDropsTheArgsAcquiresOnceAndRetriesOnce() {
    Cloudflare cloudflare = provider(countingBrowser(), Transport.INFERENCE);
    cloudflare.complete(hello());
    emulator.enqueueFault(Fault.CHALLENGE);

    assertThat(cloudflare.complete(hello()).finishReason().reason()).isEqualTo("stop");

    emulator.takeRequest();
    assertThat(emulator.takeRequest().cookies()).containsEntry("cf_clearance", "browser-1");
    assertThat(emulator.takeRequest().cookies()).containsEntry("cf_clearance", "browser-2");
    assertThat(acquired).hasSize(2);
  }

  @Test
  void aSecondChallengeSaysTheBrowserCookiesWereChallengedToo() {
    Cloudflare cloudflare = provider(countingBrowser(), Transport.INFERENCE);
    cloudflare.complete(hello());
    emulator.enqueueFault(Fault.CHALLENGE);
    emulator.enqueueFault(Fault.CHALLENGE);

    assertThatThrownBy(() -> cloudflare.complete(hello()))
        .isInstanceOf(CloudflareChallengeException.class)
        .hasMessageContaining("passed the challenge")
        .hasMessageContaining("challenged it again");
    assertThat(acquired).hasSize(2);
    assertThat(cloudflare.args()).isEmpty();
  }

  @Test
  void withoutABrowserAChallengeSaysOneIsNeeded() {
    Cloudflare cloudflare = provider(null, Transport.INFERENCE);
    emulator.enqueueFault(Fault.CHALLENGE);

    assertThatThrownBy(() -> cloudflare.complete(hello()))
        .isInstanceOf(CloudflareChallengeException.class)
        .hasMessageContaining("A browser is needed to pass it and none is available")
        .hasMessageContaining("add the dependency io.github.flare4j:flare4j-browser");
  }

  @Test
  void aMissingBrowserFallsBackToDefaultHeadersAndAChallengeThenSaysNoneWasFound() {
    ArgsAcquirer missing = (url, proxy, timeout) -> {
      acquired.add(url);
      throw new MissingRequirementsException("No Chromium found: install it with 'apt-get install chromium'");
    };
    Cloudflare cloudflare = provider(missing, Transport.INFERENCE);

    assertThat(cloudflare.complete(hello()).finishReason().reason()).isEqualTo("stop");
    assertThat(emulator.takeRequest().header("User-Agent")).isEqualTo(BrowserHeaders.USER_AGENT);

    emulator.enqueueFault(Fault.CHALLENGE);
    assertThatThrownBy(() -> cloudflare.complete(hello()))
        .isInstanceOf(CloudflareChallengeException.class)
        .hasMessageContaining("none was found")
        .hasMessageContaining("No Chromium found")
        .hasCauseInstanceOf(MissingRequirementsException.class);
  }

  @Test
  void theEmulatorsJavaScriptChallengeIsPassedOnTheHttpEndpoint() {
    emulator.challenge(true);
    Cloudflare cloudflare = provider(scriptRunningBrowser(), Transport.INFERENCE);

    assertThat(cloudflare.complete(hello()).finishReason().reason()).isEqualTo("stop");
    assertThat(acquired).hasSize(1);
  }

  @Test
  void theEmulatorsJavaScriptChallengeIsPassedOnTheAgentsSocket() {
    emulator.challenge(true);
    Cloudflare cloudflare = provider(null, Transport.AGENTS);
    assertThatThrownBy(() -> cloudflare.complete(hello()))
        .isInstanceOf(CloudflareChallengeException.class)
        .hasMessageContaining("/agents/playground/");

    Cloudflare withBrowser = provider(scriptRunningBrowser(), Transport.AGENTS);
    assertThat(withBrowser.complete(hello()).finishReason().reason()).isEqualTo("stop");
    assertThat(withBrowser.workedTransport()).contains(Transport.AGENTS);
  }

  /**
   * A cf_clearance the browser earned, kept in the auth file with an expiry that has passed: it is
   * not sent, and the browser is asked for a new one before the first request.
   */
  @Test
  void anExpiredClearanceInTheAuthFileIsNotSentAndTheBrowserIsAskedAgain() {
    emulator.challenge(true);
    Cloudflare first = provider(scriptRunningBrowser(), Transport.INFERENCE);
    first.complete(hello());
    String earned = first.args().orElseThrow().cookies().get("cf_clearance");
    expireClearanceInTheAuthFile();
    int before = emulator.requestCount();

    Cloudflare later = provider(scriptRunningBrowser(), Transport.INFERENCE);
    assertThat(later.complete(hello()).finishReason().reason()).isEqualTo("stop");

    assertThat(acquired).as("the browser was asked again").hasSize(2);
    assertThat(emulator.requests().subList(before, emulator.requestCount()))
        .extracting(request -> request.cookies().get("cf_clearance"))
        .as("the expired clearance is never sent").doesNotContain(earned);
    assertThat(later.args().orElseThrow().cookies().get("cf_clearance")).isNotEqualTo(earned);
  }

  @Test
  void anExpiredClearanceIsNotSentEvenWithoutABrowserAndTheChallengeSaysOneIsNeeded() {
    emulator.challenge(true);
    provider(scriptRunningBrowser(), Transport.INFERENCE).complete(hello());
    expireClearanceInTheAuthFile();
    int before = emulator.requestCount();

    assertThatThrownBy(() -> provider(null, Transport.INFERENCE).complete(hello()))
        .isInstanceOf(CloudflareChallengeException.class)
        .hasMessageContaining("A browser is needed to pass it");

    assertThat(emulator.requests().subList(before, emulator.requestCount()))
        .allSatisfy(request -> assertThat(request.cookies()).doesNotContainKey("cf_clearance"));
  }

  /** Rewrites the auth file as if its cf_clearance had expired a minute ago. */
  void expireClearanceInTheAuthFile() {
    FileCredentialStore store = new FileCredentialStore(cacheDir);
    StoredCredentials kept = store.load("Cloudflare").orElseThrow();
    assertThat(kept.args().cookies()).containsKey("cf_clearance");
    SessionArgs args = kept.args();
    store.save("Cloudflare", new StoredCredentials(args.withCookie("cf_clearance",
        args.cookies().get("cf_clearance"), Instant.now().minusSeconds(60)), kept.transport()));
  }

  /**
   * Does what the challenge page's script makes a browser do: reads the clearance cookie the page
   * sets. Stands in for Chromium, which flare4j-browser's tests use for real.
   */
  ArgsAcquirer scriptRunningBrowser() {
    Pattern cookie = Pattern.compile("document\\.cookie=\"cf_clearance=([^;\"]+)");
    OkHttpClient client = new OkHttpClient();
    return (url, proxy, timeout) -> {
      acquired.add(url);
      try (Response page = client.newCall(new Request.Builder().url(url + "/").build()).execute()) {
        Matcher matcher = cookie.matcher(page.body().string());
        assertThat(matcher.find()).isTrue();
        return BrowserHeaders.defaults(url, url + "/", Map.of("cf_clearance", matcher.group(1)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

}
