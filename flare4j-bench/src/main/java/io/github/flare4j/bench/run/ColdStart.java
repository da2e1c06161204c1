package io.github.flare4j.bench.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Wall time of short commands started afresh, each run several times after one unmeasured run. After
 * that first run, when the command is the launcher, the timing waits (up to {@link LauncherCache#WAIT})
 * for a JDK cache the launcher may build in the background to appear and settle, so that the runs
 * timed are the ones every later start gets.
 */
final class ColdStart {

    /**
     * One command's times.
     *
     * @param name    what it is
     * @param command the command line, as shown in the report
     * @param millis  its wall times
     * @param jvm     the command line of the JVM the launcher started (its flags as they were), or empty
     * @param cache   the launcher's cache files when the timed runs started ("none" when there were none)
     */
    record Result(String name, String command, Stats millis, String jvm, String cache) {
    }

    private final Path workDir;
    private final int runs;

    ColdStart(Path workDir, int runs) {
        this.workDir = workDir;
        this.runs = runs;
    }

    /**
     * Times a command.
     *
     * @param expect text its standard output must contain
     */
    Result time(String name, List<String> command, String expect) throws IOException, InterruptedException {
        boolean launcher = command.getFirst().equals("./flare4j");
        LauncherCache cache = new LauncherCache(workDir);
        Map<Path, String> before = cache.snapshot();
        String jvm = once(command, expect);
        String cacheState = "";
        if (launcher) {
            cacheState = cache.awaitSettled(before);
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            String measured = once(command, expect);
            millis.add((System.nanoTime() - start) / 1e6);
            if (!measured.isEmpty()) {
                jvm = measured; // as the measured runs ran it (the first run may have had no cache yet)
            }
        }
        Result result = new Result(name, String.join(" ", command.stream().map(ColdStart::shellQuote).toList()),
                Stats.of(millis), jvm, cacheState);
        System.err.printf("  %-36s %.0f ms (±%.0f, min %.0f)%n", name, result.millis().mean(), result.millis().sd(),
                result.millis().min());
        return result;
    }

    /** Runs the command once; returns the command line of the JVM it became, when it did. */
    private String once(List<String> command, String expect) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        JvmWatch watch = JvmWatch.start(process);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit != 0 || !out.contains(expect)) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + exit + " printing '"
                    + (out.length() > 200 ? out.substring(0, 200) : out) + "', expected '" + expect + "'");
        }
        return watch.stop();
    }

    static String shellQuote(String word) {
        return word.matches("[A-Za-z0-9_./:=@+-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * Watches a launched process for the JVM it runs (the launcher {@code exec}s it, or starts it as a
     * child), to report its flags as they were.
     */
    static final class JvmWatch {
        private final Thread thread;
        private volatile String seen = "";
        private volatile boolean running = true;

        private JvmWatch(Process process) {
            thread = Thread.ofVirtual().start(() -> {
                while (running && process.isAlive()) {
                    look(process.toHandle());
                    process.toHandle().descendants().forEach(this::look);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        private void look(ProcessHandle handle) {
            handle.info().commandLine().ifPresent(line -> {
                String first = line.split(" ", 2)[0];
                if (first.endsWith("/java") || first.equals("java")) {
                    seen = line;
                }
            });
        }

        static JvmWatch start(Process process) {
            return new JvmWatch(process);
        }

        String stop() throws InterruptedException {
            running = false;
            thread.join();
            return seen;
        }
    }
}
