package io.github.flare4j.gateway.ops;

/** Client text made safe for a log line: control characters escaped, length bounded. */
public final class LogText {
  private static final int MAX = 200;

  private LogText() {}

  /** {@code text} with control characters, quotes and backslashes escaped, cut at 200 chars. */
  public static String clean(String text) {
    if (text == null || text.isEmpty()) {
      return "-";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX) + 8);
    for (int i = 0; i < text.length() && out.length() < MAX; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '"' || c == '\\' || (c >= 0x80 && c < 0xa0)
          || c == '\u2028' || c == '\u2029') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (out.length() >= MAX) {
      out.append("...");
    }
    return out.toString();
  }
}
