package io.github.flare4j.cli;

import io.github.flare4j.emulator.Emulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The training run behind the {@code ./flare4j} launcher's ahead-of-time cache: not part of the
 * command line, run as {@code java -XX:AOTCacheOutput=FILE -cp flare4j-cli-all.jar
 * io.github.flare4j.cli.AotTraining} (or with {@code -XX:ArchiveClassesAtExit} on JDK 21 to 24).
 *
 * <p>The JVM keeps in the cache the classes this run loads (and, on JDK 25, how its methods ran),
 * and every later run that uses the cache starts with them ready. So this run does what users do:
 * {@code --version}, {@code chat} over the default transport (the Agents socket) with and without
 * saved cookies, over {@code /api/inference}, in JSON, through Workers AI and its OpenAI-compatible
 * route, and {@code models}, each as {@link Main} runs it, against the
 * project's emulator over loopback.
 *
 * <p>The emulator runs in a separate JVM ({@code AotTraining --serve}), so that its classes
 * (Jetty's among them) stay out of the cache: a cached class is loaded at every start. It stops
 * when its standard input closes, so it never outlives this run. The chats use a temporary cache
 * folder (never the user's) and an environment with no Chromium, so no browser is started.
 * Replies go nowhere; the exit code is 0 only when every command succeeded.
 */
public final class AotTraining {
  private static final String SERVE = "--serve";
  private static final String PROMPT = "Write a long story.";

  private AotTraining() {}

  /**
   * Runs the training, or the emulator for it with {@code --serve}.
   *
   * @param args none, or {@code --serve}
   * @throws Exception when the emulator cannot be started or a command fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 1 && args[0].equals(SERVE)) {
      serve();
      return;
    }
    if (args.length != 0) {
      throw new IllegalArgumentException("usage: AotTraining [--serve]");
    }
    Path cache = Files.createTempDirectory("flare4j-aot-training");
    Process emulator = startEmulator();
    int failures;
    try {
      String[] served = awaitAddress(emulator);
      failures = train(served[0], served[1], served[2], cache);
    } finally {
      emulator.getOutputStream().close(); // the emulator stops when its standard input closes
      if (!emulator.waitFor(10, TimeUnit.SECONDS)) {
        emulator.destroyForcibly();
      }
      deleteTree(cache);
    }
    System.exit(failures == 0 ? 0 : 1);
  }

  /** Runs the commands; returns how many failed. */
  private static int train(String baseUrl, String accountId, String apiToken, Path cache) {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", ""); // no Chromium: the browser is allowed, and none is found
    env.put("HOME", cache.toString());
    Map<String, String> workersAi = new HashMap<>(env);
    workersAi.put("CLOUDFLARE_ACCOUNT_ID", accountId);
    workersAi.put("CLOUDFLARE_API_TOKEN", apiToken);
    String dir = cache.resolve("cookies").toString();
    List<List<String>> runs = List.of(
        List.of("--version"),
        // The default transport, first with no saved cookies, then with the ones just saved
        // (and --max-tokens, which the library applies itself on the agent's socket).
        List.of("chat", "--base-url", baseUrl, "--cache-dir", dir, PROMPT),
        List.of("chat", "--base-url", baseUrl, "--cache-dir", dir, "--max-tokens", "20", PROMPT),
        List.of("chat", "--base-url", baseUrl, "--cache-dir", dir, "--transport", "inference",
            "--no-browser", "--max-tokens", "20", PROMPT),
        List.of("chat", "--base-url", baseUrl, "--cache-dir", dir, "--transport", "inference",
            "--no-browser", "--max-tokens", "20", "--json", PROMPT),
        List.of("models", "--base-url", baseUrl, "--cache-dir", dir));
    List<List<String>> workersAiRuns = List.of(
        List.of("chat", "--base-url", baseUrl, "--max-tokens", "20", PROMPT),
        List.of("chat", "--provider", "openai", "--base-url", baseUrl, "--max-tokens", "20",
            PROMPT));
    int failures = 0;
    for (List<String> run : runs) {
      failures += run(env, run);
    }
    for (List<String> run : workersAiRuns) {
      failures += run(workersAi, run);
    }
    return failures;
  }

  /** One command as {@link Main} runs it, its output thrown away; 1 when it failed. */
  private static int run(Map<String, String> env, List<String> args) {
    PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    int exitCode = Main.run(args.toArray(String[]::new), InputStream.nullInputStream(), nowhere,
        nowhere, env);
    if (exitCode != 0) {
      System.err.println("flare4j AOT training: exit code " + exitCode + " from " + args);
      return 1;
    }
    return 0;
  }

  private static Process startEmulator() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xmx256m", "-cp",
        System.getProperty("java.class.path"), AotTraining.class.getName(), SERVE));
    return new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  /** The emulator's {@code base-url account-id api-token} line. */
  private static String[] awaitAddress(Process emulator) throws IOException {
    BufferedReader lines = new BufferedReader(
        new InputStreamReader(emulator.getInputStream(), StandardCharsets.UTF_8));
    String line = lines.readLine();
    if (line == null) {
      throw new IllegalStateException("the training emulator ended without starting");
    }
    String[] served = line.split(" ");
    if (served.length != 3) {
      throw new IllegalStateException("unexpected line from the training emulator: " + line);
    }
    return served;
  }

  /** The emulator, on a free loopback port, until standard input closes. */
  private static void serve() throws IOException {
    try (Emulator emulator = Emulator.builder().port(0).start()) {
      System.out.println(emulator.baseUrl() + " " + emulator.accountId() + " " + emulator.apiToken());
      System.out.flush();
      while (System.in.read() >= 0) {
        // until the training run closes our standard input, or ends
      }
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      System.err.println("flare4j AOT training: could not delete " + root + ": " + e);
    }
  }
}
