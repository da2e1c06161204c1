package io.github.flare4j.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.provider.SessionArgs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthFileTest {
  @TempDir Path dir;

  @Test
  void writeThenReadGivesTheSameArgs() {
    SessionArgs args = new SessionArgs(
        Map.of("user-agent", "UA \"quoted\""), Map.of("__cf_bm", "v=1;2"));
    AuthFile file = new AuthFile(dir.resolve("auth_Test.json"));

    file.write(args);

    assertThat(file.read()).contains(args);
  }

  @Test
  void theTransportThatWorkedIsKeptWithTheArgs() throws Exception {
    SessionArgs args = new SessionArgs(Map.of("user-agent", "UA"), Map.of("cf_clearance", "c"));
    AuthFile file = new AuthFile(dir.resolve("auth_Test.json"));

    file.write(args, "agents");

    assertThat(file.read()).contains(args);
    assertThat(file.readTransport()).contains("agents");
    assertThat(Files.readString(file.path())).endsWith(",\"transport\":\"agents\"}");
  }

  @Test
  void aFileWithoutTransportHasNone() {
    AuthFile file = new AuthFile(dir.resolve("auth_Test.json"));

    file.write(new SessionArgs(Map.of(), Map.of()));

    assertThat(file.readTransport()).isEmpty();
    assertThat(new AuthFile(dir.resolve("none.json")).readTransport()).isEmpty();
  }

  @Test
  void missingFoldersAreCreatedOwnerOnly() throws Exception {
    Path nested = dir.resolve("a/b/auth_Test.json");

    new AuthFile(nested).write(new SessionArgs(Map.of(), Map.of()));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested.getParent())))
        .isEqualTo("rwx------");
  }

  @Test
  void theSeedsJsonDumpIsReadIgnoringOtherFields() throws Exception {
    Path path = dir.resolve("auth_Cloudflare.json");
    Files.writeString(path, "{\"headers\": {\"origin\": \"https://x\"}, \"cookies\": {\"a\": \"b\"},"
        + " \"extra\": [1, 2]}");

    assertThat(new AuthFile(path).read())
        .contains(new SessionArgs(Map.of("origin", "https://x"), Map.of("a", "b")));
  }

  @Test
  void unreadableFileReadsAsAbsent() throws Exception {
    Path path = dir.resolve("auth_Test.json");
    Files.writeString(path, "[]");

    assertThat(new AuthFile(path).read()).isEmpty();
    assertThat(new AuthFile(dir.resolve("none.json")).read()).isEmpty();
  }

  @Test
  void deleteRemovesTheFileAndToleratesItsAbsence() {
    AuthFile file = new AuthFile(dir.resolve("auth_Test.json"));
    file.write(new SessionArgs(Map.of(), Map.of()));

    file.delete();
    file.delete();

    assertThat(file.path()).doesNotExist();
  }
}
