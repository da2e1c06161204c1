package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.emulator.AgentFault;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.Fault;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * Runs the shaded jar ({@code target/flare4j-cli-all.jar}, built by {@code package}) as a process
 * with {@code java -jar}, using the JDK that runs this test. Run by maven-failsafe-plugin.
 */
class Flare4jCliIT {
  static final Path JAR = Path.of(System.getProperty("flare4j.cli.jar", "target/flare4j-cli-all.jar"));
  static final String JAVA = ProcessHandle.current().info().command().orElse(
      Path.of(System.getProperty("java.home"), "bin", "java").toString());

  @TempDir
  Path dir;

  Emulator emulator;

  @BeforeAll
  static void checkTheJarAndTheJdk() {
    assertThat(JAR).as("run 'mvn package' first").isRegularFile();
    assertThat(Runtime.version().feature()).isGreaterThanOrEqualTo(21);
  }

  @BeforeEach
  void startEmulator() {
    emulator = Emulator.start();
  }

  @AfterEach
  void stopEmulator() {
    emulator.close();
  }

  ProcessBuilder flare4j(String... args) {
    List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove(ServiceOptions.BASE_URL_ENV);
    builder.environment().remove("FLARE4J_CACHE_DIR");
    // With both set, workers-ai would be the default provider: these runs mean the playground.
    builder.environment().remove("CLOUDFLARE_ACCOUNT_ID");
    builder.environment().remove("CLOUDFLARE_API_TOKEN");
    return builder;
  }

  ProcessRun run(String... args) throws IOException, InterruptedException {
    return run(Map.of(), args);
  }

