package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.emulator.Emulator;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the {@code ./flare4j} launcher (bash) on a copy of the project's layout holding only the
 * launcher and the shaded jar, so that it never builds, with {@code JAVA_HOME} set to the JDK that
 * runs this test: its ahead-of-time cache (an AOT cache on JDK 25+, a CDS archive before) is made
 * in the background after a first run and used by the next, and a cache the JVM cannot use never
 * changes a command's output. Run by maven-failsafe-plugin.
 */
class LauncherIT {
  static final Path LAUNCHER = Path.of(System.getProperty("flare4j.launcher", "../flare4j"));
  static final String JAVA_HOME = System.getProperty("java.home");

  @TempDir
  Path root;

  Path cacheDir;
  Emulator emulator;

  @BeforeAll
  static void checkTheLauncherAndTheJar() {
    assertThat(LAUNCHER).isRegularFile();
    assertThat(Flare4jCliIT.JAR).as("run 'mvn package' first").isRegularFile();
  }

  @BeforeEach
  void copyTheLauncherAndTheJar() throws IOException {
    Files.copy(LAUNCHER, root.resolve("flare4j"));
    Path target = Files.createDirectories(root.resolve("flare4j-cli/target"));
    Files.copy(Flare4jCliIT.JAR, target.resolve("flare4j-cli-all.jar"));
    // Older than any cache written below, as a jar built before its cache is.
    Files.setLastModifiedTime(target.resolve("flare4j-cli-all.jar"),
        FileTime.from(Instant.now().minus(Duration.ofHours(1))));
    cacheDir = root.resolve("cookies");
    emulator = Emulator.start();
  }

  @AfterEach
  void stopEmulator() {
    emulator.close();
  }

  /** The cache the launcher makes and uses for this JDK and {@code kind} (aot or cds). */
  Path cache(String kind) {
    return root.resolve("flare4j-cli/target/flare4j-cli-all."
        + Path.of(JAVA_HOME).getFileName() + "." + kind);
  }

  String kind() {
    return Runtime.version().feature() >= 25 ? "aot" : "cds";
  }

  ProcessRun run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", root.resolve("flare4j").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("FLARE4J_")
        || name.startsWith("CLOUDFLARE_") || name.equals("JAVA_TOOL_OPTIONS"));
    builder.environment().put("JAVA_HOME", JAVA_HOME);
    builder.environment().putAll(env);
    return ProcessRun.of(builder, root);
  }

  ProcessRun chat(Map<String, String> env) throws IOException, InterruptedException {
    return run(env, "chat", "--base-url", emulator.baseUrl(), "--cache-dir", cacheDir.toString(),
        "--transport", "inference", "--no-browser", "Hello", "there");
  }

  void assertChatReplied(ProcessRun chat) {
    assertThat(chat.exitCode()).as("%s", chat).isZero();
    assertThat(chat.out()).isEqualTo(ChatCommandTest.GREETING + "\n");
    assertThat(chat.err()).isEmpty();
  }

  @Test
  void serveRunsWithItsOptionsFileAndACollectorOfTheUsersReplacesItsOwn() throws Exception {
    Path options = LAUNCHER.resolveSibling("flare4j-cli/jvm/serve.options");
    Files.copy(options, Files.createDirectories(root.resolve("flare4j-cli/jvm"))
        .resolve("serve.options"));

    ProcessRun own = run(Map.of("FLARE4J_JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "serve",
        "--help");
    assertThat(own.exitCode()).as("%s", own).isZero();
    assertThat(own.out()).contains("-XX:+UseSerialGC").contains("-XX:MaxHeapSize=134217728")
        .contains("Runs the OpenAI- and Anthropic-compatible gateway");

    ProcessRun g1 = run(Map.of("FLARE4J_JAVA_OPTS", "-XX:+UseG1GC -XX:+PrintCommandLineFlags"),
        "serve", "--help");
    assertThat(g1.exitCode()).as("%s", g1).isZero();
    assertThat(g1.out()).contains("-XX:+UseG1GC").doesNotContain("UseSerialGC")
        .contains("-XX:MaxHeapSize=134217728");

    ProcessRun bigger = run(Map.of("FLARE4J_JAVA_OPTS", "-Xmx512m -XX:+PrintCommandLineFlags"),
        "serve", "--help");
    assertThat(bigger.exitCode()).as("%s", bigger).isZero();
    assertThat(bigger.out()).as("the user's options come last").contains("-XX:MaxHeapSize=536870912");
  }

  @Test
  void theCacheIsMadeInTheBackgroundAfterARunAndUsedByTheNext() throws Exception {
    // One left from an older jar: not used, and made again.
    Path cache = cache(kind());
    Files.writeString(cache, "a cache of an older jar");
    Files.setLastModifiedTime(cache, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

    Path log = root.resolve("flare4j-cli/target/aot-cache.log");
    try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
      // Watched before the run, so no write of the background job's log is missed.
      log.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_MODIFY);
      ProcessRun first = run(Map.of(), "--version");
      assertThat(first.exitCode()).as("%s", first).isZero();
      assertThat(first.out()).startsWith("flare4j 0.");
      assertThat(first.err()).isEmpty();

      // The job writes its log as it goes: wait for its last line, at most 100 s in all.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(100);
      while (!(Files.exists(log) && Files.readString(log).contains("flare4j: made"))) {
        WatchKey key = watcher.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (key == null) {
          break; // the assertion below says what the log holds
        }
        key.pollEvents();
        key.reset();
      }
    }
    assertThat(log).content().contains("flare4j: made " + cache);
    assertThat(Files.size(cache)).isGreaterThan(1_000_000);
    try (var files = Files.list(cache.getParent())) {
      assertThat(files.map(path -> path.getFileName().toString()))
          .as("no temporary file left").noneMatch(name -> name.endsWith(".tmp"));
    }

    Path classes = root.resolve("classes.log");
    ProcessRun chat = chat(Map.of("FLARE4J_JAVA_OPTS", "-Xlog:class+load=info:file=" + classes));
    assertChatReplied(chat);
    assertThat(Files.readAllLines(classes))
        .as("the chat's classes come from the cache")
        .anyMatch(line -> line.contains(" io.github.flare4j.cli.ChatCommand source: shared objects file"));
  }

  @Test
  void aCacheTheJvmCannotUseChangesNothing() throws Exception {
    for (String kind : List.of(kind(), "cds")) {
      // Newer than the jar and the JDK, so the launcher hands it to the JVM, which refuses it.
      Files.writeString(cache(kind), "not a cache at all");
      Map<String, String> env = Map.of("FLARE4J_AOT_KIND", kind);

      ProcessRun version = run(env, "--version");
      ProcessRun chat = chat(env);

      assertThat(version.exitCode()).as("%s", version).isZero();
      assertThat(version.out()).startsWith("flare4j 0.").doesNotContain("aot").doesNotContain("cds");
      assertThat(version.err()).isEmpty();
      assertChatReplied(chat);
    }
  }
}
