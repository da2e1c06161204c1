package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.cli.CliRunner.Result;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.ReplyHold;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.ConnectException;
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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** {@code flare4j serve} in-process, on a free port, against the emulator. */
class ServeCommandTest extends EmulatorTestBase {
  static final Pattern LISTENING = Pattern.compile("flare4j serve listening on (http://\\S+) ");
  final HttpClient http = HttpClient.newHttpClient();
  final List<Serving> running = new ArrayList<>();

  /** A serve command running on a thread of its own, stopped as Ctrl-C would stop it. */
  final class Serving {
    final Thread thread;
    final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final StringWriter err = new StringWriter();
    final AtomicInteger exitCode = new AtomicInteger(-1);
    String line;
    URI uri;

    Serving(Map<String, String> env, String... args) throws InterruptedException {
      Writer out = new Writer() {
        final StringBuilder pending = new StringBuilder();

        @Override
        public synchronized void write(char[] chars, int offset, int length) {
          pending.append(chars, offset, length);
          int end;
          while ((end = pending.indexOf("\n")) >= 0) {
            lines.add(pending.substring(0, end));
            pending.delete(0, end + 1);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
      List<String> all = new ArrayList<>(List.of("serve", "--port", "0", "--base-url",
          emulator.baseUrl(), "--cache-dir", cacheDir.toString()));
      all.addAll(List.of(args));
      thread = new Thread(() -> exitCode.set(Flare4jCli.commandLine(
          new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(err), env)
          .execute(all.toArray(String[]::new))), "serve-under-test");
      thread.start();
      running.add(this);
      line = lines.poll(30, TimeUnit.SECONDS);
      assertThat(line).as("the listening line; stderr: %s", err).isNotNull();
      Matcher matcher = LISTENING.matcher(line);
      assertThat(matcher.find()).as(line).isTrue();
      uri = URI.create(matcher.group(1));
    }

    HttpResponse<String> get(String path, String key) throws Exception {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri.resolve(path));
      if (key != null) {
        request.header("Authorization", "Bearer " + key);
      }
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Stops it the way its own thread would be stopped, and returns the exit code. */
    int stop() throws InterruptedException {
      thread.interrupt();
      thread.join(TimeUnit.SECONDS.toMillis(30));
      assertThat(thread.isAlive()).as("serve stopped").isFalse();
      return exitCode.get();
    }
  }

  @AfterEach
  void stopServing() throws InterruptedException {
    for (Serving serving : running) {
      if (serving.thread.isAlive()) {
        serving.stop();
      }
    }
  }

  @Test
  void servesThePlaygroundOnAFreePortUntilStopped() throws Exception {
    Serving serving = new Serving(Map.of());

    assertThat(serving.line).startsWith("flare4j serve listening on http://127.0.0.1:")
        .contains("(providers: playground; default playground; no API keys): ")
        .contains("GET /healthz", "GET /v1/models", "GET /");
    assertThat(serving.get("/healthz", null).body()).isEqualTo("{\"status\":\"ok\"}");
    HttpResponse<String> models = serving.get("/v1/models", null);
    assertThat(models.statusCode()).isEqualTo(200);
    assertThat(models.body()).startsWith("{\"object\":\"list\",\"data\":[{\"id\":\"@cf/")
        .contains("\"owned_by\":\"playground\"");
    assertThat(serving.get("/", null).body()).startsWith("<!DOCTYPE html>");

    assertThat(serving.stop()).as("%s", serving.err).isZero();
    assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        serving.uri.resolve("/healthz")).build(), HttpResponse.BodyHandlers.ofString()))
        .as("nothing listens any more").isInstanceOf(ConnectException.class);
    assertThat(serving.err.toString()).as("the access log")
        .contains("GET /v1/models 200").doesNotContain("warning");
  }

