package io.github.flare4j.error;

/**
 * The reply broke off: it ended, or failed, before its end was reached, so what the caller got is
 * only part of it. A stream that ends without its finish marker (the v4 data stream's finish
 * part, the UI message stream's {@code finish} chunk, SSE's {@code data: [DONE]}, the Agents
 * turn's {@code done} frame) is truncated, never a success; and once an item has reached the
 * caller, every later failure is reported as this exception, whose {@link #getCause() cause} is
 * what cut it (a {@link NetworkException} for a broken connection or an idle timeout, a
 * {@link StreamProtocolException} for bad data or an error the service reported in the stream).
 *
 * <p>{@link #itemsReceived()} and {@link #charactersReceived()} say how much arrived before the
 * break, so a caller can keep it, label it as partial, or ask again. Nothing is retried once an
 * item was delivered: a second attempt would repeat tokens the caller already has.
 */
public class StreamTruncatedException extends Flare4jException {
  private static final long serialVersionUID = 1L;

  private final String reason;
  private final int itemsReceived;
  private final long charactersReceived;

  /**
   * A reply cut short.
   *
   * @param reason what happened, without the counts (e.g. "... ended the stream before its finish part")
   * @param itemsReceived how many items reached the caller before the break
   * @param charactersReceived how many characters of text ({@code TextDelta}s) reached the caller
   * @param cause what cut the reply, or null when it simply ended too soon
   */
  public StreamTruncatedException(String reason, int itemsReceived, long charactersReceived,
      Throwable cause) {
    super(reason + received(itemsReceived, charactersReceived), cause);
    this.reason = reason;
    this.itemsReceived = itemsReceived;
    this.charactersReceived = charactersReceived;
  }

  /** A reply that ended before its finish marker; the counts are filled in by the caller's stream. */
  public StreamTruncatedException(String reason) {
    this(reason, 0, 0, null);
  }

  /**
   * The same break with the counts of what the caller received.
   *
   * @param items items delivered before the break
   * @param characters characters of text delivered before the break
   * @return a new exception with the same reason and cause
   */
  public StreamTruncatedException withReceived(int items, long characters) {
    StreamTruncatedException counted = new StreamTruncatedException(reason, items, characters, getCause());
    counted.setStackTrace(getStackTrace());
    return counted;
  }

  /** What happened, without the counts. */
  public String reason() {
    return reason;
  }

  /** How many items (text, reasoning, tool calls, usage, ...) reached the caller before the break. */
  public int itemsReceived() {
    return itemsReceived;
  }

  /** How many characters of reply text reached the caller before the break. */
  public long charactersReceived() {
    return charactersReceived;
  }

  private static String received(int items, long characters) {
    if (items == 0) {
      return "; nothing was received";
    }
    return "; the reply is cut short after " + items + (items == 1 ? " item" : " items")
        + " (" + characters + (characters == 1 ? " character" : " characters") + " of text)";
  }
}
