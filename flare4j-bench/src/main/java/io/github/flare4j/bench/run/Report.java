package io.github.flare4j.bench.run;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes {@code docs/performance.md} from one run's measurements. */
final class Report {

    private final String command;
    private final boolean quick;
    private final PerformanceRun.Settings settings;
    private final PerformanceRun.Machine machine;
    private final String loadBefore;
    private final String loadAfter;
    private final String heap;
    private final List<String> childOptions;
    private final Map<Wire, List<Throughput.Result>> throughput;
    private final List<Concurrency.Result> streams;
    private final List<ColdStart.Result> cold;
    private final List<CliStream.Result> cliStream;
    private final String when;
    private final StringBuilder out = new StringBuilder();

    Report(String command, boolean quick, PerformanceRun.Settings settings, PerformanceRun.Machine machine,
            String loadBefore, String loadAfter, String heap, List<String> childOptions,
            Map<Wire, List<Throughput.Result>> throughput, List<Concurrency.Result> streams,
            List<ColdStart.Result> cold, List<CliStream.Result> cliStream, String when) {
        this.command = command;
        this.quick = quick;
        this.settings = settings;
        this.machine = machine;
        this.loadBefore = loadBefore;
        this.loadAfter = loadAfter;
        this.heap = heap;
        this.childOptions = childOptions;
        this.throughput = throughput;
        this.streams = streams;
        this.cold = cold;
        this.cliStream = cliStream;
        this.when = when;
    }

    String markdown() {
        line("# Performance");
        line("");
        line("Everything on this page, numbers and plots, was written by one run of");
        line("");
        line("```sh");
        line(command);
        line("```");
        line("");
        line("from the project's root (" + when + "). It builds what it needs (`./mvnw -B -q -pl flare4j-bench,flare4j-cli"
                + " -am package -DskipTests`), then runs `io.github.flare4j.bench.run.PerformanceRun`; `flare4j-bench/run"
                + " --quick` is a shorter run for trying changes (it writes this page too: do not commit one)."
                + " `./mvnw -B verify` compiles the bench code but never runs it.");
        if (quick) {
            line("");
            line("**This page comes from a `--quick` run: shorter replies and fewer rounds than the committed one.**");
        }
        line("");
        line("## Machine");
        line("");
        line("| | |");
        line("| --- | --- |");
        line("| CPU | " + machine.cpu() + " |");
        line("| cores (as the JVM sees them) | " + machine.cores() + " |");
        line("| RAM | " + fmt("%.1f GiB", machine.ramGiB()) + " |");
        line("| JDK | " + machine.jdk() + " |");
        line("| OS | " + machine.os() + " |");
        line("| load average (1, 5, 15 min) before / after | " + loadBefore + " / " + loadAfter + " |");
        line("");
        line("The emulator, the measuring JVM and each concurrency JVM share these cores; the machine is also shared"
                + " with other work (builds of other branches), which the load average above shows. Every ratio below"
                + " compares contenders measured in the same run, in turns, so a busy moment costs all of them.");
        throughputSection();
        concurrencySection();
        coldSection();
        cliStreamSection();
        targetsSection();
        gatewaySection();
        commandsSection();
        return out.toString();
    }

