package io.github.flare4j.internal.text;

/**
 * Text that came from a server, made safe to put in a message, a log line or a terminal: control
 * characters (ESC, BEL, NUL, DEL, the C1 range, and line and paragraph separators) are written as
 * {@code \}{@code uXXXX} escapes, so a hostile reply cannot move a cursor, ring a bell, rewrite
 * the screen or forge log lines; what is longer than its limit is cut and marked with
 * {@code "..."}.
 *
 * <p>Every message that quotes a server (a status line, an error body, a frame, a page title, a
 * redirect's {@code Location}) goes through {@link #quote}.
 */
public final class ServerText {
  /** How much of a server's text a message quotes unless told otherwise. */
  public static final int DEFAULT_LIMIT = 300;

  private ServerText() {}

  /** {@code text} escaped and cut at {@value #DEFAULT_LIMIT} characters; "" for null. */
  public static String quote(CharSequence text) {
    return quote(text, DEFAULT_LIMIT);
  }

  /**
   * {@code text} with its control characters escaped, cut at {@code limit} characters of the
   * original (then followed by {@code "..."}); "" for null. Tabs, line feeds and carriage returns
   * are escaped too: a quote stays on one line.
   */
  public static String quote(CharSequence text, int limit) {
    if (text == null) {
      return "";
    }
    int end = Math.min(text.length(), Math.max(0, limit));
    // a surrogate pair is not split in two
    if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    StringBuilder out = null;
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (isUnsafe(c)) {
        if (out == null) {
          out = new StringBuilder(end + 16).append(text, 0, i);
        }
        out.append("\\u").append(String.format("%04x", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    String shown = out != null ? out.toString() : text.subSequence(0, end).toString();
    return end < text.length() ? shown + "..." : shown;
  }

  /**
   * A whole message made safe for a terminal: like {@link #quote} but never cut, and line feeds
   * kept (a message may have several lines of its own); "" for null. The last line of defence for
   * messages that quoted a server without {@link #quote}.
   */
  public static String escapeControls(CharSequence text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\n' && isUnsafe(c)) {
        if (out == null) {
          out = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        out.append("\\u").append(String.format("%04x", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out != null ? out.toString() : text.toString();
  }

  /** Whether {@code c} would be interpreted by a terminal or break a line rather than shown. */
  static boolean isUnsafe(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
        || c == '\u200e' || c == '\u200f' || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069');
  }
}
