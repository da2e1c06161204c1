package io.github.flare4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.flare4j.FaultMatrixTest.Column;
import io.github.flare4j.FaultMatrixTest.Row;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.RecordedRequest;
import io.github.flare4j.emulator.StreamFormat;
import io.github.flare4j.emulator.proxy.TestProxy;
import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.provider.ChatProvider;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * No secret ever shows: every scenario of the fault matrix, against every provider and transport,
 * with an API token, cookies (given ones and the ones the service hands out) and a proxy password,
 * while every logger of the JVM (flare4j's, OkHttp's, everything on the root logger) logs at its
 * most verbose level into a buffer. Neither that buffer, nor any exception (message, causes,
 * suppressed, stack trace), nor the {@code toString()} of the provider, the request, the call
 * options, the response info or any item may contain a secret.
 */
class SecretsTest {
  static final String API_TOKEN = "tok3n-S3CR3T-91f2e0";
  static final String PROXY_PASSWORD = "pr0xy-S3CR3T-77ab";
  static final String CLEARANCE = "cl3arance-S3CR3T-c0ffee";
  static final String SESSION_COOKIE = "s3ssion-S3CR3T-beef";
  static final Duration DEADLINE = Duration.ofSeconds(8);

  @TempDir Path cacheRoot;
  int cacheDirs;

  final Logger root = Logger.getLogger("");
  final Buffer buffer = new Buffer();
  Level savedLevel;

  /** Formats every record, its stack trace included, as the default console handler would. */
  static final class Buffer extends Handler {
    final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    final SimpleFormatter formatter = new SimpleFormatter();

    Buffer() {
      setLevel(Level.ALL);
    }

    @Override
    public void publish(LogRecord record) {
      lines.add(formatter.format(record));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  @BeforeEach
  void logEverything() {
    savedLevel = root.getLevel();
    root.setLevel(Level.ALL);
    root.addHandler(buffer);
  }

  @AfterEach
  void restoreLogging() {
    root.removeHandler(buffer);
    root.setLevel(savedLevel);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Column.class)
  void noScenarioShowsASecret(Column column) {
    int logLines = 0;
    for (Row row : Row.values()) {
      try (Emulator emulator = Emulator.builder().apiToken(API_TOKEN)
              .stallDuration(Duration.ofSeconds(20)).start();
          TestProxy proxy = TestProxy.socks5("flare4j", PROXY_PASSWORD)) {
        emulator.rateLimitRetryAfter(1);
        emulator.format(column == Column.V5 ? StreamFormat.V5 : StreamFormat.V4);
        if (!row.inject(column, emulator)) {
          continue;
        }
        buffer.lines.clear();
        List<String> shown = assertTimeoutPreemptively(DEADLINE.plusSeconds(20),
            () -> run(column, emulator, proxy), column + " × " + row + " hung");
        shown.addAll(buffer.lines);
        logLines += buffer.lines.size();

        Set<String> secrets = new LinkedHashSet<>(List.of(API_TOKEN, PROXY_PASSWORD, CLEARANCE,
            SESSION_COOKIE));
        for (RecordedRequest request : emulator.requests()) {
          request.cookies().values().stream().filter(v -> v.length() >= 8).forEach(secrets::add);
        }
        assertThat(proxy.seen()).as(column + " × " + row + " goes through the proxy").isNotEmpty();
        assertThat(proxy.authFailures()).as(column + " × " + row + ": the proxy took the password")
            .isZero();
        for (String text : shown) {
          for (String secret : secrets) {
            assertThat(text).as(column + " × " + row + " shows a secret").doesNotContain(secret);
          }
        }
      }
    }
    assertThat(logLines).as("the most verbose level logs something to look at").isPositive();
  }

  /** Runs one call through the proxy and returns everything it shows, but the log. */
  List<String> run(Column column, Emulator emulator, TestProxy proxy) {
    ChatProvider provider = column.provider(emulator, cacheRoot.resolve("c" + cacheDirs++));
    ChatRequest request = ChatRequest.builder().model(FaultMatrixTest.MODEL).user("Hello").build();
    CallOptions options = CallOptions.builder().timeout(DEADLINE).proxy(proxy.url())
        .cookie("cf_clearance", CLEARANCE).cookie("session", SESSION_COOKIE).build();
    List<String> shown = new ArrayList<>(List.of(provider.toString(), request.toString(),
        options.toString()));
    try (ChatStream stream = provider.stream(request, options)) {
      try {
        for (ResponseItem item : stream) {
          shown.add(item.toString());
        }
      } finally {
        stream.responseInfo().ifPresent(info -> shown.add(info.toString()));
      }
    } catch (Flare4jException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      shown.add(trace.toString());
      shown.add(e.toString());
    }
    return shown;
  }
}
