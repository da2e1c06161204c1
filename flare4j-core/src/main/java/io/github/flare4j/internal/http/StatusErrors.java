package io.github.flare4j.internal.http;

import io.github.flare4j.error.CloudflareChallengeException;
import io.github.flare4j.error.MissingAuthException;
import io.github.flare4j.error.RateLimitException;
import io.github.flare4j.error.ResponseStatusException;
import io.github.flare4j.internal.text.ServerText;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.Response;

/**
 * Turns an error response into the typed exception (the seed's {@code raise_for_status}). Reads at
 * most a few kilobytes of the body for an excerpt, with the request's credentials and anything
 * shaped like a token written as {@code ***}; keeps only the response headers {@link SafeHeaders}
 * allows, and never copies headers or cookies into the message.
 */
public final class StatusErrors {
  private static final long PEEK_BYTES = 16 * 1024;
  private static final int EXCERPT_CHARS = 200;
  private static final String[] CHALLENGE_MARKERS = {
      "<title>Just a moment...</title>",
      "Attention Required! | Cloudflare",
      "cf-browser-verification",
      "cf_chl_opt",
      "challenge-platform",
  };

  /** What to do about a challenge when no browser is configured. */
  public static final String CHALLENGE_ADVICE =
      "A plain HTTP client is not let through: pass the challenge with a browser (flare4j-browser)"
          + " or send a browser's cf_clearance cookie";

  private StatusErrors() {}

  /**
   * The exception for a response whose status is not 2xx.
   *
   * @param endpoint the method and URL, for the message
   * @param challengeAdvice what to say when it is a challenge page
   */
  public static ResponseStatusException of(Response response, String endpoint, String challengeAdvice) {
    return of(response, endpoint, challengeAdvice, ACCOUNT_ADVICE);
  }

  /** What to do about a 401 from an API that takes an account's token. */
  public static final String ACCOUNT_ADVICE =
      "The service wants credentials: check the API token and account id";

  /** What to do about a 401 from the keyless playground, which takes no token. */
  public static final String SESSION_ADVICE = "The playground refused this session (its cookies"
      + " are dropped, so the next call starts a new one): try again, or pass its challenge with a"
      + " browser";

  /**
   * The exception for a response whose status is not 2xx.
   *
   * @param endpoint the method and URL, for the message
   * @param challengeAdvice what to say when it is a challenge page
   * @param authAdvice what to say about a 401
   */
  public static ResponseStatusException of(Response response, String endpoint,
      String challengeAdvice, String authAdvice) {
    int status = response.code();
    if (status >= 300 && status < 400) {
      return redirect(response, endpoint);
    }
    String body = peekBody(response);
    Map<String, List<String>> headers = SafeHeaders.of(response.headers());
    if (isChallenge(status, response.header("cf-mitigated"), body)) {
      return new CloudflareChallengeException(status, endpoint, excerpt(body), challengeAdvice,
          headers);
    }
    String excerpt = excerpt(SafeHeaders.redact(body, response.request()));
    Duration retryAfter = retryAfter(response);
    return switch (status) {
      case 401 -> new MissingAuthException(status, endpoint, excerpt, authAdvice, null, headers);
      case 402, 429 -> new RateLimitException(status, endpoint, excerpt, retryAfter, null, null,
          headers);
      default -> new ResponseStatusException(status, endpoint, excerpt,
          endpoint + " answered HTTP " + status + (excerpt.isEmpty() ? "" : ": " + excerpt), null,
          retryAfter,
          headers);
    };
  }

  /**
   * The error for a redirect, which flare4j never follows: a {@code POST} sent on would lose its
   * body (or, kept, reach a server it was not meant for), and a loop would be retried as a network
   * failure. Names the {@code Location}, escaped; never retried.
   */
  static ResponseStatusException redirect(Response response, String endpoint) {
    String location = response.header("Location");
    String where = location == null || location.isBlank()
        ? "without a Location"
        : "to '" + ServerText.quote(location.strip()) + "'";
    return new ResponseStatusException(response.code(), endpoint, "",
        endpoint + " answered HTTP " + response.code() + ", a redirect " + where
            + ", which flare4j does not follow (the request would not reach the service as sent):"
            + " check the base URL", null, null, SafeHeaders.of(response.headers()));
  }

  /**
   * The wait a response asked for: {@code retry-after-ms} (OpenAI's and Workers AI's, in
   * milliseconds) when present, else {@code Retry-After}; null when neither says.
   */
  public static Duration retryAfter(Response response) {
    String millis = response.header("retry-after-ms");
    if (millis != null) {
      try {
        double value = Double.parseDouble(millis.trim());
        if (value >= 0 && Double.isFinite(value)) {
          return Duration.ofMillis((long) value);
        }
      } catch (NumberFormatException e) {
        // fall through to Retry-After
      }
    }
    return retryAfter(response.header("Retry-After"), Instant.now());
  }

  /** True for a Cloudflare bot challenge: a 403/503 with the challenge header or page markers. */
  public static boolean isChallenge(int status, String mitigatedHeader, String body) {
    if (status != 403 && status != 503 && status != 429) {
      return false;
    }
    if ("challenge".equalsIgnoreCase(mitigatedHeader)) {
      return true;
    }
    for (String marker : CHALLENGE_MARKERS) {
      if (body.contains(marker)) {
        return status != 429 || marker.startsWith("<title>");
      }
    }
    return false;
  }

  /** {@code Retry-After} as delay-seconds or an HTTP date; null when absent or unreadable. */
  public static Duration retryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.trim();
    try {
      long seconds = Long.parseLong(value);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(now, at);
        return wait.isNegative() ? Duration.ZERO : wait.withNanos(0);
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  /** One short line: the HTML title when there is one, else the start of the body. */
  public static String excerpt(String body) {
    String lower = body.toLowerCase(Locale.ROOT);
    int title = lower.indexOf("<title>");
    int titleEnd = lower.indexOf("</title>");
    String text = title >= 0 && titleEnd > title
        ? body.substring(title + 7, titleEnd)
        : body;
    text = text.replaceAll("\\s+", " ").strip();
    return ServerText.quote(text, EXCERPT_CHARS);
  }

  private static String peekBody(Response response) {
    try {
      return response.peekBody(PEEK_BYTES).string();
    } catch (IOException | IllegalStateException e) {
      return "";
    }
  }
}