  @Test
  void withWorkersAiCredentialsItServesAllThreeAndWorkersAiIsTheDefault() throws Exception {
    Serving serving = new Serving(Map.of("CLOUDFLARE_ACCOUNT_ID", emulator.accountId(),
        "CLOUDFLARE_API_TOKEN", emulator.apiToken()));

    assertThat(serving.line)
        .contains("(providers: playground, workers-ai, openai; default workers-ai; no API keys)");
    assertThat(serving.get("/readyz", null).body())
        .isEqualTo("{\"status\":\"ready\",\"providers\":[\"playground\",\"workers-ai\",\"openai\"]}");
    String models = serving.get("/v1/models", null).body();
    assertThat(models).contains("\"id\":\"playground/@cf/", "\"id\":\"openai/@cf/",
        "\"owned_by\":\"workers-ai\"");
    assertThat(serving.err.toString()).doesNotContain(emulator.apiToken());
  }

  @Test
  void thePlaygroundTakesChatsTransportAndBrowserOptions() throws Exception {
    Serving serving = new Serving(Map.of(), "--transport", "inference", "--no-browser");

    assertThat(serving.get("/v1/models", null).statusCode()).isEqualTo(200);
    Result both = CliRunner.run("", Map.of(), "serve", "--no-browser", "--browser-window");
    assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(both.errLines().getFirst()).contains("cannot be used together");
  }

  @Test
  void providerChoosesTheDefault() throws Exception {
    Serving serving = new Serving(Map.of("CLOUDFLARE_ACCOUNT_ID", emulator.accountId(),
        "CLOUDFLARE_API_TOKEN", emulator.apiToken()), "--provider", "playground");

    assertThat(serving.line).contains("default playground");
  }