  ProcessRun run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    ProcessBuilder builder = flare4j(args);
    builder.environment().putAll(env);
    return ProcessRun.of(builder, dir);
  }

  @Test
  void stoppingAChatCancelsItsAgentsTurn() throws Exception {
    emulator.enqueueAgentFault(AgentFault.NO_FRAME); // the agent takes the turn and stays silent
    Process chat = flare4j("chat", "--base-url", emulator.baseUrl(),
            "--cache-dir", dir.resolve("cache").toString(), "--transport", "agents", "--no-browser",
            "Hello")
        .redirectInput(ProcessBuilder.Redirect.from(Files.createFile(dir.resolve("stdin")).toFile()))
        .redirectOutput(dir.resolve("out.txt").toFile())
        .redirectError(dir.resolve("err.txt").toFile())
        .start();
    try {
      assertThat(emulator.takeAgentFrame(Duration.ofMinutes(1)))
          .contains("\"cf_agent_stream_resume_request\"");
      assertThat(emulator.takeAgentFrame(Duration.ofSeconds(30))).contains("\"getModels\"");
      assertThat(emulator.takeAgentFrame(Duration.ofSeconds(30))).contains("\"cf_agent_state\"");
      assertThat(emulator.takeAgentFrame(Duration.ofSeconds(30)))
          .contains("\"cf_agent_use_chat_request\"");

      chat.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C

      assertThat(emulator.takeAgentFrame(Duration.ofSeconds(30)))
          .contains("\"cf_agent_chat_request_cancel\"");
      assertThat(chat.waitFor(30, TimeUnit.SECONDS)).as("the process ended").isTrue();
    } finally {
      chat.destroyForcibly();
    }
  }

  @Test
  void chatStreamsTheReplyAndVersionWorks() throws Exception {
    ProcessRun version = run("--version");
    ProcessRun chat = run("chat", "--base-url", emulator.baseUrl(), "--cache-dir", dir.resolve("cache").toString(),
        "Hello", "there");

    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).startsWith("flare4j 0.").doesNotContain("unknown");
    assertThat(chat.exitCode()).as("%s", chat).isZero();
    assertThat(chat.out()).isEqualTo(ChatCommandTest.GREETING + "\n");
    assertThat(chat.err()).isEmpty();
  }

  @Test
  void errorsExitWithTheirCodeAndOneLine() throws Exception {
    emulator.enqueueFault(Fault.RATE_LIMIT);

    ProcessRun run = run("chat", "--transport", "inference", "--retries", "0",
        "--base-url", emulator.baseUrl(), "--cache-dir", dir.resolve("cache").toString(), "hi");

    assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.RATE_LIMITED);
    assertThat(run.err().lines().toList()).singleElement().asString()
        .startsWith("flare4j: ").containsIgnoringCase("retry after");
  }

  @Test
  void theEmulatorCommandServesUntilStopped() throws Exception {
    Process process = flare4j("emulator", "--port", "0", "--format", "v5")
        .redirectError(dir.resolve("emulator-err.txt").toFile())
        .start();
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assertThat(line).startsWith("flare4j emulator listening on http://127.0.0.1:");
      String baseUrl = line.substring(line.lastIndexOf(' ') + 1);
      String account = out.readLine();
      assertThat(account).isEqualTo("flare4j emulator Workers AI account: CLOUDFLARE_ACCOUNT_ID="
          + "0123456789abcdef0123456789abcdef CLOUDFLARE_API_TOKEN=test-token"
          + " (with --provider workers-ai --base-url " + baseUrl + ")");

      try (HttpClient http = HttpClient.newHttpClient()) {
        HttpResponse<String> models = http.send(
            HttpRequest.newBuilder(URI.create(baseUrl + Emulator.MODELS_PATH)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(models.statusCode()).isEqualTo(200);
      }
      ProcessRun chat = run("chat", "--base-url", baseUrl, "--cache-dir", dir.resolve("cache").toString(), "ping");
      assertThat(chat.out()).isEqualTo("Echo: ping\n");
      ProcessRun workersAi = run(Map.of("CLOUDFLARE_ACCOUNT_ID", "0123456789abcdef0123456789abcdef",
          "CLOUDFLARE_API_TOKEN", "test-token"), "chat", "--base-url", baseUrl, "pong");
      assertThat(workersAi.exitCode()).as("%s", workersAi).isZero();
      assertThat(workersAi.out()).isEqualTo("Echo: pong\n");
    } finally {
      process.destroy();
      if (!process.waitFor(1, TimeUnit.MINUTES)) {
        process.destroyForcibly();
      }
    }
    assertThat(Files.readString(dir.resolve("emulator-err.txt"))).as("the emulator's stderr").isEmpty();
  }

  @Test
  void theChallengeEmulatorIsPassedWithChromium() throws Exception {
    RealChromium chromium = RealChromium.requireOrSkip();
    Process process = flare4j("emulator", "--challenge", "--port", "0")
        .redirectError(dir.resolve("emulator-err.txt").toFile())
        .start();
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      String baseUrl = line.substring(line.lastIndexOf(' ') + 1);
      assertThat(out.readLine()).startsWith("flare4j emulator Workers AI account: ");
      assertThat(out.readLine()).startsWith("flare4j emulator challenge: on");

      ProcessRun refused = run("chat", "--no-browser", "--base-url", baseUrl,
          "--cache-dir", dir.resolve("refused").toString(), "Hello");
      ProcessRun chat = run(RealChromium.environment(), "chat", "--base-url", baseUrl,
          "--cache-dir", dir.resolve("cache").toString(), "Hello");

      assertThat(refused.exitCode()).as("%s", refused).isEqualTo(ExitCodes.AUTH);
      assertThat(refused.err()).contains("A browser is needed to pass it");
      assertThat(chat.exitCode()).as("%s", chat).isZero();
      assertThat(chat.out()).isEqualTo(ChatCommandTest.GREETING + "\n");
      assertThat(chat.err()).isEmpty();
    } finally {
      process.destroy();
      if (!process.waitFor(1, TimeUnit.MINUTES)) {
        process.destroyForcibly();
      }
    }
    chromium.assertNothingLeaked();
    assertThat(Files.readString(dir.resolve("emulator-err.txt"))).as("the emulator's stderr").isEmpty();
  }

}
