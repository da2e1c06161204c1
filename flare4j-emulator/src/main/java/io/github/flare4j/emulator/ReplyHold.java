package io.github.flare4j.emulator;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A pause in one streamed reply, made by {@link Emulator#holdReply(String, int)}: the first reply
 * on the chosen path sends its first frames, is held before the next one until {@link #release()},
 * then goes on as usual. Lets a test act at a known point of a reply (a client reading, cancelling
 * or asking {@code ready()} while the rest has not been sent) without timing anything.
 *
 * <p>Thread-safe. Closing the emulator does not release a hold; release it (or let the test's
 * {@code try} do it through {@link #close()}) so the held reply can end.
 */
public final class ReplyHold implements AutoCloseable {

    private final String pathPrefix;
    private final int frames;
    private final AtomicBoolean taken = new AtomicBoolean();
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    ReplyHold(String pathPrefix, int frames) {
        if (frames < 0) {
            throw new IllegalArgumentException("frames must be 0 or more, was " + frames);
        }
        this.pathPrefix = pathPrefix;
        this.frames = frames;
    }

    /**
     * Whether this hold applies to a reply on {@code path}, claiming it when it does: only the first
     * such reply is held.
     */
    boolean claims(String path) {
        return path.startsWith(pathPrefix) && taken.compareAndSet(false, true);
    }

    /** Whether a claimed reply is held before its frame number {@code index} (from 0). */
    boolean holdsAt(int index) {
        return index == frames;
    }

    /**
     * Called by a claimed reply before its frame number {@code index} (from 0), after the frames
     * before it were handed to the socket: blocks there until released when it is the held frame.
     */
    void beforeFrame(int index) throws InterruptedIOException {
        if (!holdsAt(index)) {
            return;
        }
        held.countDown();
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while a reply was held");
        }
    }

    /**
     * Waits until the reply is held: its first frames were handed to the socket and the next waits.
     *
     * @param timeout how long to wait
     * @throws IllegalStateException if no reply got there in time
     */
    public void awaitHeld(Duration timeout) {
        try {
            if (!held.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("no reply on " + pathPrefix + " reached its frame " + frames
                        + " within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a reply to be held", e);
        }
    }

    /** Lets the held reply (or the one to come) go on. Idempotent. */
    public void release() {
        released.countDown();
    }

    /** Same as {@link #release()}. */
    @Override
    public void close() {
        release();
    }
}
