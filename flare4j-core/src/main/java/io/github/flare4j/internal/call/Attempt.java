package io.github.flare4j.internal.call;

import io.github.flare4j.ResponseInfo;
import io.github.flare4j.ResponseItem;
import java.util.Optional;

/**
 * One attempt at a call, already answered (its status checked, its socket open), read item by
 * item. What a provider writes for each way it talks: an HTTP stream, a JSON reply, an Agents
 * socket. The {@link CallEngine} runs it; nothing else does.
 */
public interface Attempt extends AutoCloseable {
  /**
   * Blocks until the next item.
   *
   * @return the next item, or null when the reply is complete (or the attempt was closed)
   * @throws io.github.flare4j.error.Flare4jException when the reply fails
   */
  ResponseItem next();

  /**
   * True when {@link #next()} would return at once, with an item or the end, because what it needs
   * has already arrived; false when it may wait for the network. Never blocks; may decode what has
   * arrived. Called by the reading thread only.
   *
   * @throws io.github.flare4j.error.Flare4jException when decoding what has arrived fails
   */
  default boolean ready() {
    return false;
  }

  /** What was asked, for messages and the listener: {@code POST https://host/path}. */
  String endpoint();

  /** The reply's status, headers and warnings. */
  Optional<ResponseInfo> responseInfo();

  /** Releases what the attempt holds, cancelling it unless it is complete. Never throws. */
  @Override
  void close();
}
