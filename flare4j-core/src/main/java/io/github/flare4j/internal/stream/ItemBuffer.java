package io.github.flare4j.internal.stream;

import io.github.flare4j.ResponseItem;
import io.github.flare4j.ResponseStart;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * The items a decoder produced and the reader has not taken yet. Not thread-safe.
 *
 * <p>A buffer for a reply ({@link #forReply}) makes sure its first item is one
 * {@link ResponseStart}: a decoder reports the service's id, model and time with {@link #start}
 * when it reads them, and whatever the service left out is filled in (a generated id, the model the
 * request was sent with, the time the buffer was made); when another item comes first, a start of
 * those defaults goes before it. Later starts are ignored. A buffer made with {@link #ItemBuffer()}
 * adds no start (decoding on its own, in tests and benchmarks).
 */
public final class ItemBuffer {
  private final ArrayDeque<ResponseItem> items = new ArrayDeque<>();
  private final String model;
  private final Instant began;
  private boolean started;

  /** A buffer that adds no {@link ResponseStart}; {@link #start} is ignored. */
  public ItemBuffer() {
    this.model = null;
    this.began = null;
    this.started = true;
  }

  private ItemBuffer(String model) {
    this.model = model;
    this.began = Instant.now();
  }

  /**
   * A buffer for one reply, beginning now, whose first item is a {@link ResponseStart}.
   *
   * @param model the model id the request was sent with, for a service that names none
   */
  public static ItemBuffer forReply(String model) {
    return new ItemBuffer(model == null || model.isBlank() ? "unknown" : model);
  }

  /**
   * The service's word on the reply: its id, model and time, each null when not sent. Adds the
   * {@link ResponseStart} unless one was added already.
   *
   * @param createdSeconds the time in seconds since the epoch, or a negative number when not sent
   */
  public void start(String id, String serviceModel, long createdSeconds) {
    if (started) {
      return;
    }
    started = true;
    items.addLast(new ResponseStart(
        id == null || id.isBlank() ? ResponseStart.generatedId() : id,
        serviceModel == null || serviceModel.isBlank() ? model : serviceModel,
        createdSeconds < 0 ? began : Instant.ofEpochSecond(createdSeconds)));
  }

  /** True once the {@link ResponseStart} was added (always, for a buffer that adds none). */
  public boolean started() {
    return started;
  }

  /** Adds an item at the end, after a {@link ResponseStart} of the defaults if none came yet. */
  public void add(ResponseItem item) {
    if (!started) {
      start(null, null, -1);
    }
    items.addLast(item);
  }

  /** Takes the oldest item, or null when there is none. */
  public ResponseItem poll() {
    return items.pollFirst();
  }

  /** The item added last and not taken yet, or null. */
  ResponseItem peekLast() {
    return items.peekLast();
  }

  /** True when no item waits. */
  public boolean isEmpty() {
    return items.isEmpty();
  }
}
