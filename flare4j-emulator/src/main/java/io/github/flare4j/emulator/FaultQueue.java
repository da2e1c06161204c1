package io.github.flare4j.emulator;

import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Faults waiting for the next requests to their path, first in first out per path. */
final class FaultQueue {

    private final Map<String, Queue<Fault>> byPath = new ConcurrentHashMap<>();

    void add(String path, Fault fault) {
        byPath.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>()).add(fault);
    }

    /** Removes and returns the oldest fault queued for a path (without its query string). */
    Optional<Fault> poll(String path) {
        Queue<Fault> queue = byPath.get(path);
        return queue == null ? Optional.empty() : Optional.ofNullable(queue.poll());
    }
}
