package io.github.flare4j.bench.run;

import com.openai.client.OpenAIClient;
import com.sun.management.GarbageCollectionNotificationInfo;
import io.github.flare4j.ChatRequest;
import io.github.flare4j.workersai.WorkersAIOpenAI;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * One concurrency measurement in a fresh JVM: {@code N} streams of {@code T} tokens at once on the
 * OpenAI-compatible route, each on its own virtual thread, through flare4j or openai-java. Prints
 * one {@code RESULT} line: streams whose text was complete, tokens (text pieces) received, wall and
 * process CPU time from the first stream's start to the last one's end, the heap's peak use (sampled
 * every 5 ms and read before every collection), its peak after a collection (what stayed live) and the
 * process's peak resident set.
 */
public final class ConcurrencyChild {

    private ConcurrencyChild() {
    }

    /**
     * Runs one measurement.
     *
     * @param args {@code flare4j|openai-java STREAMS TOKENS BASE_URL}
     * @throws Exception when the run cannot be made
     */
    public static void main(String[] args) throws Exception {
        String client = args[0];
        int streams = Integer.parseInt(args[1]);
        int tokens = Integer.parseInt(args[2]);
        String baseUrl = args[3];
        String expected = Wire.expectedText(tokens);
        HeapWatch heap = new HeapWatch();

        Stream one;
        if (client.equals("flare4j")) {
            OkHttpClient http = Wire.client(null).newBuilder().connectionPool(new ConnectionPool()).build();
            WorkersAIOpenAI provider = Wire.openAi(baseUrl, http);
            ChatRequest request = Wire.request(tokens);
            one = pieces -> {
                long chars = 0;
                try (var stream = provider.stream(request, Wire.CALL)) {
                    for (var item : stream) {
                        if (item instanceof io.github.flare4j.TextDelta delta) {
                            chars += delta.text().length();
                            pieces.incrementAndGet();
                        }
                    }
                }
                return chars;
            };
        } else {
            OpenAIClient openAi = Throughput.openAiJava(baseUrl);
            var params = Throughput.openAiParams(tokens);
            one = pieces -> {
                long chars = 0;
                try (var stream = openAi.chat().completions().createStreaming(params)) {
                    var it = stream.stream().iterator();
                    while (it.hasNext()) {
                        for (var choice : it.next().choices()) {
                            String text = choice.delta().content().orElse("");
                            if (!text.isEmpty()) {
                                chars += text.length();
                                pieces.incrementAndGet();
                            }
                        }
                    }
                }
                return chars;
            };
        }
        // one stream first, so that class loading and connection set-up are not what is measured
        one.run(new AtomicLong());
        System.gc();
        heap.start();

        AtomicLong pieces = new AtomicLong();
        AtomicLong complete = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        List<String> errors = new ArrayList<>();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> all = new ArrayList<>(streams);
            for (int i = 0; i < streams; i++) {
                all.add(threads.submit(() -> {
                    try {
                        if (one.run(pieces) == expected.length()) {
                            complete.incrementAndGet();
                        } else {
                            failures.incrementAndGet();
                        }
                    } catch (RuntimeException | Error e) {
                        failures.incrementAndGet();
                        synchronized (errors) {
                            if (errors.size() < 3) {
                                errors.add(e.toString());
                            }
                        }
                    }
                }));
            }
        }
        long wall = System.nanoTime() - t0;
        long cpu = os.getProcessCpuTime() - cpu0;
        heap.stop();
        System.out.printf("RESULT complete=%d failed=%d pieces=%d wallMs=%.1f cpuMs=%.1f peakHeapMiB=%.1f"
                        + " peakLiveMiB=%.1f rssPeakMiB=%.1f errors=%s%n",
                complete.get(), failures.get(), pieces.get(), wall / 1e6, cpu / 1e6, heap.peakUsed / 1048576.0,
                heap.peakLive / 1048576.0, rssPeakKiB() / 1024.0, String.join(" | ", errors).replace('\n', ' '));
        System.out.flush();
        System.exit(0);
    }

    /** One stream; adds its text pieces to {@code pieces} and returns its text's length. */
    private interface Stream {
        long run(AtomicLong pieces);
    }

    /** VmHWM: the most resident memory the process has had. */
    private static long rssPeakKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (java.io.IOException e) {
            // not Linux: unknown
        }
        return -1;
    }

    /** The heap's peak use: sampled, and read before and after every collection. */
    private static final class HeapWatch {
        volatile long peakUsed;
        volatile long peakLive;
        private volatile boolean running;
        private Thread sampler;

        void start() {
            running = true;
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                    if (!running || !notification.getType().equals(
                            GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                        return;
                    }
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    peakUsed = Math.max(peakUsed, heapOnly(info.getGcInfo().getMemoryUsageBeforeGc()));
                    peakLive = Math.max(peakLive, heapOnly(info.getGcInfo().getMemoryUsageAfterGc()));
                }, null, null);
            }
            sampler = Thread.ofPlatform().daemon().name("heap-sampler").start(() -> {
                var memory = ManagementFactory.getMemoryMXBean();
                while (running) {
                    peakUsed = Math.max(peakUsed, memory.getHeapMemoryUsage().getUsed());
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        void stop() throws InterruptedException {
            peakUsed = Math.max(peakUsed, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            running = false;
            sampler.join();
        }

        private static long heapOnly(Map<String, MemoryUsage> pools) {
            long used = 0;
            for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == java.lang.management.MemoryType.HEAP && pools.containsKey(pool.getName())) {
                    used += pools.get(pool.getName()).getUsed();
                }
            }
            return used;
        }
    }
}
