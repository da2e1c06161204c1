package io.github.flare4j.internal.stream;

/**
 * Turns the lines of one reply's body into items. A decoder holds the state of one reply and is
 * used by one thread.
 */
public interface StreamDecoder {

  /**
   * Decodes one line (without its ending).
   *
   * @throws io.github.flare4j.error.StreamProtocolException for bad data or an error part
   */
  void line(byte[] buffer, int offset, int length, ItemBuffer out);

  /**
   * Called once at the end of the body: emits what is still pending.
   *
   * @throws io.github.flare4j.error.StreamProtocolException when the reply ended before it was
   *     complete
   */
  void end(ItemBuffer out);

  /**
   * True once the line that ends the reply in its protocol has been decoded (the v4 {@code d}
   * finish part, an SSE stream's {@code data: [DONE]}): the reply is complete, nothing after it is
   * read, and {@link #end} is called at once, whether or not the server ends the body.
   */
  boolean ended();
}
