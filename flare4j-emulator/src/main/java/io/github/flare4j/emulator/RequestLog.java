package io.github.flare4j.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Every request the emulator received: a full history, and a queue that tests take from in order. */
final class RequestLog {

    private final List<RecordedRequest> all = new CopyOnWriteArrayList<>();
    private final BlockingQueue<RecordedRequest> untaken = new LinkedBlockingQueue<>();
    /** The paths of the responses whose client closed the connection before they ended. */
    private final BlockingQueue<String> abandoned = new LinkedBlockingQueue<>();

    /** Notes that the client of a request to {@code path} left before its response ended. */
    void abandoned(String path) {
        abandoned.add(path);
    }

    /** The path of the oldest abandoned response not taken yet, or null if none comes in time. */
    String takeAbandoned(Duration timeout) {
        try {
            return abandoned.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    void record(RecordedRequest request) {
        all.add(request);
        untaken.add(request);
    }

    /**
     * The oldest request not taken yet, waiting for one to arrive.
     *
     * @throws IllegalStateException when none arrives in time
     */
    RecordedRequest take(Duration timeout) {
        try {
            RecordedRequest request = untaken.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (request == null) {
                throw new IllegalStateException("no request reached the emulator within " + timeout);
            }
            return request;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a request", e);
        }
    }

    /** Takes, without waiting, every request not taken yet, oldest first. */
    List<RecordedRequest> drainUntaken() {
        List<RecordedRequest> drained = new ArrayList<>();
        untaken.drainTo(drained);
        return drained;
    }

    List<RecordedRequest> snapshot() {
        return List.copyOf(all);
    }

    int count() {
        return all.size();
    }
}
