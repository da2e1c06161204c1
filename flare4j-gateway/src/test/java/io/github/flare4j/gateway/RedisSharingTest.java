package io.github.flare4j.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.Flare4j;
import io.github.flare4j.cloudflare.Cloudflare;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.gateway.ops.RedisCredentialStore;
import io.github.flare4j.gateway.ops.RedisRateLimiter;
import io.github.flare4j.provider.FileCredentialStore;
import io.github.flare4j.spi.SessionArgs;
import io.github.flare4j.spi.StoredCredentials;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several nodes sharing a real redis-server: rate-limit counters and the playground's
 * credentials, and what each does when Redis stops.
 */
class RedisSharingTest {
  static final StoredCredentials CREDENTIALS = new StoredCredentials(new SessionArgs(
      Map.of("user-agent", "Mozilla/5.0 (test)"),
      Map.of("cf_clearance", "clearance-value-1", "session", "s-1"),
      Map.of("cf_clearance", Instant.parse("2030-01-01T00:00:00Z"))), "agents");

  @TempDir Path cacheDir;
  @TempDir Path nodeA;
  @TempDir Path nodeB;
  RedisServer redis;
  Emulator emulator;
  Flare4j flare4j;
  final HttpClient http = HttpClient.newHttpClient();
  final List<AutoCloseable> closing = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    redis = RedisServer.start();
    emulator = Emulator.start();
    flare4j = Flare4j.builder().cacheDirectory(cacheDir).noBrowser().build();
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable each : closing.reversed()) {
      each.close();
    }
    // Without redis-server the test was skipped in start(), before anything else was made.
    if (flare4j != null) {
      flare4j.close();
    }
    if (emulator != null) {
      emulator.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  <T extends AutoCloseable> T closeLater(T closeable) {
    closing.add(closeable);
    return closeable;
  }

  Gateway node(int limit) {
    Cloudflare playground = Cloudflare.builder().client(flare4j).baseUrl(emulator.baseUrl()).build();
    return closeLater(Gateway.builder().provider("playground", playground).port(0)
        .apiKeys(Set.of("k-1")).rateLimitPerMinute(limit).clock(GatewayOpsTest.AT_45_S)
        .redis(redis.uri()).build().start());
  }

  int models(Gateway gateway) throws Exception {
    return http.send(HttpRequest.newBuilder(gateway.uri().resolve("/v1/models"))
        .header("Authorization", "Bearer k-1").build(), HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  @Test
  void nodesShareTheRateLimitCounters() throws Exception {
    Gateway a = node(3);
    Gateway b = node(3);
    assertThat(models(a)).isEqualTo(200);
    assertThat(models(b)).isEqualTo(200);
    assertThat(models(a)).isEqualTo(200);
    assertThat(models(b)).as("the fourth request of the key, on either node").isEqualTo(429);
    assertThat(models(a)).isEqualTo(429);
  }

  @Test
  void whenRedisStopsEachNodeCountsAloneAndWarnsOnce() throws Exception {
    List<LogRecord> warnings = capture(RedisRateLimiter.class.getName());
    Gateway a = node(2);
    Gateway b = node(2);
    assertThat(models(a)).isEqualTo(200);
    assertThat(models(b)).isEqualTo(200);
    assertThat(models(a)).as("shared: the third of the key").isEqualTo(429);

    redis.close();
    assertThat(models(a)).as("Redis down: node A counts from its own zero").isEqualTo(200);
    assertThat(models(a)).isEqualTo(200);
    assertThat(models(a)).isEqualTo(429);
    assertThat(models(b)).as("node B counts alone too").isEqualTo(200);
    assertThat(warnings).filteredOn(r -> r.getLevel() == Level.WARNING).hasSize(2)
        .allSatisfy(r -> assertThat(r.getMessage()).contains("counted by this node alone"));
    assertThat(warnings.getFirst().getParameters()[0].toString())
        .isEqualTo("Redis at 127.0.0.1:" + redis.uri().substring(redis.uri().lastIndexOf(':') + 1));
  }

  @Test
  void credentialsSavedOnOneNodeAreUsedByTheOthers() {
    RedisCredentialStore a = closeLater(new RedisCredentialStore(redis.uri(),
        "http://playground.test", new FileCredentialStore(nodeA)));
    RedisCredentialStore b = closeLater(new RedisCredentialStore(redis.uri(),
        "http://playground.test", new FileCredentialStore(nodeB)));
    RedisCredentialStore elsewhere = closeLater(new RedisCredentialStore(redis.uri(),
        "http://other.test", new FileCredentialStore(cacheDir)));
    assertThat(b.load("Cloudflare")).isEmpty();

    a.save("Cloudflare", CREDENTIALS);
    assertThat(b.load("Cloudflare")).hasValue(CREDENTIALS);
    assertThat(elsewhere.load("Cloudflare")).as("another base URL, other credentials").isEmpty();
    assertThat(new FileCredentialStore(nodeA).load("Cloudflare"))
        .as("written through to the node's own store").hasValue(CREDENTIALS);

    Optional<StoredCredentials> updated = b.update("Cloudflare", old -> old.map(c ->
        new StoredCredentials(c.args().withCookies(Map.of("session", "s-2")), c.transport())));
    assertThat(updated.orElseThrow().args().cookies()).containsEntry("session", "s-2");
    assertThat(a.load("Cloudflare")).isEqualTo(updated);

    a.delete("Cloudflare");
    assertThat(b.load("Cloudflare")).isEmpty();
    assertThat(a.toString()).doesNotContain("clearance-value-1");
  }

  @Test
  void updatesFromSeveralNodesAtOnceLoseNothing() throws Exception {
    RedisCredentialStore a = closeLater(new RedisCredentialStore(redis.uri(), "",
        new FileCredentialStore(nodeA)));
    RedisCredentialStore b = closeLater(new RedisCredentialStore(redis.uri(), "",
        new FileCredentialStore(nodeB)));
    a.save("Cloudflare", StoredCredentials.of(new SessionArgs(Map.of("n", "0"), Map.of())));
    try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
      List<Future<?>> done = new ArrayList<>();
      for (RedisCredentialStore store : List.of(a, b, a, b)) {
        done.add(threads.submit(() -> {
          for (int i = 0; i < 10; i++) {
            store.update("Cloudflare", old -> Optional.of(StoredCredentials.of(new SessionArgs(
                Map.of("n", Integer.toString(Integer.parseInt(old.orElseThrow().args()
                    .header("n")) + 1)), Map.of()))));
          }
        }));
      }
      for (Future<?> each : done) {
        each.get(60, TimeUnit.SECONDS);
      }
    }
    assertThat(b.load("Cloudflare").orElseThrow().args().header("n")).isEqualTo("40");
  }

  @Test
  void whenRedisStopsCredentialsComeFromTheNodesOwnStore() {
    List<LogRecord> warnings = capture(RedisCredentialStore.class.getName());
    RedisCredentialStore a = closeLater(new RedisCredentialStore(redis.uri(), "",
        new FileCredentialStore(nodeA)));
    RedisCredentialStore b = closeLater(new RedisCredentialStore(redis.uri(), "",
        new FileCredentialStore(nodeB)));
    a.save("Cloudflare", CREDENTIALS);

    redis.close();
    assertThat(a.load("Cloudflare")).as("node A's last credentials, from its file")
        .hasValue(CREDENTIALS);
    assertThat(b.load("Cloudflare")).as("node B never had them").isEmpty();
    StoredCredentials fresh = new StoredCredentials(CREDENTIALS.args()
        .withCookies(Map.of("cf_clearance", "clearance-value-2")), "agents");
    b.save("Cloudflare", fresh);
    assertThat(b.load("Cloudflare")).hasValue(fresh);
    assertThat(b.update("Cloudflare", old -> Optional.empty())).isEmpty();
    assertThat(b.load("Cloudflare")).isEmpty();
    assertThat(a.fallingBack()).isTrue();
    assertThat(warnings).filteredOn(r -> r.getLevel() == Level.WARNING).as("once per store")
        .hasSize(2);
    assertThat(warnings).allSatisfy(r -> assertThat(java.util.Arrays.toString(
        r.getParameters())).doesNotContain("clearance-value"));
  }

  @Test
  void aBadRedisUriIsRefusedWithoutQuotingIt() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Gateway.builder()
        .redis("http://:hunter2@nowhere")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("redis://").hasMessageNotContaining("hunter2");
  }

  List<LogRecord> capture(String loggerName) {
    Logger logger = Logger.getLogger(loggerName);
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        records.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    logger.addHandler(handler);
    closing.add(() -> logger.removeHandler(handler));
    closing.add(() -> { }); // keeps the logger reachable through the lambda above
    return records;
  }
}
