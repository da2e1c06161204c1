package io.github.flare4j.internal.text;

/**
 * flare4j's one rule for counting tokens without a tokenizer (it has none for Cloudflare's
 * models): a text of {@code n} characters ({@code char}s, as {@link String#length()} counts them)
 * is {@code n / 4} tokens, rounded up. English prose runs close to that; code, other scripts and
 * numbers may count more tokens per character in the model's own tokenizer, so an estimate can be
 * below the service's count as well as above it.
 *
 * <p>Used where a count is needed and the service gives none: the client-side {@code max_tokens}
 * cap of the playground's Agents socket, and the gateway's Anthropic {@code count_tokens} and the
 * usage it reports when an upstream reported none.
 */
public final class TokenEstimate {
  /** Characters counted as one token. */
  public static final int CHARS_PER_TOKEN = 4;

  private TokenEstimate() {}

  /** The estimated tokens of {@code text}: its characters divided by 4, rounded up; 0 for null. */
  public static int of(CharSequence text) {
    return text == null ? 0 : (int) tokensOf(text.length());
  }

  /** The estimated tokens of {@code chars} characters, divided by 4, rounded up. */
  public static long tokensOf(long chars) {
    return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
  }

  /** The most characters whose estimate is {@code tokens} or fewer: {@code tokens * 4}. */
  public static long charsFor(int tokens) {
    return (long) tokens * CHARS_PER_TOKEN;
  }
}
