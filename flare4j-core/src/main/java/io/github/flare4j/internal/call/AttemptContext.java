package io.github.flare4j.internal.call;

import io.github.flare4j.CallOptions;
import io.github.flare4j.internal.http.Deadline;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What an attempt is opened with: the call's options, its one deadline, the attempt's number, and
 * a way to be cancelled while it blocks (the engine's {@code close()} may come from another
 * thread at any time).
 */
public final class AttemptContext {
  private final CallOptions options;
  private final Deadline deadline;
  private final int number;
  private final AtomicReference<Runnable> onClose = new AtomicReference<>();
  private volatile boolean closed;
  private volatile boolean doNotRetry;

  AttemptContext(CallOptions options, Deadline deadline, int number) {
    this.options = options;
    this.deadline = deadline;
    this.number = number;
  }

  /** The call's options. */
  public CallOptions options() {
    return options;
  }

  /** The call's deadline, shared by every attempt. */
  public Deadline deadline() {
    return deadline;
  }

  /** 1 for the first attempt, 2 for the first retry, ... */
  public int number() {
    return number;
  }

  /** True once the caller closed the call: stop and return. */
  public boolean closed() {
    return closed;
  }

  /**
   * What to run if the caller closes the call while this attempt is being opened (cancel the HTTP
   * call, close the socket). Replaces the previous one; runs at once when already closed.
   */
  public void onClose(Runnable cancel) {
    onClose.set(cancel);
    if (closed) {
      runOnClose();
    }
  }

  /**
   * Says that the failure this attempt is about to throw must end the call, whatever its kind:
   * the caller asked to fail fast (Workers AI's {@code rejectIfBusy}).
   */
  public void doNotRetry() {
    doNotRetry = true;
  }

  /** Whether {@link #doNotRetry()} was called. */
  boolean retryRefused() {
    return doNotRetry;
  }

  void close() {
    closed = true;
    runOnClose();
  }

  private void runOnClose() {
    Runnable cancel = onClose.getAndSet(null);
    if (cancel != null) {
      cancel.run();
    }
  }
}
