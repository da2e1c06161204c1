package io.github.flare4j.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.flare4j.spi.SessionArgs;
import io.github.flare4j.spi.StoredCredentials;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default store on real files in a temporary folder. */
class FileCredentialStoreTest {
  static final String KEY = "Test";

  @TempDir Path dir;

  static SessionArgs args(String clearance) {
    return new SessionArgs(Map.of("user-agent", "UA \"quoted\""),
        Map.of("cf_clearance", clearance, "__cf_bm", "v=1;2"),
        Map.of("cf_clearance", Instant.ofEpochSecond(1767225600L)));
  }

  static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  static void assumePosix() {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "POSIX permissions");
  }

  @Test
  void theFileIsNamedAfterTheKey() {
    FileCredentialStore store = new FileCredentialStore(dir);

    assertThat(store.path("Cloudflare")).isEqualTo(dir.resolve("auth_Cloudflare.json"));
  }

  @Test
  void saveThenLoadGivesTheSameCredentialsWithExpiryAndTransport() throws Exception {
    FileCredentialStore store = new FileCredentialStore(dir);
    StoredCredentials saved = new StoredCredentials(args("c1"), "agents");

    store.save(KEY, saved);

    assertThat(store.load(KEY)).contains(saved);
    assertThat(new FileCredentialStore(dir).load(KEY)).as("another store, as another process")
        .contains(saved);
    assertThat(Files.readString(store.path(KEY)))
        .contains("\"expires\":{\"cf_clearance\":1767225600}")
        .endsWith(",\"transport\":\"agents\"}");
  }

  @Test
  void nothingSavedLoadsAsEmpty() {
    assertThat(new FileCredentialStore(dir.resolve("none")).load(KEY)).isEmpty();
  }

  @Test
  void savesLeaveNoTemporaryFileBehind() throws Exception {
    FileCredentialStore store = new FileCredentialStore(dir);

    for (int i = 0; i < 5; i++) {
      store.save(KEY, StoredCredentials.of(args("c" + i)));
    }
    store.update(KEY, current -> current);

    try (var files = Files.list(dir)) {
      assertThat(files.map(path -> path.getFileName().toString()))
          .containsExactlyInAnyOrder("auth_Test.json", ".auth_Test.json.lock");
    }
  }

  @Test
  void aMissingFolderIsCreatedOwnerOnlyAndTheFilesAreOwnerOnly() throws Exception {
    assumePosix();
    Path nested = dir.resolve("a/b");
    FileCredentialStore store = new FileCredentialStore(nested);

    store.save(KEY, StoredCredentials.of(args("c")));

    assertThat(mode(nested)).isEqualTo("rwx------");
    assertThat(mode(dir.resolve("a"))).isEqualTo("rwx------");
    assertThat(mode(store.path(KEY))).isEqualTo("rw-------");
    assertThat(mode(nested.resolve(".auth_Test.json.lock"))).isEqualTo("rw-------");
  }

  @Test
  void aFileOthersCouldReadIsReplacedByAnOwnerOnlyOne() throws Exception {
    assumePosix();
    FileCredentialStore store = new FileCredentialStore(dir);
    Files.writeString(store.path(KEY), "{\"headers\":{},\"cookies\":{}}");
    Files.setPosixFilePermissions(store.path(KEY), PosixFilePermissions.fromString("rw-r--r--"));

    store.save(KEY, StoredCredentials.of(args("c")));

    assertThat(mode(store.path(KEY))).isEqualTo("rw-------");
  }

  @Test
  void anExistingFolderOpenToOthersIsLeftAsItIsWithOneWarning() throws Exception {
    assumePosix();
    Path shared = Files.createDirectory(dir.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxr-x"));
    FileCredentialStore store = new FileCredentialStore(shared);

    List<String> warnings;
    try (LogRecorder log = LogRecorder.of(FileCredentialStore.class)) {
      store.save(KEY, StoredCredentials.of(args("c")));
      store.save(KEY, StoredCredentials.of(args("d")));
      warnings = log.warnings();
    }

    assertThat(warnings).singleElement().asString()
        .contains("can be written by other users", "chmod 700 " + shared);
    assertThat(mode(shared)).isEqualTo("rwxrwxr-x");
    assertThat(mode(store.path(KEY))).isEqualTo("rw-------");
  }

  @Test
  void aCorruptFileIsIgnoredWithOneWarningAndReplacedByTheNextSave() throws Exception {
    FileCredentialStore store = new FileCredentialStore(dir);
    Files.writeString(store.path(KEY), "{\"cookies\":{\"cf_clearance\":\"s3cret\"");

    List<String> warnings;
    try (LogRecorder log = LogRecorder.of(FileCredentialStore.class)) {
      assertThat(store.load(KEY)).isEmpty();
      assertThat(store.load(KEY)).isEmpty();
      assertThat(store.load(KEY)).isEmpty();
      warnings = log.warnings();
      store.save(KEY, StoredCredentials.of(args("fresh")));
      assertThat(log.warnings()).as("no more warnings once replaced").hasSize(1);
    }

    assertThat(warnings).singleElement().asString()
        .contains(store.path(KEY).toString(), "not valid JSON", "replaced on the next save")
        .doesNotContain("s3cret");
    assertThat(store.load(KEY)).map(c -> c.args().cookies().get("cf_clearance")).contains("fresh");
  }

  @Test
  void aFileThatBreaksAgainAfterAGoodReadIsReportedAgain() throws Exception {
    FileCredentialStore store = new FileCredentialStore(dir);
    try (LogRecorder log = LogRecorder.of(FileCredentialStore.class)) {
      Files.writeString(store.path(KEY), "[]");
      store.load(KEY);
      store.save(KEY, StoredCredentials.of(args("c")));
      assertThat(store.load(KEY)).isPresent();
      Files.writeString(store.path(KEY), "not json");
      store.load(KEY);
      store.load(KEY);

      assertThat(log.warnings()).hasSize(2);
    }
  }

  @Test
  void anyPrefixOfAFileIsCorruptNeverHalfCredentials() {
    FileCredentialStore store = new FileCredentialStore(dir);
    store.save(KEY, new StoredCredentials(args("c"), "agents"));
    byte[] whole;
    try {
      whole = Files.readAllBytes(store.path(KEY));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }

    for (int length = 0; length < whole.length; length++) {
      byte[] prefix = java.util.Arrays.copyOf(whole, length);
      assertThatThrownBy(() -> io.github.flare4j.internal.auth.AuthFileFormat.parse(prefix))
          .as("the first %d bytes", length).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void theSeedsJsonDumpIsReadIgnoringFieldsItDoesNotKnow() throws Exception {
    FileCredentialStore store = new FileCredentialStore(dir);
    Files.writeString(store.path(KEY), "{\"headers\": {\"origin\": \"https://x\"},"
        + " \"cookies\": {\"a\": \"b\"}, \"extra\": [1, {\"x\": 2}], \"expires\": {\"a\": \"soon\"}}");

    assertThat(store.load(KEY)).contains(StoredCredentials.of(
        new SessionArgs(Map.of("origin", "https://x"), Map.of("a", "b"))));
  }

  @Test
  void deleteRemovesTheFileAndToleratesItsAbsence() {
    FileCredentialStore store = new FileCredentialStore(dir);
    store.save(KEY, StoredCredentials.of(args("c")));

    store.delete(KEY);
    store.delete(KEY);

    assertThat(store.path(KEY)).doesNotExist();
    assertThat(store.load(KEY)).isEmpty();
  }

  @Test
  void deletingWhatWasNeverSavedCreatesNothing() {
    Path missing = dir.resolve("missing");

    new FileCredentialStore(missing).delete(KEY);

    assertThat(missing).doesNotExist();
  }

  @Test
  void updateSeesWhatIsKeptAndAnEmptyResultDeletesIt() {
    FileCredentialStore store = new FileCredentialStore(dir);
    List<Optional<StoredCredentials>> seen = new ArrayList<>();

    store.update(KEY, current -> {
      seen.add(current);
      return Optional.of(new StoredCredentials(args("first"), "inference"));
    });
    Optional<StoredCredentials> after = store.update(KEY, current -> {
      seen.add(current);
      return Optional.empty();
    });

    assertThat(seen.get(0)).isEmpty();
    assertThat(seen.get(1)).map(StoredCredentials::transport).contains("inference");
    assertThat(after).isEmpty();
    assertThat(store.path(KEY)).doesNotExist();
  }

  @Test
  void keysThatAreNotPlainNamesAreRefused() {
    FileCredentialStore store = new FileCredentialStore(dir);

    for (String key : List.of("../etc", "a/b", "", ".hidden")) {
      assertThatThrownBy(() -> store.load(key)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Invalid credential key");
    }
  }

  /**
   * Threads of one process through two stores on the same folder: the in-process lock keeps them
   * from asking the JVM for a file lock it already holds, and no update is lost.
   */
  @Test
  void threadsAndStoresOfOneProcessShareTheFileWithoutLosingAnUpdate() throws Exception {
    List<FileCredentialStore> stores = List.of(new FileCredentialStore(dir),
        new FileCredentialStore(dir));
    int threads = 6;
    int each = 40;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        FileCredentialStore store = stores.get(t % 2);
        done.add(pool.submit(() -> {
          for (int i = 0; i < each; i++) {
            store.update(KEY, current -> Optional.of(StoredCredentials.of(new SessionArgs(Map.of(),
                Map.of("count", String.valueOf(count(current) + 1))))));
          }
          return null;
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(count(stores.get(0).load(KEY))).isEqualTo(threads * each);
  }

  static int count(Optional<StoredCredentials> credentials) {
    return credentials.map(c -> Integer.parseInt(c.args().cookies().getOrDefault("count", "0")))
        .orElse(0);
  }

  @Test
  void toStringNamesTheFolderOnly() {
    FileCredentialStore store = new FileCredentialStore(dir);
    store.save(KEY, StoredCredentials.of(args("s3cret")));

    assertThat(store.toString()).contains(dir.toString());
    assertThat(store.toString()).doesNotContain("s3cret");
    assertThat(store.load(KEY).orElseThrow().toString()).contains("cf_clearance")
        .doesNotContain("s3cret");
  }
}
