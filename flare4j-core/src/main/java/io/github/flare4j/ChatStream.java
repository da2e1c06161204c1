package io.github.flare4j;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A reply that arrives item by item. Iterate it (blocking until each item arrives), read it as a
 * {@link #publisher() Flow.Publisher}, or {@link #collect() collect} it whole.
 *
 * <pre>{@code
 * try (ChatStream stream = provider.stream(request)) {
 *   for (ResponseItem item : stream) {
 *     if (item instanceof TextDelta t) System.out.print(t.text());
 *   }
 * }
 * }</pre>
 *
 * <p><b>Lifecycle.</b> The request is sent when the first item is asked for. Whoever creates the
 * stream closes it; {@link #close()} may be called at any time, from any thread, never throws, and
 * cancels the HTTP call when the reply is not complete, so the connection is released at once.
 * A stream can be read once: by one iteration, one {@link #stream()}, one subscriber or one
 * {@link #collect()}.
 *
 * <p><b>Errors.</b> Reading throws the unchecked {@link io.github.flare4j.error.Flare4jException}
 * subtypes: a status the service refused with, a broken stream, a timeout. Items that arrived
 * before an error were already handed over; nothing is dropped silently.
 */
public final class ChatStream implements Iterable<ResponseItem>, AutoCloseable {

  /**
   * What a provider plugs into a {@link ChatStream}: a blocking source of items.
   * Implementations need not be thread-safe for {@link #next()}, but {@link #close()} may be called
   * from another thread while {@code next()} blocks, and must make it return or throw promptly.
   */
  public interface Source extends AutoCloseable {
    /**
     * Blocks until the next item is available.
     *
     * @return the next item, or null when the reply is complete (or the source was closed)
     * @throws io.github.flare4j.error.Flare4jException when the reply fails
     */
    ResponseItem next();

    /** Releases the connection, cancelling the call if it is still running. Never throws. */
    @Override
    void close();

    /**
     * True when {@link #next()} would return at once (an item, the end or an error) because what
     * it needs has already arrived; false when it may wait. Never blocks and never throws; called
     * by the reading thread only. The default, false, is always safe.
     */
    default boolean ready() {
      return false;
    }

    /**
     * The reply's status and headers, once the response has arrived; empty before, and for
     * sources that do not keep them. May be called from any thread.
     */
    default Optional<ResponseInfo> responseInfo() {
      return Optional.empty();
    }
  }

  private final Source source;
  private final AtomicBoolean consumed = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  private ChatStream(Source source) {
    this.source = Objects.requireNonNull(source, "source");
  }

  /** A stream over a provider's source. */
  public static ChatStream of(Source source) {
    return new ChatStream(source);
  }

  /**
   * The items, blocking in {@code hasNext()} until each arrives. Can be called once.
   *
   * @throws IllegalStateException when the stream was already read
   */
  @Override
  public Iterator<ResponseItem> iterator() {
    claim();
    return new Iterator<>() {
      private ResponseItem next;
      private boolean done;

      @Override
      public boolean hasNext() {
        if (next != null) {
          return true;
        }
        if (done || closed.get()) {
          return false;
        }
        try {
          next = source.next();
        } catch (RuntimeException e) {
          done = true;
          close();
          throw e;
        }
        if (next == null) {
          done = true;
          close();
        }
        return next != null;
      }

      @Override
      public ResponseItem next() {
        if (!hasNext()) {
          throw new NoSuchElementException("the reply is complete");
        }
        ResponseItem item = next;
        next = null;
        return item;
      }
    };
  }

  /** The items as a sequential {@link Stream}; closing it closes this stream. Can be called once. */
  public Stream<ResponseItem> stream() {
    Spliterator<ResponseItem> spliterator = Spliterators.spliteratorUnknownSize(
        iterator(), Spliterator.ORDERED | Spliterator.NONNULL);
    return StreamSupport.stream(spliterator, false).onClose(this::close);
  }

  /**
   * The items as a {@link Flow.Publisher} for one subscriber, honouring its demand: items are read
   * from the connection only as they are requested. Cancelling the subscription closes this
   * stream. Reading runs on a virtual thread.
   */
  public Flow.Publisher<ResponseItem> publisher() {
    return subscriber -> new StreamSubscription(this, subscriber).start();
  }

  /** Reads the whole reply and closes the stream. */
  public ChatResult collect() {
    try (this) {
      return ChatResult.of(this);
    }
  }

  /**
   * The reply's HTTP status and headers (for example AI Gateway's {@code cf-aig-cache-status} and
   * {@code cf-aig-log-id}), available once the first item has been read, and still after
   * {@link #close()}; empty before the response arrived, or when the provider does not keep them.
   */
  public Optional<ResponseInfo> responseInfo() {
    return source.responseInfo();
  }

  /**
   * True when the next item, or the end of the reply, has already arrived, so that reading it will
   * not wait for the network; false when it may wait. Never blocks. Call it from the thread that
   * reads the stream, between items.
   *
   * <p>For showing a reply as it arrives without a write per token: write each item to a buffer and
   * flush only when this is false. Nothing is held back while the reply waits for the network, and
   * a fast reply is written in large pieces.
   *
   * <pre>{@code
   * for (ResponseItem item : stream) {
   *   if (item instanceof TextDelta t) out.write(t.text());
   *   if (!stream.ready()) out.flush();
   * }
   * }</pre>
   */
  public boolean ready() {
    return closed.get() || source.ready();
  }

  /** True once {@link #close()} was called or the reply was read to its end. */
  public boolean isClosed() {
    return closed.get();
  }

  /** Cancels the call if it is still running and releases the connection. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      source.close();
    }
  }

  /** Marks the stream as read once. */
  void claim() {
    if (!consumed.compareAndSet(false, true)) {
      throw new IllegalStateException("A ChatStream can be read only once");
    }
  }
}
