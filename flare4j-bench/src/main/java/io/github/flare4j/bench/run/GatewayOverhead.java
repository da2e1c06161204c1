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

/**
 * What the gateway adds: {@code N} concurrent streams sent straight to the emulator's
 * OpenAI-compatible route, then the same {@code N} through the gateway in front of it, rounds
 * alternating, all in one run. Each stream's time to first token is measured by this client (from
 * sending to the first {@code content} delta); the gateway's CPU time and peak resident set are read
 * from {@code /proc} for its own JVM. Prints the p50 and p99 of both and what the gateway adds.
 *
 * <p>Usage: {@code GatewayOverhead [STREAMS] [ROUNDS] [TOKENS] [TOKEN_DELAY_MS]} (defaults 1000, 3,
 * 200, 20: a model's pace of 50 tokens a second, so that the streams overlap as real ones do rather
 * than queue for the CPU all at once); the emulator and the gateway run in child JVMs on this
 * classpath.
 */
public final class GatewayOverhead {
    private static final String BODY = "{\"model\":\"" + Wire.MODEL + "\",\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Write a long story.\"}]}";

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
            String upstream = "http://127.0.0.1:" + emulatorPort;
            List<String> gatewayCommand = new ArrayList<>(List.of(java));
            gatewayCommand.addAll(gatewayJvmOptions());
            gatewayCommand.addAll(List.of("-cp", classPath, GatewayServer.class.getName(), upstream,
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
            run(http, direct, Math.min(streams, 100));
            run(http, through, Math.min(streams, 100));
            List<Double> directTtft = new ArrayList<>();
            List<Double> gatewayTtft = new ArrayList<>();
            long cpuBefore = cpuMillis(gateway.pid());
            Map<String, Long> threadsBefore = cpuByThreadKind(gateway.pid());
            for (int round = 0; round < rounds; round++) {
                directTtft.addAll(run(http, direct, streams));
                gatewayTtft.addAll(run(http, through, streams));
            }
            long cpuMs = cpuMillis(gateway.pid()) - cpuBefore;
            Map<String, Long> threadsAfter = cpuByThreadKind(gateway.pid());
            double rssMiB = peakRssKiB(gateway.pid()) / 1024.0;
            double[] d = sorted(directTtft);
            double[] g = sorted(gatewayTtft);
            System.out.printf("streams=%d rounds=%d tokens=%d token delay=%d ms%n", streams, rounds, tokens,
                    tokenDelayMs);
            System.out.printf("direct  ttft p50=%.2f ms p99=%.2f ms%n", percentile(d, 50), percentile(d, 99));
            System.out.printf("gateway ttft p50=%.2f ms p99=%.2f ms%n", percentile(g, 50), percentile(g, 99));
            System.out.printf("added   p50=%.2f ms p99=%.2f ms%n", percentile(g, 50) - percentile(d, 50),
                    percentile(g, 99) - percentile(d, 99));
            System.out.printf("gateway cpu=%d ms for %d streams (%.3f ms/stream), peak RSS=%.0f MiB%n", cpuMs,
                    streams * rounds, (double) cpuMs / (streams * rounds), rssMiB);
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
     * The gateway JVM's options: those of {@code flare4j serve}, plus any in the system property
     * {@code flare4j.bench.gatewayJvm} (space-separated, e.g. a flight recording).
     */
    private static List<String> gatewayJvmOptions() {
        List<String> options = new ArrayList<>(List.of("-Xmx256m", "-XX:+UseG1GC"));
        String extra = System.getProperty("flare4j.bench.gatewayJvm", "").trim();
        if (!extra.isEmpty()) {
            options.addAll(Arrays.asList(extra.split("\\s+")));
        }
        return options;
    }

    /** {@code n} streams at once; each one's time to first token, in milliseconds. */
    private static List<Double> run(HttpClient http, URI uri, int n) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Double>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                results.add(threads.submit(() -> {
                    start.await();
                    return oneStream(http, uri);
                }));
            }
            start.countDown();
            List<Double> ttft = new ArrayList<>();
            for (Future<Double> result : results) {
                ttft.add(result.get());
            }
            return ttft;
        }
    }

    private static double oneStream(HttpClient http, URI uri) throws IOException, InterruptedException {
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
                if (ttft < 0 && line.startsWith("data: {") && line.contains("\"content\":\"")) {
                    ttft = (System.nanoTime() - sent) / 1e6;
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
