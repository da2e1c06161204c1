package io.github.flare4j.bench.run;

import io.github.flare4j.cloudflare.Cloudflare;
import io.github.flare4j.cloudflare.Transport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import okio.Buffer;

/**
 * The performance run behind {@code flare4j-bench/run}: starts the emulator in a JVM of its own,
 * measures throughput per format (floor, flare4j, openai-java), concurrency (fresh JVMs), cold start
 * (the CLI and curl) and a long reply streamed to a file (the CLI and curl, from a second emulator with
 * replies of {@value #CLI_STREAM_TOKENS} tokens), then writes {@code docs/performance.md} and its plots.
 *
 * <p>Options: {@code --quick} (shorter replies, fewer rounds), {@code --root DIR} (the project, where
 * {@code ./flare4j} and {@code docs/} are), {@code --heap SIZE} (every concurrency JVM's {@code -Xmx}),
 * {@code --sizes 1000,5000,10000}, {@code --command TEXT} (how the run was started, for the report).
 */
public final class PerformanceRun {

    /** The tokens of the reply the CLI streams to a file against curl. */
    static final int CLI_STREAM_TOKENS = 200_000;

    private PerformanceRun() {
    }

    /**
     * Runs everything and writes the report.
     *
     * @param args see the class comment
     * @throws Exception when a measurement cannot be made
     */
    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path root = Path.of("").toAbsolutePath();
        String heap = "512m";
        String command = "flare4j-bench/run";
        List<Integer> sizes = List.of(1000, 5000, 10000);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--root" -> root = Path.of(args[++i]).toAbsolutePath();
                case "--heap" -> heap = args[++i];
                case "--command" -> command = args[++i];
                case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Settings settings = quick ? new Settings(20_000, 2, 3, 200, 3, CLI_STREAM_TOKENS, 2)
                : new Settings(100_000, 3, 7, 200, 10, CLI_STREAM_TOKENS, 5);
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("java.class.path");
        Machine machine = Machine.describe();
        String loadBefore = Machine.loadAverage();

