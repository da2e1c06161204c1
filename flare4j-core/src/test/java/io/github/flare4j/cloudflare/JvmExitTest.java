package io.github.flare4j.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.emulator.Emulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program that used the Agents socket exits as soon as its {@code main} returns: every thread
 * flare4j or its OkHttp client starts is a daemon. Before, OkHttp's dispatcher kept the JVM alive
 * for about a minute.
 */
class JvmExitTest {
  /** A bound, not a timing: the hang it catches lasted 60 s. */
  static final long EXIT_BOUND_SECONDS = 30;

  @TempDir Path dir;

  @Test
  void programThatChattedOverTheSocketExitsWhenMainReturns() throws Exception {
    try (Emulator emulator = Emulator.start()) {
      String java = ProcessHandle.current().info().command().orElseThrow();
      Path output = dir.resolve("out.txt");
      Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
              AgentsChatMain.class.getName(), emulator.baseUrl(), dir.resolve("cache").toString()))
          .redirectErrorStream(true)
          .redirectOutput(output.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
          .start();
      try {
        boolean exited = child.waitFor(EXIT_BOUND_SECONDS, TimeUnit.SECONDS);

        assertThat(exited).as("the JVM exited by itself; it printed: %s", read(output)).isTrue();
        assertThat(child.exitValue()).as(read(output)).isZero();
        assertThat(read(output)).contains(CloudflareAgentsTest.GREETING);
      } finally {
        child.destroyForcibly();
      }
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }
}
