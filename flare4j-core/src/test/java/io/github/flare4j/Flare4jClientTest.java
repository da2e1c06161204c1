package io.github.flare4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.flare4j.cloudflare.Cloudflare;
import io.github.flare4j.cloudflare.Transport;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.Fault;
import io.github.flare4j.error.CloudflareChallengeException;
import io.github.flare4j.error.ResponseStatusException;
import io.github.flare4j.http.Timeouts;
import io.github.flare4j.provider.ChatProvider;
import io.github.flare4j.spi.BrowserSupport;
import io.github.flare4j.workersai.WorkersAI;
import io.github.flare4j.workersai.WorkersAIOpenAI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link Flare4j} client over real HTTP against the emulator: its providers share one
 * connection pool, calls take its defaults, {@code newBuilder} leaves it untouched, no secret shows,
 * and without flare4j-browser (not on this module's test class path) a challenge names the artifact.
 */
class Flare4jClientTest {
  static final Duration HANG_GUARD = Duration.ofSeconds(60);
  static final Timeouts TIMEOUTS =
      new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(2));
  static final String MODEL = "@cf/meta/llama-3.1-8b-instruct-fp8";
  static final ChatRequest HELLO = ChatRequest.builder().model(MODEL).user("Hello").build();

  @TempDir Path cacheDir;
  final Emulator emulator = Emulator.start();

  @AfterEach
  void stop() {
    emulator.close();
  }

  Flare4j.Builder client() {
    return Flare4j.builder().cacheDirectory(cacheDir).timeouts(TIMEOUTS);
  }

  WorkersAI rest(Flare4j flare4j) {
    return WorkersAI.builder().client(flare4j).accountId(emulator.accountId())
        .apiToken(emulator.apiToken()).baseUrl(emulator.baseUrl()).build();
  }

  WorkersAIOpenAI openAi(Flare4j flare4j) {
    return WorkersAIOpenAI.builder().client(flare4j).accountId(emulator.accountId())
        .apiToken(emulator.apiToken()).baseUrl(emulator.baseUrl()).build();
  }

  String restPath() {
    return "/client/v4/accounts/" + emulator.accountId() + "/ai/run/" + MODEL;
  }

  @Test
  void twoProvidersFromOneClientShareOneConnection() {
    try (Flare4j flare4j = client().build()) {
      ChatProvider first = rest(flare4j);
      ChatProvider second = openAi(flare4j);

      assertThat(first.complete(HELLO).text()).isNotEmpty();
      assertThat(second.complete(HELLO).text()).isNotEmpty();

      assertThat(emulator.requestCount()).isEqualTo(2);
      assertThat(flare4j.httpClient().connectionPool().connectionCount())
          .as("the second provider's call reused the first one's connection")
          .isEqualTo(1);
    }
  }

  @Test
  void aSuppliedHttpClientIsTheOneEveryProviderUses() {
    okhttp3.OkHttpClient http = new okhttp3.OkHttpClient();
    try (Flare4j flare4j = client().httpClient(http).build()) {
      rest(flare4j).complete(HELLO);
      openAi(flare4j).complete(HELLO);

      assertThat(flare4j.httpClient()).isSameAs(http);
      assertThat(http.connectionPool().connectionCount()).isEqualTo(1);
    }
    assertThat(http.dispatcher().executorService().isShutdown())
        .as("a supplied client is left to its owner").isFalse();
  }

  @Test
  void eachCallGetsItsOwnListenerFromTheClientsFactory() {
    List<List<String>> heard = Collections.synchronizedList(new ArrayList<>());
    CallListener.Factory factory = () -> {
      List<String> mine = Collections.synchronizedList(new ArrayList<>());
      heard.add(mine);
      return new CallListener() {
        @Override
        public void callStart(String provider, String model) {
          mine.add("start " + provider);
        }

        @Override
        public void callEnd(Optional<Usage> usage, Duration sinceStart) {
          mine.add("end");
        }
      };
    };
    try (Flare4j flare4j = client().listenerFactory(factory).build()) {
      rest(flare4j).complete(HELLO);
      openAi(flare4j).stream(HELLO).collect();
      AtomicInteger own = new AtomicInteger();
      rest(flare4j).complete(HELLO, CallOptions.builder().listener(new CallListener() {
        @Override
        public void callEnd(Optional<Usage> usage, Duration sinceStart) {
          own.incrementAndGet();
        }
      }).build());

      assertThat(heard).containsExactly(
          List.of("start Workers AI", "end"),
          List.of("start Workers AI (OpenAI-compatible)", "end"));
      assertThat(own).as("a call's own listener replaces the client's").hasValue(1);
    }
  }

  @Test
  void theClientsRetriesAreHonoured() {
    try (Flare4j none = client().maxRetries(0).build()) {
      emulator.enqueueFault(Fault.SERVER_ERROR, restPath());

      assertThatThrownBy(() -> rest(none).complete(HELLO))
          .isInstanceOf(ResponseStatusException.class).hasMessageContaining("500");
      assertThat(emulator.requestCount()).as("not retried").isEqualTo(1);
    }
    try (Flare4j one = client().maxRetries(1).build()) {
      emulator.enqueueFault(Fault.SERVER_ERROR, restPath());

      String text = assertTimeoutPreemptively(HANG_GUARD, () -> rest(one).complete(HELLO).text());

      assertThat(text).isNotEmpty();
      assertThat(emulator.requestCount()).as("retried once").isEqualTo(3);
      // A call that sets its own retries wins over the client's.
      emulator.enqueueFault(Fault.SERVER_ERROR, restPath());
      assertThatThrownBy(() -> rest(one).complete(HELLO, CallOptions.builder().maxRetries(0).build()))
          .isInstanceOf(ResponseStatusException.class);
      assertThat(emulator.requestCount()).isEqualTo(4);
    }
  }

  @Test
  void newBuilderChangesOneThingAndLeavesTheOriginalUntouched() {
    CallListener.Factory factory = () -> CallListener.NONE;
    try (Flare4j original = client().maxRetries(3).proxy("http://127.0.0.1:9")
        .listenerFactory(factory).build()) {
      Flare4j changed = original.newBuilder().maxRetries(0).build();

      assertThat(original.maxRetries()).isEqualTo(3);
      assertThat(changed.maxRetries()).isZero();
      assertThat(changed.httpClient()).as("the pool is shared").isSameAs(original.httpClient());
      assertThat(changed.proxy()).isEqualTo(original.proxy());
      assertThat(changed.timeouts()).isEqualTo(original.timeouts());
      assertThat(changed.callTimeout()).isEqualTo(original.callTimeout());
      assertThat(changed.cacheDirectory()).isEqualTo(original.cacheDirectory());
      assertThat(changed.listenerFactory()).isSameAs(factory);
      changed.close();
      assertThat(original.httpClient().dispatcher().executorService().isShutdown())
          .as("the copy does not release what the original made").isFalse();
    }
  }

  @Test
  void closeReleasesTheHttpClientItMade() {
    Flare4j flare4j = client().build();
    rest(flare4j).complete(HELLO);

    flare4j.close();

    assertThat(flare4j.httpClient().connectionPool().connectionCount()).isZero();
    assertThat(flare4j.httpClient().dispatcher().executorService().isShutdown()).isTrue();
  }

  @Test
  void noSecretInToString() {
    String token = "s3cr3t-token-0123456789";
    try (Flare4j flare4j = client().proxy("http://user:hunter2@127.0.0.1:9").build()) {
      WorkersAI workersAi = flare4j.workersAi(emulator.accountId(), token);
      WorkersAI.Builder builder = WorkersAI.builder().client(flare4j).apiToken(token);

      assertThat(flare4j.toString()).doesNotContain("hunter2").contains("maxRetries=2");
      assertThat(workersAi.toString()).doesNotContain(token);
      assertThat(flare4j.workersAiOpenAi(emulator.accountId(), token).toString())
          .doesNotContain(token);
      assertThat(builder.toString()).doesNotContain(token).doesNotContain("hunter2");
    }
  }

  @Test
  void withoutFlare4jBrowserAChallengeNamesTheArtifactToAdd() {
    emulator.challenge(true);
    try (Flare4j flare4j = client().build()) {
      Cloudflare playground = Cloudflare.builder().client(flare4j).baseUrl(emulator.baseUrl())
          .transport(Transport.INFERENCE).build();

      assertThat(flare4j.browser()).as("flare4j-browser is not on core's test class path").isEmpty();
      assertThat(playground.hasBrowser()).isFalse();
      assertThatThrownBy(() -> playground.complete(ChatRequest.of("hi")))
          .isInstanceOf(CloudflareChallengeException.class)
          .hasMessageContaining(BrowserSupport.ARTIFACT)
          .hasMessageContaining("io.github.flare4j:flare4j-browser");
    }
  }

  @Test
  void thePlaygroundSaysItHasNoEmbeddingsAndWorkersAiDoes() {
    try (Flare4j flare4j = client().build()) {
      ChatProvider playground = flare4j.playground();
      ChatProvider workersAi = rest(flare4j);

      assertThat(playground.supportsEmbeddings()).isFalse();
      assertThat(workersAi.supportsEmbeddings()).isTrue();
      assertThatThrownBy(() -> playground.embed(EmbeddingRequest.of("hi")))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining(playground.label());
      assertThat(workersAi.embed(EmbeddingRequest.of("hi")).vectors()).hasSize(1);
    }
  }

  @Test
  void theSeedNamesAreTheNewOnes() {
    try (Flare4j flare4j = client().build()) {
      ChatProvider provider = rest(flare4j);

      assertThat(provider.createCompletion(HELLO).text()).isEqualTo(provider.complete(HELLO).text());
      assertThat(provider.createAsync(HELLO).join().text()).isEqualTo(provider.completeAsync(HELLO).join().text());
      try (ChatStream stream = provider.createAsyncGenerator(HELLO)) {
        assertThat(stream.collect().text()).isNotEmpty();
      }
    }
  }
}
