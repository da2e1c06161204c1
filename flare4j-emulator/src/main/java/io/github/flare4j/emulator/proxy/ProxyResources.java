package io.github.flare4j.emulator.proxy;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sockets and threads of one {@link TestProxy}, so that closing the proxy closes every
 * connection and waits for every thread. Threads are virtual.
 */
final class ProxyResources {

    private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Registers a socket (or server socket) to close with the proxy; closes it at once if the proxy is closed. */
    <T extends Closeable> T track(T closeable) {
        open.add(closeable);
        if (closed) {
            closeQuietly(closeable);
        }
        return closeable;
    }

    /** Closes a socket now and forgets it. */
    void release(Closeable closeable) {
        open.remove(closeable);
        closeQuietly(closeable);
    }

    /** Runs a task on a new virtual thread that the proxy waits for when it closes. */
    Thread start(String name, Runnable task) {
        Thread thread = Thread.ofVirtual().name(name).unstarted(() -> {
            try {
                task.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        });
        threads.add(thread);
        thread.start();
        return thread;
    }

    /** Closes every socket, then waits a bounded time for every thread to end. */
    void close(Duration wait) {
        closed = true;
        open.forEach(ProxyResources::closeQuietly);
        open.clear();
        long deadline = System.nanoTime() + wait.toNanos();
        for (Thread thread : Set.copyOf(threads)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                thread.join(Duration.ofNanos(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // already broken: nothing more to release
        }
    }
}