    private void throughputSection() {
        line("");
        line("## Throughput: one long reply, per format");
        line("");
        line(fmt("One reply of %,d tokens (the emulator's filler text, one word per token, no pause between tokens),"
                + " streamed over loopback HTTP from the emulator in its own JVM. Each contender is warmed up %d times,"
                + " then measured %d times, the contenders taking turns; tokens/s is the reply's tokens over the wall"
                + " time from sending the request to the last byte; ± is the standard deviation of the rounds.",
                settings.replyTokens(), settings.warmups(), settings.rounds()));
        line("");
        line("- **floor**: the exact request flare4j sent (captured once, on the wire), sent again with a plain OkHttp"
                + " client; the response body is read into an 8 KiB buffer and thrown away, nothing decoded. On the"
                + " Agents socket: the same state and chat frames over an OkHttp WebSocket, each text frame received"
                + " and dropped, until the frame that ends the reply. This is the cost of moving the bytes, the most"
                + " any client could do.");
        line("- **flare4j**: the public API (`Cloudflare` with `Transport.INFERENCE` or `AGENTS`, `WorkersAI`,"
                + " `WorkersAIOpenAI`), iterating the `ChatStream` and adding up every `TextDelta`; each reply is checked"
                + " to be the whole text.");
        line("- **openai-java** (`com.openai:openai-java`), on the OpenAI-compatible route only: `createStreaming`,"
                + " adding up every chunk's `delta.content`, checked the same way.");
        line("");
        line("| format | floor tokens/s | flare4j tokens/s | flare4j / floor | openai-java tokens/s | flare4j / openai-java |");
        line("| --- | ---: | ---: | ---: | ---: | ---: |");
        for (Map.Entry<Wire, List<Throughput.Result>> entry : throughput.entrySet()) {
            Throughput.Result floor = find(entry.getValue(), "floor");
            Throughput.Result flare = find(entry.getValue(), "flare4j");
            Throughput.Result openAi = find(entry.getValue(), "openai-java");
            line("| " + entry.getKey().label() + " | " + rate(floor) + " | " + rate(flare) + " | "
                    + fmt("%.0f%%", 100 * flare.tokensPerSecond().mean() / floor.tokensPerSecond().mean()) + " | "
                    + (openAi == null ? "" : rate(openAi)) + " | "
                    + (openAi == null ? "" : fmt("%.1f×", flare.tokensPerSecond().mean() / openAi.tokensPerSecond().mean()))
                    + " |");
        }
        line("");
        line("Bytes of one reply: " + String.join(", ", throughput.entrySet().stream()
                .map(e -> fmt("%s %,d", Charts.shortName(e.getKey()), find(e.getValue(), "floor").bytesPerReply()))
                .toList()) + " (the Agents socket's are the frames' characters).");
        line("");
        line("![Tokens per second per format](performance/throughput.png)");
    }

    private void concurrencySection() {
        line("");
        line("## Concurrency: many streams at once from one JVM");
        line("");
        line(fmt("N streams of %d tokens at once on the OpenAI-compatible route, each on its own virtual thread, all"
                + " started together, through one client (flare4j's `WorkersAIOpenAI`, or openai-java's"
                + " `OpenAIOkHttpClient`). Each size and client runs in a fresh JVM with `%s`, after one unmeasured"
                + " stream. Wall and process CPU time run from the first stream's start to the last one's end. Peak heap"
                + " is the most heap in use, sampled every 5 ms and read before every collection; \"live\" is the most"
                + " left after a collection (per stream: that over the streams); RSS is the process's peak resident memory (VmHWM). The emulator serves"
                + " from its own JVM, on virtual threads.", settings.streamTokens(), String.join(" ", childOptions)));
        line("");
        line("| streams | client | all tokens received | tokens | wall s | CPU s | tokens/s | peak heap MiB | live MiB | live KiB per stream | peak RSS MiB |");
        line("| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Concurrency.Result r : streams) {
            if (!r.error().isEmpty() && Double.isNaN(r.wallMs())) {
                line(fmt("| %,d | %s | no: %s | | | | | | | | |", r.streams(), r.client(), r.error().replace("|", "/")));
                continue;
            }
            line(fmt("| %,d | %s | %s | %,d | %.2f | %.2f | %,.0f | %.0f | %.0f | %.1f | %.0f |", r.streams(), r.client(),
                    r.allReceived() ? "yes" : fmt("no (%,d of %,d streams whole)", r.complete(), r.streams()),
                    r.pieces(), r.wallMs() / 1000, r.cpuMs() / 1000, r.tokensPerSecond(), r.peakHeapMiB(),
                    r.peakLiveMiB(), r.peakLiveMiB() * 1024 / r.streams(), r.rssPeakMiB()));
        }
        line("");
        line("| streams | flare4j / openai-java tokens/s | flare4j / openai-java peak heap | flare4j / openai-java CPU | flare4j / openai-java peak RSS |");
        line("| ---: | ---: | ---: | ---: | ---: |");
        for (int size : sizes()) {
            Concurrency.Result f = result("flare4j", size);
            Concurrency.Result o = result("openai-java", size);
            if (f == null || o == null || !f.allReceived() || !o.allReceived()) {
                line(fmt("| %,d | (a run did not finish whole) | | | |", size));
                continue;
            }
            line(fmt("| %,d | %.1f× | %.2f | %.2f | %.2f |", size, f.tokensPerSecond() / o.tokensPerSecond(),
                    f.peakHeapMiB() / o.peakHeapMiB(), f.cpuMs() / o.cpuMs(), f.rssPeakMiB() / o.rssPeakMiB()));
        }
        line("");
        line("![Peak heap per concurrency](performance/concurrency-heap.png)");
        line("");
        line("![Wall time per concurrency](performance/concurrency-wall.png)");
    }

