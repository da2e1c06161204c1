package io.github.flare4j.cloudflare;

import static io.github.flare4j.cloudflare.PlaygroundFixture.hello;
import static io.github.flare4j.cloudflare.PlaygroundFixture.provider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.emulator.Fault;
import io.github.flare4j.error.ResponseStatusException;
import io.github.flare4j.provider.CredentialStore;
import io.github.flare4j.provider.FileCredentialStore;
import io.github.flare4j.spi.SessionArgs;
import io.github.flare4j.spi.StoredCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CloudflareCredentialsTest extends PlaygroundTestBase {
  @Test
  void authFileIsNamedAfterTheProviderInTheCacheFolder() {
    assertThat(cloudflare.getCacheFile()).isEqualTo(cacheDir.resolve("auth_Cloudflare.json"));
  }

  @Test
  void setCookieIsMergedAndPersistedOwnerOnly() throws Exception {
    cloudflare.complete(hello());

    String served = emulator.takeRequest().path();
    assertThat(served).isEqualTo("/api/inference");
    assertThat(cloudflare.args()).get()
        .satisfies(args -> assertThat(args.cookies()).containsKey("__cf_bm"));
    Path file = cloudflare.getCacheFile();
    assertThat(Files.readString(file)).contains("\"__cf_bm\"", "\"user-agent\"");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (var leftovers = Files.list(cacheDir)) {
      assertThat(leftovers).as("no temporary files left behind, only the writers' lock file")
          .containsExactlyInAnyOrder(file, cacheDir.resolve(".auth_Cloudflare.json.lock"));
    }
  }

  @Test
  void secondCallReusesTheCookieItWasGiven() {
    cloudflare.complete(hello());
    String cookie = cloudflare.args().orElseThrow().cookies().get("__cf_bm");

    cloudflare.complete(hello());

    emulator.takeRequest();
    assertThat(emulator.takeRequest().cookies()).containsEntry("__cf_bm", cookie);
  }

  @Test
  void aNewProviderReusesTheAuthFile() {
    cloudflare.complete(hello());
    String cookie = cloudflare.args().orElseThrow().cookies().get("__cf_bm");

    Cloudflare later = provider(emulator, cacheDir);
    later.complete(hello());

    emulator.takeRequest();
    assertThat(emulator.takeRequest().cookies()).containsEntry("__cf_bm", cookie);
  }

  @Test
  void callerCookiesAreSentAndKept() {
    cloudflare.complete(ChatRequest.of("x"),
        io.github.flare4j.CallOptions.builder().cookie("cf_clearance", "abc").build());

    assertThat(emulator.takeRequest().cookies()).containsEntry("cf_clearance", "abc");
    assertThat(cloudflare.args().orElseThrow().cookies()).containsEntry("cf_clearance", "abc");
  }

  @ParameterizedTest
  @EnumSource(value = Fault.class, names = {"CHALLENGE", "RATE_LIMIT", "SERVER_ERROR", "UNAUTHORIZED"})
  void refusalDeletesTheAuthFileAndDropsTheArgs(Fault fault) {
    cloudflare.complete(hello());
    assertThat(cloudflare.getCacheFile()).exists();

    emulator.enqueueFault(fault);
    assertThatThrownBy(() -> cloudflare.complete(hello(), PlaygroundFixture.NO_RETRIES))
        .isInstanceOf(ResponseStatusException.class);

    assertThat(cloudflare.getCacheFile()).doesNotExist();
    assertThat(cloudflare.args()).isEmpty();
  }

  @Test
  void afterARefusalTheNextCallStartsFresh() {
    cloudflare.complete(hello());
    String stale = cloudflare.args().orElseThrow().cookies().get("__cf_bm");
    emulator.enqueueFault(Fault.SERVER_ERROR);
    assertThatThrownBy(() -> cloudflare.complete(hello(), PlaygroundFixture.NO_RETRIES));

    cloudflare.complete(hello());

    emulator.takeRequest();
    emulator.takeRequest();
    assertThat(emulator.takeRequest().cookies()).doesNotContainKey("__cf_bm");
    assertThat(cloudflare.args().orElseThrow().cookies().get("__cf_bm")).isNotEqualTo(stale);
  }

  @Test
  void brokenAuthFileIsIgnored() throws Exception {
    Files.writeString(cloudflare.getCacheFile(), "{not json");

    assertThat(cloudflare.complete(hello()).finishReason().reason()).isEqualTo("stop");
    assertThat(Files.readString(cloudflare.getCacheFile())).contains("__cf_bm");
  }

  @Test
  void expiredCookiesInTheAuthFileAreNotSentAndTheOthersAre() {
    FileCredentialStore store = new FileCredentialStore(cacheDir);
    store.save("Cloudflare", StoredCredentials.of(new SessionArgs(
        Map.of("user-agent", BrowserHeaders.USER_AGENT),
        Map.of("stale", "old-value", "fresh", "kept", "session", "kept-too"),
        Map.of("stale", Instant.now().minusSeconds(60), "fresh", Instant.now().plusSeconds(3600)))));

    cloudflare.complete(hello());

    assertThat(emulator.takeRequest().cookies()).doesNotContainKey("stale")
        .containsEntry("fresh", "kept").containsEntry("session", "kept-too");
    assertThat(store.load("Cloudflare").orElseThrow().args().cookies())
        .as("what worked is saved without it").doesNotContainKey("stale").containsKey("fresh");
  }

  @Test
  void theExpiryOfACookieIsKeptInTheAuthFile() throws Exception {
    Instant expires = Instant.now().plusSeconds(3600);
    new FileCredentialStore(cacheDir).save("Cloudflare", StoredCredentials.of(new SessionArgs(
        Map.of(), Map.of("cf_clearance", "c"), Map.of("cf_clearance", expires))));

    cloudflare.complete(hello());

    assertThat(Files.readString(cloudflare.getCacheFile()))
        .contains("\"expires\":{\"cf_clearance\":" + expires.getEpochSecond() + "}");
  }

  @Test
  void aGivenCredentialStoreIsUsedUnderTheProvidersNameAndTheCacheFolderIsLeftAlone()
      throws Exception {
    Map<String, StoredCredentials> kept = new ConcurrentHashMap<>();
    CredentialStore inMemory = new CredentialStore() {
      @Override
      public Optional<StoredCredentials> load(String key) {
        return Optional.ofNullable(kept.get(key));
      }

      @Override
      public void save(String key, StoredCredentials credentials) {
        kept.put(key, credentials);
      }

      @Override
      public void delete(String key) {
        kept.remove(key);
      }

      @Override
      public Optional<StoredCredentials> update(
          String key, UnaryOperator<Optional<StoredCredentials>> change) {
        return Optional.ofNullable(kept.compute(key,
            (name, old) -> change.apply(Optional.ofNullable(old)).orElse(null)));
      }
    };
    Cloudflare withStore = Cloudflare.builder().baseUrl(emulator.baseUrl()).cacheDirectory(cacheDir)
        .timeouts(PlaygroundFixture.TEST_TIMEOUTS).transport(Transport.INFERENCE)
        .credentialStore(inMemory).build();

    withStore.complete(hello());

    assertThat(withStore.credentialStore()).isSameAs(inMemory);
    assertThat(kept).containsOnlyKeys("Cloudflare");
    assertThat(kept.get("Cloudflare").transport()).isEqualTo("inference");
    assertThat(kept.get("Cloudflare").args().cookies()).containsKey("__cf_bm");
    try (var files = Files.list(cacheDir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aBrokenAuthFileIsReportedOnceAcrossTheCallsThatReadIt() throws Exception {
    Files.writeString(cloudflare.getCacheFile(), "{not json");
    Cloudflare auto = Cloudflare.builder().baseUrl(emulator.baseUrl()).cacheDirectory(cacheDir)
        .timeouts(PlaygroundFixture.TEST_TIMEOUTS).build();
    java.util.logging.Logger logger =
        java.util.logging.Logger.getLogger(FileCredentialStore.class.getName());
    List<String> warnings = new CopyOnWriteArrayList<>();
    java.util.logging.Handler handler = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord record) {
        if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
          warnings.add(record.getMessage());
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    logger.addHandler(handler);
    try {
      assertThat(auto.workedTransport()).isEmpty();
      assertThat(auto.complete(hello()).finishReason().reason()).isEqualTo("stop");
    } finally {
      logger.removeHandler(handler);
    }

    assertThat(warnings).hasSize(1);
    assertThat(auto.workedTransport()).contains(Transport.AGENTS);
  }

  @Test
  void argsToStringHidesCookieValues() {
    cloudflare.complete(ChatRequest.of("x"),
        io.github.flare4j.CallOptions.builder().cookie("cf_clearance", "s3cret").build());

    assertThat(cloudflare.args().orElseThrow().toString()).contains("cf_clearance")
        .doesNotContain("s3cret");
  }
}