  @Test
  void keepAliveSetsHowLongAStreamMayBeSilent() throws Exception {
    // the start and the first text, then silence
    ReplyHold hold = emulator.holdReply(Emulator.INFERENCE_PATH, 2);
    Serving serving = new Serving(Map.of(), "--transport", "inference", "--keep-alive", "0.2");
    HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(
        serving.uri.resolve("/v1/chat/completions")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + emulator.models().getFirst()
            + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
        .build(), HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader body = new BufferedReader(new InputStreamReader(response.body(),
        StandardCharsets.UTF_8))) {
      hold.awaitHeld(Duration.ofSeconds(30));
      String line;
      while ((line = body.readLine()) != null && !line.equals(": keep-alive")) {
        assertThat(line).doesNotContain("[DONE]");
      }
      assertThat(line).as("a keep-alive while the upstream was silent").isEqualTo(": keep-alive");
      hold.release();
      StringBuilder rest = new StringBuilder();
      while ((line = body.readLine()) != null) {
        rest.append(line).append('\n');
      }
      assertThat(rest.toString()).contains("\"content\":\"Hi\"", "data: [DONE]");
    }
    assertThat(CliRunner.run("", Map.of(), "serve", "--keep-alive", "0").exitCode())
        .isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void workersAiAskedForWithoutATokenIsRefused() {
    Result result = CliRunner.run("", Map.of(), "serve", "--port", "0", "--account-id", "acc",
        "--cache-dir", cacheDir.toString());

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.AUTH);
    assertThat(result.err()).contains("Workers AI needs an API token");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void bindingBeyondLoopbackWithoutKeysIsAUsageError() {
    Result result = CliRunner.run("", Map.of(), "serve", "--host", "0.0.0.0", "--port", "0",
        "--cache-dir", cacheDir.toString());

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines().getFirst()).startsWith("flare4j: The gateway binds 0.0.0.0,"
        + " beyond loopback: give it API keys");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void aPortInUseIsANetworkError() throws IOException {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getLoopbackAddress())) {
      Result result = CliRunner.run("", Map.of(), "serve", "--port",
          String.valueOf(taken.getLocalPort()), "--cache-dir", cacheDir.toString());

      assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.NETWORK);
      assertThat(result.errLines().getFirst()).startsWith("flare4j: Cannot start the gateway on"
          + " 127.0.0.1:" + taken.getLocalPort());
      assertThat(result.out()).isEmpty();
    }
  }

  @Test
  void theKeysFileHasOneKeyPerLineWithCommentsAndBlankLines() throws Exception {
    Path keys = cacheDir.resolve("keys.txt");
    Files.writeString(keys, "# the team's keys\n\n  k-first  \n#k-commented\nk-second\n");
    Serving serving = new Serving(Map.of(), "--api-keys", keys.toString());

    assertThat(serving.line).contains("; 2 API keys)");
    assertThat(serving.get("/healthz", null).statusCode()).isEqualTo(200);
    assertThat(serving.get("/v1/models", null).statusCode()).isEqualTo(401);
    assertThat(serving.get("/v1/models", "#k-commented").statusCode()).isEqualTo(401);
    assertThat(serving.get("/v1/models", "k-first").statusCode()).isEqualTo(200);
    assertThat(serving.get("/v1/models", "k-second").statusCode()).isEqualTo(200);
    assertThat(serving.err.toString()).doesNotContain("k-first", "k-second");
  }

  @Test
  void anUnusableKeysFileIsAUsageErrorThatNeverQuotesAKey() throws IOException {
    Path missing = cacheDir.resolve("missing.txt");
    Path empty = Files.writeString(cacheDir.resolve("empty.txt"), "# nothing yet\n\n");
    Path spaced = Files.writeString(cacheDir.resolve("spaced.txt"), "k-good\nk-secret part\n");

    assertThat(serveWithKeys(missing).err()).contains("cannot use " + missing + ": no such file");
    assertThat(serveWithKeys(empty).err()).contains("cannot use " + empty + ": it has no key");
    Result result = serveWithKeys(spaced);
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("cannot use " + spaced + ": line 2 is not one key")
        .doesNotContain("k-secret", "k-good");
  }

  Result serveWithKeys(Path file) {
    Result result = CliRunner.run("", Map.of(), "serve", "--port", "0", "--api-keys",
        file.toString(), "--cache-dir", cacheDir.toString());
    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.USAGE);
    return result;
  }

  @Test
  void rateLimitAndBodySizeAreRead() {
    assertThat(new Converters.PerMinute().convert("60/min")).isEqualTo(60);
    assertThat(new Converters.PerMinute().convert("120 / minute")).isEqualTo(120);
    assertThat(new Converters.PerMinute().convert("0")).isZero();
    assertThatThrownBy(() -> new Converters.PerMinute().convert("fast"))
        .isInstanceOf(TypeConversionException.class).hasMessageContaining("60/min");
    assertThat(new Converters.ByteSize().convert("1MiB")).isEqualTo(1L << 20);
    assertThat(new Converters.ByteSize().convert("512k")).isEqualTo(512L << 10);
    assertThat(new Converters.ByteSize().convert("2048")).isEqualTo(2048L);
    assertThatThrownBy(() -> new Converters.ByteSize().convert("0"))
        .isInstanceOf(TypeConversionException.class);

    Result result = CliRunner.run("", Map.of(), "serve", "--rate-limit", "lots");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines().getFirst()).contains("--rate-limit").contains("60/min");
  }

  @Test
  void withRedisDownItStillServesOnItsOwnCountersAndFiles() throws Exception {
    int nothing;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      nothing = socket.getLocalPort(); // closed below: nobody listens there
    }
    Serving serving = new Serving(Map.of(), "--redis", "redis://127.0.0.1:" + nothing,
        "--rate-limit", "100/min");

    assertThat(serving.get("/healthz", null).statusCode()).isEqualTo(200);
    assertThat(serving.get("/v1/models", null).statusCode()).isEqualTo(200);
    assertThat(serving.stop()).as("%s", serving.err).isZero();
    assertThat(serving.err.toString()).doesNotContain("redis://127.0.0.1:" + nothing);
  }

  @Test
  void aRedisOptionThatIsNotARedisUriIsAUsageError() {
    Result result = CliRunner.run("serve", "--port", "0", "--redis", "http://user:pw@host");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("--redis").doesNotContain("pw@");
  }
}