    private void coldSection() {
        line("");
        line("## Cold start: the CLI against curl");
        line("");
        line(fmt("Each command started afresh %d times after one unmeasured start; wall time from start to exit. The"
                + " chat asks the emulator (same JVM as above) for a 20-token reply over `POST /api/inference`; curl sends"
                + " the body flare4j sends for it. The launcher `./flare4j` is measured as it is (whatever it does to"
                + " start the JVM). After its unmeasured start, the timing waits (up to %d s) for a JDK cache the"
                + " launcher may build in the background (`flare4j-cli/target/*.aot` or `*.cds`) to appear and stop"
                + " changing, so that the times are those of every later start; when none appears, it times without"
                + " one.", settings.coldRuns(), LauncherCache.WAIT.toSeconds()));
        line("");
        line("| command | mean ms | ± ms | min ms | max ms | / curl |");
        line("| --- | ---: | ---: | ---: | ---: | ---: |");
        double curl = cold.getLast().millis().mean();
        for (ColdStart.Result r : cold) {
            line(fmt("| %s | %.0f | %.0f | %.0f | %.0f | %.1f× |", r.name(), r.millis().mean(), r.millis().sd(),
                    r.millis().min(), r.millis().max(), r.millis().mean() / curl));
        }
        line("");
        for (ColdStart.Result r : cold) {
            if (!r.jvm().isEmpty() || !r.cache().isEmpty()) {
                line("- " + r.name() + ": launcher cache " + (r.cache().isEmpty() ? "not looked for" : r.cache())
                        + (r.jvm().isEmpty() ? "" : "; the JVM it ran: `" + shownCommand(shortenPaths(r.jvm())) + "`"));
            }
        }
        line("");
        line("![Cold start](performance/cold-start.png)");
    }

    private void cliStreamSection() {
        line("");
        line("## Streaming output: the CLI against curl");
        line("");
        line(fmt("A reply of %,d tokens over `POST /api/inference` (the playground's route, `--transport inference`)"
                + " from an emulator of its own (same options as above, `--reply-tokens %d`), printed to a file by a"
                + " whole process: `./flare4j chat ... > file` against `curl -sS -N ... -o file` sending the body"
                + " flare4j sends. Each command runs once unmeasured, then %d times, the two taking turns; wall time"
                + " from start to exit, the CLI's start included. The write(2) calls are counted on one more run of"
                + " each under `strace -f -c -e trace=write` (every thread and child of the process), when strace is"
                + " installed.", settings.cliStreamTokens(), settings.cliStreamTokens(), settings.cliRuns()));
        line("");
        line("| command | mean ms | ± ms | min ms | max ms | / curl | bytes written | write(2) calls |");
        line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        double curl = cliStream.getLast().millis().mean();
        for (CliStream.Result r : cliStream) {
            line(fmt("| %s | %.0f | %.0f | %.0f | %.0f | %.2f× | %,d | %s |", r.name(), r.millis().mean(),
                    r.millis().sd(), r.millis().min(), r.millis().max(), r.millis().mean() / curl, r.bytes(),
                    r.writes() < 0 ? "not measured" : fmt("%,d", r.writes())));
        }
        line("");
        line("![A long reply streamed to a file](performance/cli-stream.png)");
    }

    private static String shortenPaths(String commandLine) {
        return commandLine.replaceAll("/\\S*/(flare4j-cli/target/)", "$1").replace("|", "/");
    }

