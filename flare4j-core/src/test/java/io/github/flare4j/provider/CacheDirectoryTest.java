package io.github.flare4j.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheDirectoryTest {
  @Test
  void explicitFolderWins() {
    assertThat(CacheDirectory.resolve(Path.of("/x"), Map.of("FLARE4J_CACHE_DIR", "/y"), "/home/u"))
        .isEqualTo(Path.of("/x"));
  }

  @Test
  void thenTheOwnVariableThenXdgThenHome() {
    assertThat(CacheDirectory.resolve(null,
        Map.of("FLARE4J_CACHE_DIR", "/y", "XDG_CACHE_HOME", "/xdg"), "/home/u"))
        .isEqualTo(Path.of("/y"));
    assertThat(CacheDirectory.resolve(null, Map.of("XDG_CACHE_HOME", "/xdg"), "/home/u"))
        .isEqualTo(Path.of("/xdg/flare4j"));
    assertThat(CacheDirectory.resolve(null, Map.of(), "/home/u"))
        .isEqualTo(Path.of("/home/u/.cache/flare4j"));
  }
}
