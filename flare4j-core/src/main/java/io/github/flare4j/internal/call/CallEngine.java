package io.github.flare4j.internal.call;

import io.github.flare4j.CallListener;
import io.github.flare4j.CallOptions;
import io.github.flare4j.CallProgress;
import io.github.flare4j.ChatStream;
import io.github.flare4j.ResponseInfo;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.ResponseStart;
import io.github.flare4j.TextDelta;
import io.github.flare4j.Usage;
import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.error.NetworkException;
import io.github.flare4j.error.StreamTruncatedException;
import io.github.flare4j.internal.http.Deadline;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One call's lifecycle, the same for every provider and transport: open an attempt (the
 * provider's {@link AttemptFactory}: build, send, check the status), read its items, retry what
 * {@link RetryPolicy} allows while no item has reached the caller (so no token is ever repeated),
 * all within one {@link Deadline}; report to the {@link CallListener}; and close or cancel once.
 *
 * <p>The first item handed out is one {@link ResponseStart}: the attempt's, held back until the
 * attempt's next item has arrived (so a start alone does not stop a retry, and a retry's start
 * replaces it), else one made here with the model as asked. Later starts are dropped.
 *
 * <p>Read by one thread; {@link #close()} may be called from any thread and makes a blocked
 * {@link #next()} return promptly.
 */
public final class CallEngine implements ChatStream.Source {
  private static final System.Logger LOG = System.getLogger(CallEngine.class.getName());

  private final String provider;
  private final String model;
  private final CallOptions options;
  private final AttemptFactory factory;
  private final CallListener listener;
  private long startNanos;
  private Deadline deadline;
  private int attempts;
  private boolean delivered;
  private int itemsDelivered;
  private long charactersDelivered;
  private boolean ended;
  private Usage usage;
  private volatile AttemptContext context;
  private volatile Attempt attempt;
  private volatile boolean closed;
  private Flare4jException pending;
  /** The start of the current attempt, not handed out yet. */
  private ResponseStart heldStart;
  /** The item that came with the start, handed out after it. */
  private ResponseItem queued;
  private final CountDownLatch closedSignal = new CountDownLatch(1);

  /**
   * @param provider the provider's label, for the listener
   * @param model the model as asked, for the listener
   */
  public CallEngine(String provider, String model, CallOptions options, AttemptFactory factory) {
    this.provider = provider;
    this.model = model;
    this.options = options;
    this.factory = factory;
    this.listener = options.listener();
  }

  @Override
  public ResponseItem next() {
    if (closed || ended) {
      return null;
    }
    if (queued != null) {
      ResponseItem item = queued;
      queued = null;
      return counted(item);
    }
    if (deadline == null) {
      startNanos = System.nanoTime();
      deadline = Deadline.after(options.timeout());
      listener.callStart(provider, model);
    }
    while (true) {
      try {
        if (attempt == null && !open()) {
          return null;
        }
        ResponseItem item = takeNext();
        if (item instanceof ResponseStart start) {
          if (!delivered) {
            heldStart = start; // handed out with the next item
          }
          continue;
        }
        if (item == null) {
          ended = true;
          if (!closed) {
            listener.callEnd(Optional.ofNullable(usage), elapsed());
          }
          return null;
        }
        if (!delivered) {
          delivered = true;
          listener.firstToken(elapsed());
          ResponseStart start = heldStart != null ? heldStart : new ResponseStart(
              ResponseStart.generatedId(), model == null || model.isBlank() ? "unknown" : model,
              java.time.Instant.now());
          heldStart = null;
          queued = item;
          return counted(start);
        }
        return counted(item);
      } catch (Flare4jException e) {
        closeAttempt();
        heldStart = null; // a failed attempt's start is not the reply's
        if (closed) {
          return null;
        }
        if (!retry(e)) {
          ended = true;
          Flare4jException failure = truncated(e);
          listener.callFailed(failure, elapsed());
          throw failure;
        }
      }
    }
  }

  /** Notes what {@code item} adds to the reply, for the listener and truncation messages. */
  private ResponseItem counted(ResponseItem item) {
    itemsDelivered++;
    if (item instanceof TextDelta text) {
      charactersDelivered += text.text().length();
    } else if (item instanceof Usage reported) {
      usage = reported;
    }
    return item;
  }

  /** The attempt's next item, or the failure {@link #ready()} found while decoding ahead. */
  private ResponseItem takeNext() {
    Flare4jException failure = pending;
    if (failure != null) {
      pending = null;
      throw failure;
    }
    return attempt.next();
  }

  @Override
  public boolean ready() {
    if (closed || ended || pending != null || queued != null) {
      return true;
    }
    Attempt current = attempt;
    if (current == null) {
      return false;
    }
    try {
      return current.ready();
    } catch (Flare4jException e) {
      pending = e; // thrown by the next next(), where retries and truncation apply
      return true;
    }
  }

  /**
   * The failure as the caller sees it: once an item was delivered, or when the reply simply ended
   * too soon, a {@link StreamTruncatedException} that says how much arrived; else as it is.
   */
  private Flare4jException truncated(Flare4jException error) {
    if (error instanceof StreamTruncatedException early) {
      return early.withReceived(itemsDelivered, charactersDelivered);
    }
    if (!delivered) {
      return error;
    }
    return new StreamTruncatedException(error.getMessage(), itemsDelivered, charactersDelivered, error);
  }

  /** Opens the next attempt; false when the call was closed meanwhile. */
  private boolean open() {
    AttemptContext next = new AttemptContext(options, deadline, ++attempts);
    context = next;
    if (closed) {
      return false;
    }
    listener.attemptStart(attempts);
    Attempt opened = factory.open(next);
    attempt = opened;
    if (closed) {
      opened.close();
      return false;
    }
    listener.firstByte(opened.endpoint(), elapsed());
    return true;
  }

  /** Waits and returns true when {@code error} is worth another attempt; else false. */
  private boolean retry(Flare4jException error) {
    AttemptContext failed = context;
    if (delivered || attempts > options.maxRetries() || (failed != null && failed.retryRefused())
        || !RetryPolicy.retryable(error)) {
      return false;
    }
    Duration delay = RetryPolicy.delay(error, attempts);
    if (delay.compareTo(deadline.remaining()) >= 0) {
      LOG.log(Level.DEBUG, "Not retrying {0}: the wait ({1} ms) would pass the deadline", provider,
          delay.toMillis());
      return false;
    }
    LOG.log(Level.INFO, "{0}; trying again in {1} ms (attempt {2} of {3})", error.getMessage(),
        delay.toMillis(), attempts + 1, options.maxRetries() + 1);
    listener.retry(attempts, error.getMessage(), delay);
    listener.progress(CallProgress.retryWait(delay, RetryPolicy.shortReason(error)));
    try {
      // A close() from another thread ends the wait at once.
      closedSignal.await(delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NetworkException(provider + ": interrupted while waiting to retry", e);
    }
    return !closed;
  }

  private Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  @Override
  public Optional<ResponseInfo> responseInfo() {
    Attempt current = attempt;
    return current == null ? Optional.empty() : current.responseInfo();
  }

  private void closeAttempt() {
    Attempt current = attempt;
    attempt = null;
    if (current != null) {
      current.close();
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    closedSignal.countDown();
    AttemptContext opening = context;
    if (opening != null) {
      opening.close();
    }
    Attempt current = attempt;
    if (current != null) {
      current.close();
    }
    if (deadline != null && !ended) {
      listener.callCancelled(elapsed());
    }
  }
}
