package io.github.flare4j.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.flare4j.CallListener;
import io.github.flare4j.CallOptions;
import io.github.flare4j.ChatRequest;
import io.github.flare4j.ChatStream;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.TextDelta;
import io.github.flare4j.cloudflare.Cloudflare;
import io.github.flare4j.cloudflare.Transport;
import io.github.flare4j.emulator.AgentFault;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.Fault;
import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.error.NetworkException;
import io.github.flare4j.error.ResponseStatusException;
import io.github.flare4j.error.StreamTruncatedException;
import io.github.flare4j.http.Timeouts;
import io.github.flare4j.workersai.WorkersAI;
import io.github.flare4j.workersai.WorkersAIOpenAI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The call engine's retries, the same for every provider, over real HTTP: what is retried, after
 * how long, and that nothing is retried once an item reached the caller.
 */
class RetriesTest {
  static final Duration HANG_GUARD = Duration.ofSeconds(60);
  static final Timeouts TIMEOUTS =
      new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(2));

  @TempDir static Path cacheDir;
  static Emulator emulator;

  /** A provider on the emulator, and the path its chat requests go to. */
  record Target(String name, Function<Emulator, ChatProvider> provider, Function<Emulator, String> path) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Target> providers() {
    return Stream.of(
        new Target("playground /api/inference", e -> Cloudflare.builder().baseUrl(e.baseUrl())
            .cacheDirectory(cacheDir).timeouts(TIMEOUTS).transport(Transport.INFERENCE).build(),
            e -> Emulator.INFERENCE_PATH),
        new Target("Workers AI REST", e -> WorkersAI.builder().accountId(e.accountId())
            .apiToken(e.apiToken()).baseUrl(e.baseUrl()).timeouts(TIMEOUTS).build(),
            e -> "/client/v4/accounts/" + e.accountId() + "/ai/run/" + MODEL),
        new Target("Workers AI OpenAI", e -> WorkersAIOpenAI.builder().accountId(e.accountId())
            .apiToken(e.apiToken()).baseUrl(e.baseUrl()).timeouts(TIMEOUTS).build(),
            e -> "/client/v4/accounts/" + e.accountId() + "/ai/v1/chat/completions"));
  }

  static final String MODEL = "@cf/meta/llama-3.1-8b-instruct-fp8";
  static final ChatRequest HELLO = ChatRequest.builder().model(MODEL).user("Hello").build();

  /** What the listener heard, one line per event. */
  final List<String> heard = Collections.synchronizedList(new ArrayList<>());
  /** Opened by the first retry the listener hears. */
  final CountDownLatch retrying = new CountDownLatch(1);
  final CallListener listener = new CallListener() {
    @Override
    public void attemptStart(int attempt) {
      heard.add("attempt " + attempt);
    }

    @Override
    public void retry(int attempt, String reason, Duration delay) {
      heard.add("retry after " + delay.toMillis() + " ms: " + reason);
      retrying.countDown();
    }

    @Override
    public void callEnd(java.util.Optional<io.github.flare4j.Usage> usage, Duration sinceStart) {
      heard.add("end");
    }

    @Override
    public void callFailed(Flare4jException error, Duration sinceStart) {
      heard.add("failed: " + error.getClass().getSimpleName());
    }
  };

  @BeforeEach
  void start() {
    emulator = Emulator.start();
    emulator.rateLimitRetryAfter(1);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  CallOptions options() {
    return CallOptions.builder().listener(listener).build();
  }

  List<String> chatPaths(Target target) {
    String path = target.path().apply(emulator);
    return emulator.requests().stream().map(r -> r.path())
        .filter(p -> p.startsWith(path)).toList();
  }

  @ParameterizedTest
  @MethodSource("providers")
  void aRateLimitIsRetriedAfterTheRetryAfterItAskedFor(Target target) {
    emulator.enqueueFault(Fault.RATE_LIMIT, target.path().apply(emulator));

    String text = assertTimeoutPreemptively(HANG_GUARD,
        () -> target.provider().apply(emulator).complete(HELLO, options()).text());

    assertThat(text).isNotEmpty();
    assertThat(chatPaths(target)).as("two requests").hasSize(2);
    assertThat(heard).first().isEqualTo("attempt 1");
    assertThat(heard.get(1)).startsWith("retry after 1000 ms: ").contains("429");
    assertThat(heard.subList(2, heard.size())).containsExactly("attempt 2", "end");
  }

  @ParameterizedTest
  @MethodSource("providers")
  void aServerErrorIsRetriedWithBackoff(Target target) {
    emulator.enqueueFault(Fault.SERVER_ERROR, target.path().apply(emulator));

    assertTimeoutPreemptively(HANG_GUARD,
        () -> target.provider().apply(emulator).complete(HELLO, options()));

    assertThat(chatPaths(target)).hasSize(2);
    assertThat(heard.get(1)).startsWith("retry after ").contains("500");
    long delay = Long.parseLong(heard.get(1).replaceAll("retry after (\\d+) ms.*", "$1"));
    assertThat(delay).as("the first backoff, with jitter").isBetween(250L, 500L);
  }

  @ParameterizedTest
  @MethodSource("providers")
  void anAuthenticationRefusalIsSentOnce(Target target) {
    emulator.enqueueFault(Fault.UNAUTHORIZED, target.path().apply(emulator));

    assertThatThrownBy(() -> target.provider().apply(emulator).complete(HELLO, options()))
        .isInstanceOf(ResponseStatusException.class).hasMessageContaining("401");

    assertThat(chatPaths(target)).hasSize(1);
    assertThat(heard).containsExactly("attempt 1", "failed: MissingAuthException");
  }

  @ParameterizedTest
  @MethodSource("providers")
  void aFailureAfterTheFirstTokenIsNotRetried(Target target) {
    emulator.enqueueFault(Fault.RESET, target.path().apply(emulator));
    List<ResponseItem> items = new ArrayList<>();

    assertThatThrownBy(() -> {
      try (ChatStream stream = target.provider().apply(emulator)
          .stream(HELLO, options())) {
        stream.forEach(items::add);
      }
    }).isInstanceOf(StreamTruncatedException.class).cause().isInstanceOf(NetworkException.class);

    assertThat(items).as("the start, then the tokens before the break").hasSizeGreaterThan(1)
        .first().isInstanceOf(io.github.flare4j.ResponseStart.class);
    assertThat(items.get(1)).isInstanceOf(TextDelta.class);
    assertThat(chatPaths(target)).as("never sent again: a token would repeat").hasSize(1);
  }

  @ParameterizedTest
  @MethodSource("providers")
  void retriesCanBeTurnedOffAndEndAtTheirLimit(Target target) {
    emulator.enqueueFault(Fault.SERVER_ERROR, target.path().apply(emulator));
    ChatProvider provider = target.provider().apply(emulator);

    assertThatThrownBy(() -> provider.complete(HELLO, options().toBuilder().maxRetries(0).build()))
        .isInstanceOf(ResponseStatusException.class);
    assertThat(chatPaths(target)).hasSize(1);

    for (int i = 0; i < 3; i++) {
      emulator.enqueueFault(Fault.SERVER_ERROR, target.path().apply(emulator));
    }
    assertThatThrownBy(() -> assertTimeoutPreemptively(HANG_GUARD,
            () -> provider.complete(HELLO, options().toBuilder().maxRetries(1).build())))
        .isInstanceOf(ResponseStatusException.class);
    assertThat(chatPaths(target)).as("1 + 2 attempts").hasSize(3);
  }

  @ParameterizedTest
  @MethodSource("providers")
  void aWaitPastTheDeadlineIsNotTaken(Target target) {
    emulator.rateLimitRetryAfter(30);
    emulator.enqueueFault(Fault.RATE_LIMIT, target.path().apply(emulator));

    assertThatThrownBy(() -> assertTimeoutPreemptively(HANG_GUARD, () -> target.provider()
            .apply(emulator).complete(HELLO,
                options().toBuilder().timeout(Duration.ofSeconds(5)).build())))
        .isInstanceOf(ResponseStatusException.class).hasMessageContaining("429");
    assertThat(chatPaths(target)).hasSize(1);
  }

  /** Closing the stream while it waits to retry ends the wait: the 30 s it was asked for are not spent. */
  @Test
  void closingDuringTheWaitBeforeARetryEndsIt() throws Exception {
    emulator.rateLimitRetryAfter(30);
    Target target = providers().findFirst().orElseThrow();
    emulator.enqueueFault(Fault.RATE_LIMIT, target.path().apply(emulator));
    ChatStream stream = target.provider().apply(emulator).stream(HELLO, options());
    Thread reader = Thread.ofVirtual().start(() -> stream.forEach(item -> { }));
    assertThat(retrying.await(20, TimeUnit.SECONDS)).as("the engine announced its retry").isTrue();
    assertThat(heard).last().asString().startsWith("retry after 30000 ms");
    // The retry is announced before the wait: close only once the reader is in the timed wait, so
    // that closing is shown to end a wait under way, not one that had yet to start.
    awaitState(reader, Thread.State.TIMED_WAITING);

    stream.close();

    assertThat(reader.join(Duration.ofSeconds(20))).as("the reader was let go").isTrue();
    assertThat(chatPaths(target)).as("no second attempt").hasSize(1);
  }

  /** The Agents socket: a refusal is sent once; a socket broken mid-reply is not opened again. */
  @Test
  void theAgentsSocketFollowsTheSameRules() {
    Cloudflare agents = Cloudflare.builder().baseUrl(emulator.baseUrl()).cacheDirectory(cacheDir)
        .timeouts(TIMEOUTS).transport(Transport.AGENTS).build();
    emulator.enqueueAgentFault(AgentFault.REFUSE_NON_BROWSER);
    assertThatThrownBy(() -> agents.complete(HELLO, options()))
        .isInstanceOf(ResponseStatusException.class).hasMessageContaining("403");
    assertThat(upgrades()).hasSize(1);

    emulator.enqueueAgentFault(AgentFault.CLOSE_MID_STREAM);
    assertThatThrownBy(() -> assertTimeoutPreemptively(HANG_GUARD,
            () -> agents.complete(HELLO, options())))
        .isInstanceOf(StreamTruncatedException.class).cause().isInstanceOf(NetworkException.class);
    assertThat(upgrades()).hasSize(2);
  }

  private List<String> upgrades() {
    return emulator.requests().stream().map(r -> r.path())
        .filter(p -> p.startsWith(Emulator.AGENTS_PATH)).toList();
  }

  /**
   * Waits, up to a generous bound, for {@code thread} to reach {@code state} (a thread parked in
   * a wait that nothing else ends); fails if it ends or does not get there.
   */
  static void awaitState(Thread thread, Thread.State state) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (thread.getState() != state) {
      assertThat(thread.isAlive()).as("still waiting to retry").isTrue();
      assertThat(System.nanoTime() - until).as("the reader reaches " + state).isNegative();
      Thread.onSpinWait();
    }
  }
}
