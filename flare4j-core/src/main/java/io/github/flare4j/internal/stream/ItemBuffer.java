package io.github.flare4j.internal.stream;

import io.github.flare4j.ResponseItem;
import java.util.ArrayDeque;

/** The items a decoder produced and the reader has not taken yet. Not thread-safe. */
public final class ItemBuffer {
  private final ArrayDeque<ResponseItem> items = new ArrayDeque<>();

  /** Adds an item at the end. */
  public void add(ResponseItem item) {
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
