package io.github.flare4j.bench.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Wall time of short commands started afresh, each run several times after one unmeasured run. */
final class ColdStart {

    /**
     * One command's times.
     *
     * @param name    what it is
     * @param command the command line, as shown in the report
     * @param millis  its wall times
     */
    record Result(String name, String command, Stats millis) {
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
        once(command, expect);
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            once(command, expect);
            millis.add((System.nanoTime() - start) / 1e6);
        }
        Result result = new Result(name, String.join(" ", command.stream().map(ColdStart::shellQuote).toList()),
                Stats.of(millis));
        System.err.printf("  %-36s %.0f ms (±%.0f, min %.0f)%n", name, result.millis().mean(), result.millis().sd(),
                result.millis().min());
        return result;
    }

    private void once(List<String> command, String expect) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit != 0 || !out.contains(expect)) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + exit + " printing '"
                    + (out.length() > 200 ? out.substring(0, 200) : out) + "', expected '" + expect + "'");
        }
    }

    static String shellQuote(String word) {
        return word.matches("[A-Za-z0-9_./:=@+-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
