package io.github.flare4j.emulator;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;

/**
 * What the routes tell a waiting test about the replies they stream: the current {@link ReplyHold},
 * the paths of the streamed replies written to their end (the latest {@value #WRITTEN_KEPT}), and
 * how many connections closed. Thread-safe; one per emulator.
 */
final class ReplySignals implements Connection.Listener {

    private volatile ReplyHold hold;
    /** The most replies {@link #written} remembers: a long-running emulator keeps only the latest. */
    static final int WRITTEN_KEPT = 1024;

    private final BlockingQueue<String> written = new LinkedBlockingQueue<>(WRITTEN_KEPT);
    private final Semaphore closed = new Semaphore(0);

    ReplyHold hold(String pathPrefix, int frames) {
        ReplyHold next = new ReplyHold(pathPrefix, frames);
        hold = next;
        return next;
    }

    /** The hold for a reply starting on {@code path}, or null: a reply asks once, as it starts. */
    ReplyHold holdFor(String path) {
        ReplyHold current = hold;
        return current != null && current.claims(path) ? current : null;
    }

    /** Before frame {@code index} of a reply that holds {@code hold} (null: none). */
    static void beforeFrame(ReplyHold hold, int index) throws InterruptedIOException {
        if (hold != null) {
            hold.beforeFrame(index);
        }
    }

    /** A streamed reply on {@code path} was written to its end (or as far as its fault lets it). */
    void written(String path) {
        while (!written.offer(path)) {
            written.poll(); // full: the oldest goes, no test waits for it any more
        }
    }

    void awaitWritten(String pathPrefix, Duration timeout) {
        long until = System.nanoTime() + timeout.toNanos();
        try {
            for (String path = written.poll(timeout.toNanos(), TimeUnit.NANOSECONDS); path != null;
                    path = written.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                if (path.startsWith(pathPrefix)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("no reply on " + pathPrefix + " was written to its end within " + timeout);
    }

    @Override
    public void onClosed(Connection connection) {
        closed.release();
    }

    void awaitClosed(int count, Duration timeout) {
        try {
            if (closed.tryAcquire(count, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException(count + " connection(s) did not close within " + timeout);
    }
}
