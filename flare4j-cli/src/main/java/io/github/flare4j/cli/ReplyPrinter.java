package io.github.flare4j.cli;

import io.github.flare4j.ResponseItem;

/** Shows a streamed reply as its items arrive: as text ({@link TextReplyPrinter}) or NDJSON ({@link JsonReplyPrinter}). */
sealed interface ReplyPrinter permits TextReplyPrinter, JsonReplyPrinter {

  /**
   * Notes that the reply went through AI Gateway, before its first item.
   *
   * @param cacheStatus {@code HIT} or {@code MISS}; null when not sent
   * @param logId the gateway's log entry; null when not sent
   */
  void gateway(String cacheStatus, String logId);

  /**
   * Shows one item; it may wait in a buffer until {@link #flush()}. What goes to standard error
   * (notes, reasoning) is never shown before the text printed ahead of it.
   */
  void item(ResponseItem item);

  /**
   * Writes out what waits: called when no further item has arrived yet, so the reply appears as
   * it comes while a fast reply is written in large pieces.
   */
  void flush();

  /** The reply is complete. */
  void finish();

  /**
   * The reply failed after some items may have been shown: ends any started line so the error
   * starts on a line of its own and nothing looks complete.
   */
  void abort();
}
