package io.github.flare4j.bench.run;

import io.github.flare4j.emulator.workersai.WorkersAiAccount;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the gateway adds: {@code N} concurrent streams sent straight to the emulator's
 * OpenAI-compatible route, then the same {@code N} through the gateway in front of it, rounds
 * alternating, all in one run, with the same client. Each stream's time to first token is measured by this
 * client (from sending to the first {@code content} delta with text), in two ways: for the {@code N} streams of a
 * round started at once (the burst), and for {@code N/10} more started 10 ms apart once all of those have
 * their first token, while they are open (the steady state: a new stream on a gateway that already serves
 * {@code N}). The gateway's CPU time (also by thread kind) and peak resident set are read from
 * {@code /proc} for its own JVM, started with the options of {@code flare4j serve}
 * ({@value #SERVE_OPTIONS}); the client's and the emulator's CPU are printed for each side, to show
 * whether the client or the emulator is the bottleneck.
 *
 * <p>Usage: {@code GatewayOverhead [STREAMS] [ROUNDS] [TOKENS] [TOKEN_DELAY_MS]} (defaults 1000, 3,
 * 200, 20: a model's pace of 50 tokens a second, so that the streams overlap as real ones do rather
 * than queue for the CPU all at once), run from the repository's root; the emulator and the gateway run
 * in child JVMs on this classpath (the gateway's on another with {@code -Dflare4j.bench.gatewayClasspath=...},
 * to compare two builds of it under the same client and emulator; its JVM options replaced with
 * {@code -Dflare4j.bench.gatewayJvm="..."}, or added to with {@code -Dflare4j.bench.gatewayJvmExtra="..."}).
 */
public final class GatewayOverhead {
    private static final String BODY = "{\"model\":\"" + Wire.MODEL + "\",\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Write a long story.\"}]}";

    /** The JVM options of {@code flare4j serve}, which the launcher reads: one a line, {@code #} comments. */
    static final String SERVE_OPTIONS = "flare4j-cli/jvm/serve.options";

    /** The emulator's process, for its CPU time. */
    private static long emulatorPid;

    private GatewayOverhead() {
    }

    /**
     * Runs the measurement.
     *
     * @param args {@code [STREAMS] [ROUNDS] [TOKENS]}
     * @throws Exception when a server cannot be started or a stream fails
     */
    public static void main(String[] args) throws Exception {
        int streams = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int tokens = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int tokenDelayMs = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        Process emulator = child(List.of(java, "-Xmx1g", "-cp", classPath, EmulatorServer.class.getName(),
                "--reply-tokens", Integer.toString(tokens), "--token-delay-ms", Integer.toString(tokenDelayMs)));
        Process gateway = null;
        try {
            int emulatorPort = port(emulator);
            emulatorPid = emulator.pid();
            String upstream = "http://127.0.0.1:" + emulatorPort;
            List<String> gatewayCommand = new ArrayList<>(List.of(java));
            gatewayCommand.addAll(gatewayJvmOptions());
            gatewayCommand.addAll(List.of("-cp", System.getProperty("flare4j.bench.gatewayClasspath", classPath),
                    GatewayServer.class.getName(), upstream,
                    Integer.toString(streams * 2)));
            gateway = child(gatewayCommand);
            int gatewayPort = port(gateway);
            URI direct = URI.create(upstream + "/client/v4/accounts/" + WorkersAiAccount.DEFAULT_ACCOUNT_ID
                    + "/ai/v1/chat/completions");
            URI through = URI.create("http://127.0.0.1:" + gatewayPort + "/v1/chat/completions");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(30)).executor(Executors.newVirtualThreadPerTaskExecutor())
                    .build();
            // Warm both paths (JIT, connections) before measuring.
            run(http, direct, Math.min(streams, 100), 0);
            run(http, through, Math.min(streams, 100), 0);
            int probes = Math.max(1, streams / 10);
            Side directSide = new Side();
            Side gatewaySide = new Side();
            long cpuBefore = cpuMillis(gateway.pid());
            Map<String, Long> threadsBefore = cpuByThreadKind(gateway.pid());
            long self = ProcessHandle.current().pid();
            for (int round = 0; round < rounds; round++) {
                directSide.add(run(http, direct, streams, probes), cpuMillis(self), cpuMillis(emulator.pid()));
                gatewaySide.add(run(http, through, streams, probes), cpuMillis(self), cpuMillis(emulator.pid()));
            }
            long cpuMs = cpuMillis(gateway.pid()) - cpuBefore;
            Map<String, Long> threadsAfter = cpuByThreadKind(gateway.pid());
            double rssMiB = peakRssKiB(gateway.pid()) / 1024.0;
            System.out.printf("streams=%d rounds=%d tokens=%d token delay=%d ms, gateway JVM %s%n", streams, rounds,
                    tokens, tokenDelayMs, gatewayJvmOptions());
            System.out.printf("burst (the %d streams of a round, started at once):%n", streams);
            report(directSide.burst, gatewaySide.burst);
            System.out.printf("steady (%d streams a round, started 10 ms apart once all %d had their first token;"
                    + " open then: direct >= %d, gateway >= %d):%n", probes, streams, directSide.minOpen,
                    gatewaySide.minOpen);
            report(directSide.probes, gatewaySide.probes);
            System.out.printf("gateway cpu=%d ms for %d streams (%.3f ms/stream), peak RSS=%.0f MiB%n", cpuMs,
                    (streams + probes) * rounds, (double) cpuMs / ((streams + probes) * rounds), rssMiB);
            System.out.printf("client cpu: direct rounds %d ms, gateway rounds %d ms; emulator cpu: direct rounds"
                    + " %d ms, gateway rounds %d ms%n", directSide.clientCpu, gatewaySide.clientCpu,
                    directSide.emulatorCpu, gatewaySide.emulatorCpu);
            StringBuilder byKind = new StringBuilder("gateway cpu by thread kind (ms):");
            threadsAfter.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - threadsBefore.getOrDefault(e.getKey(), 0L)))
                    .filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> byKind.append(' ').append(e.getKey()).append('=').append(e.getValue()));
            System.out.println(byKind);
        } finally {
            stop(gateway);
            stop(emulator);
        }
    }

    /**
     * The gateway JVM's options: those {@code flare4j serve} runs with (the launcher's {@value #SERVE_OPTIONS},
     * read from the working directory, the repository's root), or instead the space-separated ones of the
     * system property {@code flare4j.bench.gatewayJvm}; plus those of {@code flare4j.bench.gatewayJvmExtra}
     * (a flight recording, say).
     */
    private static List<String> gatewayJvmOptions() throws IOException {
        List<String> options = new ArrayList<>();
        String instead = System.getProperty("flare4j.bench.gatewayJvm");
        if (instead != null) {
            options.addAll(split(instead));
        } else {
            Path serve = Path.of(SERVE_OPTIONS);
            if (!Files.isRegularFile(serve)) {
                throw new IOException("No " + SERVE_OPTIONS + " here: run this from the repository's root");
            }
            for (String line : Files.readAllLines(serve)) {
                String option = line.strip();
                if (!option.isEmpty() && !option.startsWith("#")) {
                    options.add(option); // as ./flare4j reads them
                }
            }
        }
        options.addAll(split(System.getProperty("flare4j.bench.gatewayJvmExtra", "")));
        return options;
    }

    private static List<String> split(String options) {
        return options.isBlank() ? List.of() : Arrays.asList(options.trim().split("\\s+"));
    }

    private static void report(List<Double> direct, List<Double> gateway) {
        double[] d = sorted(direct);
        double[] g = sorted(gateway);
        System.out.printf("  direct  ttft p50=%.2f ms p99=%.2f ms%n", percentile(d, 50), percentile(d, 99));
        System.out.printf("  gateway ttft p50=%.2f ms p99=%.2f ms%n", percentile(g, 50), percentile(g, 99));
        System.out.printf("  added   p50=%.2f ms p99=%.2f ms%n", percentile(g, 50) - percentile(d, 50),
                percentile(g, 99) - percentile(d, 99));
    }

    /** One side's rounds: times to first token, the fewest streams open when a probe began, CPU spent. */
    private static final class Side {
        final List<Double> burst = new ArrayList<>();
        final List<Double> probes = new ArrayList<>();
        int minOpen = Integer.MAX_VALUE;
        long clientCpu;
        long emulatorCpu;

        void add(Round round, long clientCpuNow, long emulatorCpuNow) {
            burst.addAll(round.burst());
            probes.addAll(round.probes());
            minOpen = Math.min(minOpen, round.minOpen());
            clientCpu += clientCpuNow - round.clientCpuBefore();
            emulatorCpu += emulatorCpuNow - round.emulatorCpuBefore();
        }
    }

    private record Round(List<Double> burst, List<Double> probes, int minOpen, long clientCpuBefore,
            long emulatorCpuBefore) {
    }

    /**
     * {@code n} streams at once (the burst); once each has its first token, {@code probes} more, 10 ms
     * apart, while those are open (the steady state). Each stream's time to first token, in milliseconds.
     */
    private static Round run(HttpClient http, URI uri, int n, int probes) throws Exception {
        long clientCpu = cpuMillis(ProcessHandle.current().pid());
        long emulatorCpu = emulatorPid > 0 ? cpuMillis(emulatorPid) : 0;
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch firstTokens = new CountDownLatch(n);
        AtomicInteger open = new AtomicInteger();
        List<Future<Double>> results = new ArrayList<>();
        List<Future<Double>> probeResults = new ArrayList<>();
        int minOpen = n;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                results.add(threads.submit(() -> {
                    start.await();
                    open.incrementAndGet();
                    try {
                        return oneStream(http, uri, firstTokens::countDown);
                    } catch (Exception e) {
                        firstTokens.countDown(); // the round fails below, without a wait
                        throw e;
                    } finally {
                        open.decrementAndGet();
                    }
                }));
            }
            start.countDown();
            if (probes > 0) {
                firstTokens.await();
                for (int i = 0; i < probes; i++) {
                    minOpen = Math.min(minOpen, open.get());
                    probeResults.add(threads.submit(() -> oneStream(http, uri, () -> { })));
                    Thread.sleep(10);
                }
            }
            return new Round(values(results), values(probeResults), minOpen, clientCpu, emulatorCpu);
        }
    }

    private static List<Double> values(List<Future<Double>> futures) throws Exception {
        List<Double> values = new ArrayList<>();
        for (Future<Double> future : futures) {
            values.add(future.get());
        }
        return values;
    }

    private static double oneStream(HttpClient http, URI uri, Runnable firstToken)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + WorkersAiAccount.DEFAULT_API_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
        long sent = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered " + response.statusCode());
        }
        double ttft = -1;
        boolean done = false;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                // the first token: a content delta with text (the emulator's first chunk carries
                // the role and an empty content, which the gateway sends with the first token)
                if (ttft < 0 && line.startsWith("data: {") && line.contains("\"content\":\"")
                        && !line.contains("\"content\":\"\"")) {
                    ttft = (System.nanoTime() - sent) / 1e6;
                    firstToken.run();
                }
                if (line.equals("data: [DONE]")) {
                    done = true;
                }
            }
        }
        if (ttft < 0 || !done) {
            throw new IOException(uri + ": a stream without text or without its end");
        }
        return ttft;
    }

    private static double[] sorted(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v;
    }

    /** The nearest-rank percentile of sorted values. */
    private static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** User plus system CPU time of a process, from /proc (clock ticks of 10 ms). */
    private static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    /**
     * CPU time of a process's living threads, by kind (the thread's name without digits), from
     * /proc; threads that ended meanwhile are missing, so this is a guide, not a total.
     */
    private static Map<String, Long> cpuByThreadKind(long pid) throws IOException {
        Map<String, Long> byKind = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                        .replaceAll("[0-9]+", "#").replace(' ', '_');
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                byKind.merge(name, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10, Long::sum);
            }
        }
        return byKind;
    }

    /** The peak resident set of a process (VmHWM), in KiB. */
    private static long peakRssKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static Process child(List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Reads the child's {@code PORT n} line. */
    private static int port(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("PORT ")) {
                return Integer.parseInt(line.substring(5).trim());
            }
        }
        throw new IOException("The child ended before it said its port");
    }

    private static void stop(Process process) throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor();
        }
    }
}
