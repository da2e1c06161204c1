package io.github.flare4j.bench.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs each {@link ConcurrencyChild} measurement in a fresh JVM with the same heap limit, and reads its result. */
final class Concurrency {

    /**
     * One child's result.
     *
     * @param client      {@code flare4j} or {@code openai-java}
     * @param streams     how many streams ran at once
     * @param tokens      tokens per stream
     * @param complete    streams whose text arrived whole
     * @param pieces      text pieces (tokens) received
     * @param wallMs      wall time of all streams
     * @param cpuMs       process CPU time over the same interval
     * @param peakHeapMiB the heap's peak use
     * @param peakLiveMiB the heap's peak use after a collection
     * @param rssPeakMiB  the process's peak resident set
     * @param error       why the child failed, or an empty string
     */
    record Result(String client, int streams, int tokens, long complete, long pieces, double wallMs, double cpuMs,
            double peakHeapMiB, double peakLiveMiB, double rssPeakMiB, String error) {

        boolean allReceived() {
            return complete == streams && pieces == (long) streams * tokens;
        }

        double tokensPerSecond() {
            return pieces / (wallMs / 1000);
        }
    }

    /** How long one child may take before it is stopped and reported as failed. */
    static final int CHILD_TIMEOUT_MINUTES = 5;

    private final String java;
    private final String classPath;
    private final String heap;
    private final String baseUrl;

    Concurrency(String java, String classPath, String heap, String baseUrl) {
        this.java = java;
        this.classPath = classPath;
        this.heap = heap;
        this.baseUrl = baseUrl;
    }

    /** The JVM options of every child. */
    List<String> jvmOptions() {
        return List.of("-Xms64m", "-Xmx" + heap, "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError");
    }

    Result run(String client, int streams, int tokens) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions());
        command.addAll(List.of("-cp", classPath, ConcurrencyChild.class.getName(), client,
                Integer.toString(streams), Integer.toString(tokens), baseUrl));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                if (!process.waitFor(CHILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    System.err.println("  " + client + " x" + streams + ": no result after " + CHILD_TIMEOUT_MINUTES
                            + " minutes, stopped");
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                // the child ended
            }
        });
        String resultLine = null;
        List<String> tail = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) {
                    resultLine = line;
                } else if (tail.size() < 20) {
                    tail.add(line);
                }
            }
        }
        int exit = process.waitFor();
        watchdog.interrupt();
        if (resultLine == null) {
            String why = "exit " + exit + ": " + String.join(" / ", tail);
            System.err.println("  " + client + " x" + streams + " failed: " + why);
            return new Result(client, streams, tokens, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    why.length() > 300 ? why.substring(0, 300) : why);
        }
        Map<String, String> values = new HashMap<>();
        String[] fields = resultLine.substring("RESULT ".length()).split(" (?=\\w+=)");
        for (String field : fields) {
            int eq = field.indexOf('=');
            values.put(field.substring(0, eq), field.substring(eq + 1));
        }
        Result result = new Result(client, streams, tokens, Long.parseLong(values.get("complete")),
                Long.parseLong(values.get("pieces")), Double.parseDouble(values.get("wallMs")),
                Double.parseDouble(values.get("cpuMs")), Double.parseDouble(values.get("peakHeapMiB")),
                Double.parseDouble(values.get("peakLiveMiB")), Double.parseDouble(values.get("rssPeakMiB")),
                values.getOrDefault("errors", ""));
        System.err.printf("  %-11s x%-6d complete %d/%d, %,d tokens, wall %.0f ms, cpu %.0f ms, heap peak %.0f MiB"
                        + " (live %.0f), RSS %.0f MiB %s%n", client, streams, result.complete(), streams, result.pieces(),
                result.wallMs(), result.cpuMs(), result.peakHeapMiB(), result.peakLiveMiB(), result.rssPeakMiB(),
                result.error());
        return result;
    }
}
