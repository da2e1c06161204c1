package io.github.flare4j.bench.run;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JDK cache (AOT cache {@code *.aot}, or CDS archive {@code *.cds}) the launcher may build in
 * {@code flare4j-cli/target} in the background after a run: cold start is timed once it exists and has
 * stopped changing, so that the times are those of every later start. Lenient: when no cache appears
 * within {@link #WAIT}, the timing goes on without one.
 */
final class LauncherCache {

    /** The longest wait for a cache to appear and settle. */
    static final Duration WAIT = Duration.ofSeconds(60);
    /** How long a cache file must stay the same to count as written. */
    private static final Duration SETTLED = Duration.ofSeconds(2);
    /** When a cache was there before the run: how long to look for the launcher replacing it. */
    private static final Duration ALREADY_THERE = Duration.ofSeconds(5);

    private final Path dir;

    LauncherCache(Path root) {
        this.dir = root.resolve("flare4j-cli").resolve("target");
    }

    /** The cache files now, each with its size and modification time. */
    Map<Path, String> snapshot() throws IOException {
        Map<Path, String> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.{aot,cds}")) {
            for (Path file : entries) {
                try {
                    files.put(file, Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis());
                } catch (IOException e) {
                    // written or removed right now: seen on the next look
                }
            }
        }
        return files;
    }

    /**
     * Waits up to {@link #WAIT} for a cache file that is new or changed since {@code before} to stop
     * changing; returns the cache files as the timing starts, for the report.
     */
    String awaitSettled(Map<Path, String> before) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + WAIT.toNanos();
        Map<Path, String> last = snapshot();
        long stableSince = System.nanoTime();
        boolean changed = !last.equals(before);
        while (System.nanoTime() < deadline) {
            if (changed && System.nanoTime() - stableSince >= SETTLED.toNanos()) {
                break;
            }
            if (!changed && !before.isEmpty() && System.nanoTime() - start >= ALREADY_THERE.toNanos()) {
                break;
            }
            Thread.sleep(250);
            Map<Path, String> now = snapshot();
            if (!now.equals(last)) {
                last = now;
                stableSince = System.nanoTime();
                changed = true;
            }
            changed |= !now.equals(before);
        }
        if (!changed && !before.isEmpty()) {
            System.err.println("  (the launcher's cache was there already: " + describe(last) + ")");
        } else if (!changed) {
            System.err.println("  (no launcher cache appeared within " + WAIT.toSeconds() + " s: timing without one)");
        } else {
            System.err.println("  (launcher cache: " + describe(last) + ")");
        }
        return describe(last);
    }

    private String describe(Map<Path, String> files) {
        if (files.isEmpty()) {
            return "none";
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<Path, String> file : files.entrySet()) {
            long bytes = Long.parseLong(file.getValue().substring(0, file.getValue().indexOf('@')));
            out.append(out.isEmpty() ? "" : ", ").append("flare4j-cli/target/").append(file.getKey().getFileName())
                    .append(String.format(Locale.ROOT, " (%.1f MiB)", bytes / 1048576.0));
        }
        return out.toString();
    }
}
