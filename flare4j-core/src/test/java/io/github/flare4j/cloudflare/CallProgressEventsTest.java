package io.github.flare4j.cloudflare;

import static io.github.flare4j.cloudflare.PlaygroundFixture.TEST_TIMEOUTS;
import static io.github.flare4j.cloudflare.PlaygroundFixture.hello;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.CallListener;
import io.github.flare4j.CallOptions;
import io.github.flare4j.CallProgress;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.Fault;
import io.github.flare4j.error.CloudflareChallengeException;
import io.github.flare4j.error.NetworkException;
import io.github.flare4j.http.ProxySpec;
import io.github.flare4j.spi.ArgsAcquirer;
import io.github.flare4j.spi.BrowserSupport;
import io.github.flare4j.spi.SessionArgs;
import io.github.flare4j.spi.WebSocketRelay;
import io.github.flare4j.workersai.WorkersAI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CallListener#progress} is told what a call waits on before its reply begins: a browser
 * starting (for credentials, for a socket only a browser may open), a challenge being passed, the
 * wait before a retry; each before the wait it announces, in order with the other events.
 */
class CallProgressEventsTest {
  static final String BROWSER = "stand-in Chromium";

  @TempDir Path cacheDir;
  Emulator emulator;
  /** What the listener heard, one line per event; the browser stand-in adds its own lines. */
  final List<String> heard = Collections.synchronizedList(new ArrayList<>());
  final CallListener recorder = new CallListener() {
    @Override
    public void attemptStart(int attempt) {
      heard.add("attempt " + attempt);
    }

    @Override
    public void retry(int attempt, String reason, Duration delay) {
      heard.add("retry");
    }

    @Override
    public void progress(CallProgress progress) {
      heard.add(progress.kind() + ": " + progress.text());
    }

    @Override
    public void firstToken(Duration sinceStart) {
      heard.add("first token");
    }
  };