    private void targetsSection() {
        line("");
        line("## Targets");
        line("");
        double worst = Double.MAX_VALUE;
        Wire worstWire = null;
        for (Map.Entry<Wire, List<Throughput.Result>> e : throughput.entrySet()) {
            double ratio = find(e.getValue(), "flare4j").tokensPerSecond().mean()
                    / find(e.getValue(), "floor").tokensPerSecond().mean();
            if (ratio < worst) {
                worst = ratio;
                worstWire = e.getKey();
            }
        }
        StringBuilder note = new StringBuilder();
        line("| target | measured | met |");
        line("| --- | --- | --- |");
        line(fmt("| decoding ≥ 60%% of the floor's tokens/s on every format | lowest: %.0f%% (%s) | %s |", 100 * worst,
                worstWire.label(), worst >= 0.6 ? "yes" : "**no**"));
        List<Throughput.Result> openAi = throughput.get(Wire.OPENAI);
        double single = find(openAi, "flare4j").tokensPerSecond().mean() / find(openAi, "openai-java").tokensPerSecond().mean();
        StringBuilder concurrent = new StringBuilder();
        StringBuilder memory = new StringBuilder();
        boolean memoryMet = true;
        boolean memoryMeasured = false;
        double worstConcurrent = Double.MAX_VALUE;
        for (int size : sizes()) {
            Concurrency.Result f = result("flare4j", size);
            Concurrency.Result o = result("openai-java", size);
            if (f == null || o == null || !f.allReceived() || !o.allReceived()) {
                continue;
            }
            double ratio = f.tokensPerSecond() / o.tokensPerSecond();
            worstConcurrent = Math.min(worstConcurrent, ratio);
            double heapRatio = f.peakHeapMiB() / o.peakHeapMiB();
            memoryMeasured = true;
            memoryMet &= heapRatio <= 0.25;
            concurrent.append(fmt("%s%,d streams %.1f×", concurrent.isEmpty() ? "" : ", ", size, ratio));
            memory.append(fmt("%s%,d streams %.0f / %.0f MiB = %.2f", memory.isEmpty() ? "" : ", ", size,
                    f.peakHeapMiB(), o.peakHeapMiB(), heapRatio));
        }
        line(fmt("| OpenAI-compatible route ≥ 8× openai-java's tokens/s | one reply %.1f×; %s | %s |", single,
                concurrent.isEmpty() ? "no concurrency run finished for both" : concurrent,
                single >= 8 && worstConcurrent >= 8 ? "yes" : "**no**"));
        line(fmt("| … at ≤ 1/4 of openai-java's peak memory (peak heap, concurrency runs) | %s | %s |",
                memoryMeasured ? memory : "not measured", memoryMeasured && memoryMet ? "yes" : "**no**"));
        double ceiling = find(openAi, "floor").tokensPerSecond().mean()
                / find(openAi, "openai-java").tokensPerSecond().mean();
        double ofFloor = 100 * find(openAi, "flare4j").tokensPerSecond().mean()
                / find(openAi, "floor").tokensPerSecond().mean();
        if (single < 8 && ceiling < 8) {
            note.append(fmt("On one reply, the OpenAI-compatible route's floor itself (plain OkHttp draining the bytes)"
                    + " runs only %.1f× as fast as openai-java here, so no client can reach 8× on this machine: the"
                    + " emulator, building and writing every ~250-byte chunk in its own JVM on a second core of two, sets"
                    + " the pace; flare4j reaches %.0f%% of that floor. ", ceiling, ofFloor));
        } else if (single < 8) {
            note.append(fmt("On one reply, the OpenAI-compatible route's floor (plain OkHttp draining the bytes) runs"
                    + " %.1f× as fast as openai-java here, so 8× is within a client's reach on this machine; flare4j"
                    + " reaches %.0f%% of that floor, the emulator sharing the two cores with it. ", ceiling, ofFloor));
        }
        if (worstConcurrent < 8 && worstConcurrent != Double.MAX_VALUE) {
            note.append("With many streams, both clients open one HTTP/1.1 connection per stream through OkHttp, whose"
                    + " connection pool is searched on every call, and the emulator serving them shares the two cores:"
                    + " the ratio shrinks toward what the machine allows. ");
        }
        Concurrency.Result tenK = result("flare4j", 10_000);
        line(fmt("| 10,000 streams with peak heap ≤ 512 MiB | %s | %s |",
                tenK == null ? "not run" : tenK.allReceived()
                        ? fmt("%.0f MiB (all %,d tokens received, -Xmx%s)", tenK.peakHeapMiB(), tenK.pieces(), heap)
                        : "did not finish whole: " + tenK.error().replace("|", "/"),
                tenK != null && tenK.allReceived() && tenK.peakHeapMiB() <= 512 ? "yes" : "**no**"));
        ColdStart.Result chat = cold.stream().filter(r -> r.name().startsWith("./flare4j chat")).findFirst()
                .orElse(null);
        line(fmt("| CLI: a 20-token chat ≤ 0.3 s, whole process | %s | %s |",
                chat == null ? "not measured" : fmt("%.2f s (mean of %d; min %.2f s)", chat.millis().mean() / 1000,
                        chat.millis().n(), chat.millis().min() / 1000),
                chat != null && chat.millis().mean() <= 300 ? "yes" : "**no**"));
        CliStream.Result cli = cliStream.getFirst();
        CliStream.Result curl = cliStream.getLast();
        double streamRatio = cli.millis().mean() / curl.millis().mean();
        line(fmt("| CLI: a %,d-token stream to a file ≤ 2× curl's wall time | %.2f s / %.2f s = %.1f× | %s |",
                settings.cliStreamTokens(), cli.millis().mean() / 1000, curl.millis().mean() / 1000, streamRatio,
                streamRatio <= 2 ? "yes" : "**no**"));
        if (!note.isEmpty()) {
            line("");
            line(note.toString().strip());
        }
    }

