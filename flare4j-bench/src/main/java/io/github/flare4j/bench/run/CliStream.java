package io.github.flare4j.bench.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A long streamed reply printed to a file by a whole process: {@code ./flare4j chat ... > file}
 * against {@code curl -sS -N ... -o file} of the same request. Each command runs once unmeasured,
 * then several times, taking turns; wall time from start to exit. When {@code strace} is installed,
 * one more run of each under {@code strace -f -c -e trace=write} counts its write(2) calls.
 */
final class CliStream {

    /**
     * One command's result.
     *
     * @param name    what it is
     * @param command the command line, as shown in the report
     * @param millis  its wall times
     * @param bytes   the bytes of the file it wrote
     * @param writes  its write(2) calls, all threads and children, or -1 when not measured
     */
    record Result(String name, String command, Stats millis, long bytes, long writes) {
    }

    /** In a command, the file it writes to itself ({@code curl -o}); without it, its standard output goes there. */
    static final String OUT = "{out}";

    private static final Pattern WRITE_ROW = Pattern.compile("^\\s*[\\d.]+\\s+[\\d.]+\\s+\\d+\\s+(\\d+)\\s+(?:\\d+\\s+)?write\\s*$");

    private final Path workDir;
    private final int runs;

    CliStream(Path workDir, int runs) {
        this.workDir = workDir;
        this.runs = runs;
    }

    /** True when {@code strace} can be run here. */
    static boolean straceAvailable() {
        try {
            Process p = new ProcessBuilder("strace", "-V").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Measures the commands in turns; each prints to a file, whose content must contain its
     * {@code expect}.
     *
     * @param names    what each is
     * @param commands their command lines; each writes to standard output
     * @param expects  text each file must contain
     */
    List<Result> measure(List<String> names, List<List<String>> commands, List<String> expects)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("flare4j-bench-stream");
        int n = commands.size();
        long[] bytes = new long[n];
        for (int c = 0; c < n; c++) {
            bytes[c] = once(commands.get(c), expects.get(c), dir.resolve("out" + c));
        }
        List<List<Double>> millis = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            millis.add(new ArrayList<>());
        }
        for (int i = 0; i < runs; i++) {
            for (int c = 0; c < n; c++) {
                long start = System.nanoTime();
                once(commands.get(c), expects.get(c), dir.resolve("out" + c));
                millis.get(c).add((System.nanoTime() - start) / 1e6);
            }
        }
        boolean strace = straceAvailable();
        List<Result> results = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            long writes = strace ? writes(commands.get(c), dir.resolve("out" + c), dir.resolve("strace" + c)) : -1;
            List<String> shown = commands.get(c).stream().map(w -> w.equals(OUT) ? "file" : ColdStart.shellQuote(w))
                    .toList();
            Result result = new Result(names.get(c), String.join(" ", shown) + (commands.get(c).contains(OUT)
                    ? "" : " > file"), Stats.of(millis.get(c)), bytes[c], writes);
            System.err.printf("  %-36s %.0f ms (±%.0f, min %.0f), %,d bytes, %s write(2) calls%n", result.name(),
                    result.millis().mean(), result.millis().sd(), result.millis().min(), result.bytes(),
                    writes < 0 ? "not measured" : String.format("%,d", writes));
            results.add(result);
        }
        for (int c = 0; c < n; c++) {
            Files.deleteIfExists(dir.resolve("out" + c));
            Files.deleteIfExists(dir.resolve("strace" + c));
        }
        Files.deleteIfExists(dir);
        return results;
    }

    /** The command writing to {@code out}: its {@link #OUT} replaced, or its standard output sent there. */
    private ProcessBuilder writingTo(List<String> command, Path out) {
        List<String> words = command.stream().map(w -> w.equals(OUT) ? out.toString() : w).toList();
        ProcessBuilder builder = new ProcessBuilder(words).directory(workDir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        return command.contains(OUT) ? builder.redirectOutput(ProcessBuilder.Redirect.DISCARD)
                : builder.redirectOutput(out.toFile());
    }

    private long once(List<String> command, String expect, Path out) throws IOException, InterruptedException {
        Files.deleteIfExists(out);
        Process process = writingTo(command, out).start();
        process.getOutputStream().close();
        int exit = process.waitFor();
        String text = Files.readString(out, StandardCharsets.UTF_8);
        if (exit != 0 || !text.contains(expect)) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + exit + " printing "
                    + text.length() + " characters ('" + (text.length() > 200 ? text.substring(0, 200) + "..." : text)
                    + "'), expected them to contain " + expect.length() + " characters starting '"
                    + expect.substring(0, Math.min(40, expect.length())) + "'");
        }
        return Files.size(out);
    }

    /** Runs the command once under {@code strace -f -c -e trace=write}; its write(2) calls, or -1. */
    private long writes(List<String> command, Path out, Path summary) throws IOException, InterruptedException {
        List<String> traced = new ArrayList<>(List.of("strace", "-f", "-c", "-e", "trace=write", "-o",
                summary.toString()));
        traced.addAll(command);
        Process process = writingTo(traced, out).start();
        process.getOutputStream().close();
        if (process.waitFor() != 0 || !Files.exists(summary)) {
            return -1;
        }
        return writeCalls(Files.readAllLines(summary));
    }

    /** The calls column of the {@code write} row of an {@code strace -c} summary, or 0 when it has none. */
    static long writeCalls(List<String> lines) {
        for (String line : lines) {
            Matcher m = WRITE_ROW.matcher(line);
            if (m.matches()) {
                return Long.parseLong(m.group(1));
            }
        }
        return 0;
    }
}