  @BeforeEach
  void start() {
    emulator = Emulator.start();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  CallOptions listening() {
    return CallOptions.builder().listener(recorder).timeout(Duration.ofSeconds(30)).build();
  }

  /** A browser stand-in: hands out a cookie, or fails to open a socket, and notes each use. */
  BrowserSupport browser() {
    return new BrowserSupport() {
      @Override
      public String name() {
        return BROWSER;
      }

      @Override
      public ArgsAcquirer argsAcquirer() {
        return new ArgsAcquirer() {
          @Override
          public SessionArgs getArgs(String url, ProxySpec proxy, Duration timeout) {
            heard.add("browser: args");
            return BrowserHeaders.defaults(emulator.baseUrl(), url + "/",
                Map.of("cf_clearance", "from-the-stand-in"));
          }

          /** Finds a challenge on its page, as a browser does on a site behind one. */
          @Override
          public SessionArgs getArgs(String url, ProxySpec proxy, Duration timeout,
              java.util.function.Consumer<CallProgress> progress) {
            progress.accept(CallProgress.challenge(BROWSER));
            return getArgs(url, proxy, timeout);
          }
        };
      }

      @Override
      public WebSocketRelay webSocketRelay() {
        return (String pageUrl, String socketUrl, ProxySpec proxy, Duration timeout,
            WebSocketRelay.Listener listener) -> {
          heard.add("browser: relay");
          throw new NetworkException("the stand-in relay opens no socket", null);
        };
      }
    };
  }

  Cloudflare provider(Transport transport, BrowserSupport browser) {
    return Cloudflare.builder()
        .baseUrl(emulator.baseUrl())
        .cacheDirectory(cacheDir)
        .timeouts(TEST_TIMEOUTS)
        .transport(transport)
        .browser(browser)
        .build();
  }

  @Test
  void theBrowserStartingForFreshCredentialsIsToldBeforeItStartsAndWhatItSeesAfter() {
    provider(Transport.INFERENCE, browser()).complete(hello(), listening());

    assertThat(heard).containsExactly("attempt 1",
        "BROWSER_STARTING: starting " + BROWSER,
        "CHALLENGE: waiting for " + BROWSER + " to pass the challenge", "browser: args",
        "CONNECTING: connecting", "first token");
  }

  @Test
  void aChallengeIsToldBeforeTheBrowserIsAskedToPassIt() {
    Cloudflare cloudflare = provider(Transport.INFERENCE, browser());
    cloudflare.complete(hello()); // credentials cached: the next call starts no browser for them
    heard.clear();
    emulator.enqueueFault(Fault.CHALLENGE);

    cloudflare.complete(hello(), listening());

    assertThat(heard).as("the challenge told once, not again by the browser").containsExactly(
        "attempt 1", "CHALLENGE: waiting for " + BROWSER + " to pass the challenge",
        "browser: args", "CONNECTING: connecting", "first token");
  }

  @Test
  void aBrowserThatIsNotThereIsToldAsDoneAtOnce() {
    ArgsAcquirer missing = (url, proxy, timeout) -> {
      heard.add("browser: missing");
      throw new io.github.flare4j.error.MissingRequirementsException("no Chromium here");
    };

    Cloudflare.builder().baseUrl(emulator.baseUrl()).cacheDirectory(cacheDir)
        .timeouts(TEST_TIMEOUTS).transport(Transport.INFERENCE).argsAcquirer(missing).build()
        .complete(hello(), listening());

    assertThat(heard).containsExactly("attempt 1", "BROWSER_STARTING: starting the browser",
        "browser: missing", "CONNECTING: connecting", "first token");
  }

  @Test
  void aChallengeWithNoBrowserToPassItTellsNoProgress() {
    emulator.enqueueFault(Fault.CHALLENGE);

    assertThatThrownBy(() -> provider(Transport.INFERENCE, null).complete(hello(), listening()))
        .isInstanceOf(CloudflareChallengeException.class);

    assertThat(heard).containsExactly("attempt 1");
  }

  @Test
  void aSocketOnlyABrowserMayOpenIsToldAsTheBrowserStarting() {
    emulator.browsersOnlySockets(true);

    provider(Transport.AUTO, browser()).complete(hello(), listening());

    assertThat(heard).as("the stand-in relay fails, and /api/inference answers").containsExactly(
        "attempt 1", "BROWSER_STARTING: starting " + BROWSER,
        "CHALLENGE: waiting for " + BROWSER + " to pass the challenge", "browser: args",
        "CONNECTING: connecting", "BROWSER_STARTING: starting " + BROWSER, "browser: relay",
        "CONNECTING: connecting", "first token");
  }

  @Test
  void theWaitBeforeARetryIsToldAfterTheRetryWithWhatFailed() {
    emulator.rateLimitRetryAfter(1);
    emulator.enqueueFault(Fault.RATE_LIMIT, Emulator.INFERENCE_PATH);
    emulator.enqueueFault(Fault.SERVER_ERROR, Emulator.INFERENCE_PATH);

    provider(Transport.INFERENCE, null).complete(hello(), listening());

    assertThat(heard).hasSize(8).startsWith("attempt 1", "retry",
        "RETRY_WAIT: retrying in 1 s after 429", "attempt 2", "retry");
    assertThat(heard.get(5)).as("a backoff of 0.25 s to 1 s, rounded up")
        .isEqualTo("RETRY_WAIT: retrying in 1 s after 500");
    assertThat(heard).endsWith("attempt 3", "first token");
  }

  @Test
  void workersAiTellsTheRetryWaitToo() {
    emulator.enqueueFault(Fault.SERVICE_UNAVAILABLE,
        "/client/v4/accounts/" + emulator.accountId() + "/ai/run/@cf/meta/llama-3.1-8b-instruct-fp8");
    WorkersAI workersAi = WorkersAI.builder().accountId(emulator.accountId())
        .apiToken(emulator.apiToken()).baseUrl(emulator.baseUrl()).timeouts(TEST_TIMEOUTS).build();

    workersAi.complete(io.github.flare4j.ChatRequest.builder()
        .model("@cf/meta/llama-3.1-8b-instruct-fp8").user("Hello").build(), listening());

    assertThat(heard).containsExactly("attempt 1", "retry",
        "RETRY_WAIT: retrying in 1 s after 503", "attempt 2", "first token");
  }

  @Test
  void aProgressSaysItsWaitInWholeSecondsRoundedUp() {
    assertThat(CallProgress.retryWait(Duration.ofMillis(2001), "429").text())
        .isEqualTo("retrying in 3 s after 429");
    assertThat(CallProgress.retryWait(Duration.ZERO, "a connection failure").text())
        .isEqualTo("retrying in 0 s after a connection failure");
    assertThatThrownBy(() -> CallProgress.browserStarting(" "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CallProgress.retryWait(Duration.ofSeconds(-1), "429"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