    /** The gateway's figures come from another run (GatewayOverhead); this page points to them. */
    private void gatewaySection() {
        line("");
        line("## The gateway (`flare4j serve`)");
        line("");
        line(GATEWAY_NOTE);
    }

    /** What {@link #gatewaySection()} says, also pasted by hand when only the gateway's page changes. */
    static final String GATEWAY_NOTE = "The gateway's speed (1,000 concurrent streams through `flare4j serve`"
            + " against the same streams straight to the emulator: time to first token added, p50 and p99, at once"
            + " and in the steady state; its CPU per stream and peak RSS) is measured by another program,"
            + " `io.github.flare4j.bench.run.GatewayOverhead`, not by this run: its figures, commands, the machine's"
            + " load and whether the issue's targets (p99 added ≤ 5 ms; RSS ≤ 300 MiB at 1,000 streams) are met are"
            + " in [gateway-performance.md](gateway-performance.md).";

    private void commandsSection() {
        line("");
        line("## Exact commands");
        line("");
        line("The harness starts these itself (paths shortened; `$CP` is `flare4j-bench/target/benchmarks.jar`):");
        line("");
        line("```sh");
        line(fmt("java -Xmx1g -cp $CP io.github.flare4j.bench.run.EmulatorServer --reply-tokens %d   # the emulator",
                settings.replyTokens()));
        line("java " + String.join(" ", childOptions) + " -cp $CP io.github.flare4j.bench.run.ConcurrencyChild "
                + "flare4j|openai-java N " + settings.streamTokens() + " http://127.0.0.1:PORT");
        for (ColdStart.Result r : cold) {
            line(shownCommand(r.command()));
        }
        line(fmt("java -Xmx1g -cp $CP io.github.flare4j.bench.run.EmulatorServer --reply-tokens %d   # the emulator of"
                + " the long stream (PORT2)", settings.cliStreamTokens()));
        for (CliStream.Result r : cliStream) {
            line(shownCommand(r.command()).replace("127.0.0.1:PORT", "127.0.0.1:PORT2"));
        }
        line("strace -f -c -e trace=write -o SUMMARY <each of the two above>   # write(2) calls, when strace is installed");
        line("```");
    }

    private static String shownCommand(String command) {
        return command.replaceAll("http://127\\.0\\.0\\.1:\\d+", "http://127.0.0.1:PORT")
                .replaceAll("--cache-dir \\S+", "--cache-dir TMP");
    }

    private List<Integer> sizes() {
        return streams.stream().map(Concurrency.Result::streams).distinct().toList();
    }

    private Concurrency.Result result(String client, int size) {
        return streams.stream().filter(r -> r.client().equals(client) && r.streams() == size).findFirst().orElse(null);
    }

    private static Throughput.Result find(List<Throughput.Result> results, String contender) {
        return results.stream().filter(r -> r.contender().equals(contender)).findFirst().orElse(null);
    }

    private static String rate(Throughput.Result r) {
        return fmt("%,.0f ± %.0f%%", r.tokensPerSecond().mean(), r.tokensPerSecond().relativeSd());
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