        Process emulator = startEmulator(java, classPath, settings.replyTokens());
        Process cliEmulator = null;
        try {
            String baseUrl = baseUrl(emulator);
            System.err.println("emulator at " + baseUrl + " (own JVM), replies of " + settings.replyTokens() + " tokens");

            System.err.println("throughput:");
            Map<Wire, List<Throughput.Result>> throughput =
                    new Throughput(baseUrl, settings.replyTokens(), settings.warmups(), settings.rounds()).run();

            System.err.println("concurrency (-Xmx" + heap + "):");
            Concurrency concurrency = new Concurrency(java, classPath, heap, baseUrl);
            List<Concurrency.Result> streams = new ArrayList<>();
            for (int size : sizes) {
                for (String client : List.of("flare4j", "openai-java")) {
                    streams.add(concurrency.run(client, size, settings.streamTokens()));
                }
            }

            System.err.println("cold start:");
            List<ColdStart.Result> cold = coldStart(root, baseUrl, settings.coldRuns());

            cliEmulator = startEmulator(java, classPath, settings.cliStreamTokens());
            String cliBaseUrl = baseUrl(cliEmulator);
            System.err.println("streaming to a file (emulator at " + cliBaseUrl + ", replies of "
                    + settings.cliStreamTokens() + " tokens):");
            List<CliStream.Result> cliStream = cliStream(root, cliBaseUrl, settings);

            String loadAfter = Machine.loadAverage();
            Path docs = root.resolve("docs");
            Path images = docs.resolve("performance");
            Files.createDirectories(images);
            Charts.throughput(throughput, images.resolve("throughput.png"));
            Charts.concurrency(streams, "Peak heap used, N concurrent streams (lower is better)", "MiB",
                    Concurrency.Result::peakHeapMiB, images.resolve("concurrency-heap.png"));
            Charts.concurrency(streams, "Wall time, N concurrent streams (lower is better)", "seconds",
                    r -> r.wallMs() / 1000, images.resolve("concurrency-wall.png"));
            Charts.coldStart(cold, images.resolve("cold-start.png"));
            Charts.cliStream(cliStream, images.resolve("cli-stream.png"));
            String report = new Report(command, quick, settings, machine, loadBefore, loadAfter, heap,
                    concurrency.jvmOptions(), throughput, streams, cold, cliStream,
                    ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).markdown();
            Files.writeString(docs.resolve("performance.md"), report);
            System.err.println("wrote " + docs.resolve("performance.md") + " and " + images);
        } finally {
            stop(emulator);
            if (cliEmulator != null) {
                stop(cliEmulator);
            }
        }
    }

    /** An {@link EmulatorServer} in a JVM of its own, every text reply {@code tokens} long. */
    private static Process startEmulator(String java, String classPath, int tokens) throws IOException {
        return new ProcessBuilder(java, "-Xmx1g", "-cp", classPath, EmulatorServer.class.getName(),
                "--reply-tokens", Integer.toString(tokens))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static String baseUrl(Process emulator) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(emulator.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (first == null || !first.startsWith("PORT ")) {
            throw new IllegalStateException("the emulator did not start: " + first);
        }
        return "http://127.0.0.1:" + first.substring(5).trim();
    }

    private static void stop(Process emulator) throws IOException {
        emulator.getOutputStream().close();
        emulator.destroy();
    }

    /** {@code ./flare4j chat ... > file} against curl of the same request to a file. */
    private static List<CliStream.Result> cliStream(Path root, String baseUrl, Settings settings) throws Exception {
        Path cache = Files.createTempDirectory("flare4j-bench-cli");
        int tokens = settings.cliStreamTokens();
        String prompt = "Write a long story.";
        String expected = Wire.expectedText(tokens).strip();
        String body = playgroundBody(baseUrl, cache, tokens);
        List<String> chat = List.of("./flare4j", "chat", "--provider", "playground", "--base-url", baseUrl,
                "--transport", "inference", "--no-browser", "--max-tokens", Integer.toString(tokens),
                "--cache-dir", cache.toString(), prompt);
        List<String> curl = List.of("curl", "-sS", "-N", "-X", "POST", "-H", "content-type: application/json",
                "--data-binary", body, "-o", CliStream.OUT, baseUrl + "/api/inference");
        return new CliStream(root, settings.cliRuns()).measure(
                List.of(String.format(Locale.ROOT, "./flare4j chat (%,d tokens) > file", tokens),
                        "curl, the same request -o file"),
                List.of(chat, curl), List.of(expected, "\"The \""));
    }

    private static List<ColdStart.Result> coldStart(Path root, String baseUrl, int runs) throws Exception {
        ColdStart timer = new ColdStart(root, runs);
        Path cache = Files.createTempDirectory("flare4j-bench-cli");
        String expected = Wire.expectedText(20).strip();
        String prompt = "Write a long story.";
        List<ColdStart.Result> results = new ArrayList<>();
        results.add(timer.time("./flare4j --version", List.of("./flare4j", "--version"), ""));
        results.add(timer.time("./flare4j chat (20 tokens)", List.of("./flare4j", "chat", "--provider", "playground",
                "--base-url", baseUrl, "--transport", "inference", "--no-browser", "--max-tokens", "20",
                "--cache-dir", cache.toString(), prompt), expected));
        String body = playgroundBody(baseUrl, cache, 20);
        results.add(timer.time("curl, the same request", List.of("curl", "-sS", "-N", "-X", "POST",
                "-H", "content-type: application/json", "--data-binary", body, baseUrl + "/api/inference"),
                "\"The \""));
        return results;
    }

    /** The body flare4j sends the playground for a reply of {@code tokens}, as the CLI's request: curl sends the same. */
    private static String playgroundBody(String baseUrl, Path cache, int tokens) throws IOException {
        AtomicReference<String> body = new AtomicReference<>();
        OkHttpClient http = Wire.client(null).newBuilder().addNetworkInterceptor(chain -> {
            if (chain.request().body() != null && body.get() == null) {
                Buffer buffer = new Buffer();
                chain.request().body().writeTo(buffer);
                body.set(buffer.readUtf8());
            }
            return chain.proceed(chain.request());
        }).build();
        Cloudflare provider = Cloudflare.builder().baseUrl(baseUrl).cacheDirectory(cache).timeouts(Wire.TIMEOUTS)
                .transport(Transport.INFERENCE).httpClient(http).build();
        Wire.stream(provider, io.github.flare4j.ChatRequest.builder().user("Write a long story.").maxTokens(tokens)
                .build());
        return body.get();
    }

    /**
     * How much to measure.
     *
     * @param replyTokens  tokens of each throughput reply
     * @param warmups      unmeasured rounds per contender
     * @param rounds       measured rounds per contender
     * @param streamTokens tokens of each concurrent stream
     * @param coldRuns     measured runs per cold-start command
     * @param cliStreamTokens tokens of the reply the CLI streams to a file
     * @param cliRuns      measured runs of the CLI's long stream (and of curl's)
     */
    record Settings(int replyTokens, int warmups, int rounds, int streamTokens, int coldRuns, int cliStreamTokens,
            int cliRuns) {
    }

    /**
     * What the numbers were measured on.
     *
     * @param cpu    the CPU model
     * @param cores  the processors the JVM sees
     * @param ramGiB the memory
     * @param jdk    the JDK
     * @param os     the operating system and kernel
     */
    record Machine(String cpu, int cores, double ramGiB, String jdk, String os) {

        static Machine describe() throws IOException {
            String cpu = "unknown";
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
            double ram = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getTotalMemorySize() / (1024.0 * 1024 * 1024);
            String os = System.getProperty("os.name") + " " + System.getProperty("os.version");
            Path release = Path.of("/etc/os-release");
            if (Files.exists(release)) {
                for (String line : Files.readAllLines(release)) {
                    if (line.startsWith("PRETTY_NAME=")) {
                        os = line.substring(12).replace("\"", "") + ", kernel " + System.getProperty("os.version");
                    }
                }
            }
            String jdk = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                    + " (" + System.getProperty("java.vendor") + ")";
            return new Machine(cpu, Runtime.getRuntime().availableProcessors(), ram, jdk, os);
        }

        static String loadAverage() {
            try {
                String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
                return String.format(Locale.ROOT, "%s %s %s", parts[0], parts[1], parts[2]);
            } catch (IOException e) {
                return "unknown";
            }
        }
    }
}
