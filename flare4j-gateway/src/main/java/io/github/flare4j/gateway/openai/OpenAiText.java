package io.github.flare4j.gateway.openai;

/** Quoting what a client sent inside an error message: escaped and short. */
final class OpenAiText {
  private static final int MAX = 80;

  private OpenAiText() {}

  /** {@code 'text'} with control characters as {@code \\uXXXX}, cut after 80 characters. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder("'");
    int end = Math.min(text.length(), MAX);
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (text.length() > MAX) {
      out.append("...");
    }
    return out.append('\'').toString();
  }
}
