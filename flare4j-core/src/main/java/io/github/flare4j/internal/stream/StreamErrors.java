package io.github.flare4j.internal.stream;

import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.error.PaidPlanRequiredException;
import io.github.flare4j.error.RateLimitException;
import io.github.flare4j.error.ServiceError;
import io.github.flare4j.error.StreamProtocolException;
import io.github.flare4j.internal.text.ServerText;
import io.github.flare4j.internal.workersai.PaidPlan;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * What an error that the service reported inside a reply's stream means, the one place for every
 * playground format: the Agents socket's {@code error: true} frame, the UI message stream's
 * {@code error} chunk and the v4 data stream's {@code 3:} part all relay the same Workers AI
 * failure as text.
 *
 * <p>The text is either plain ({@code 3021: rate limiting: inference request per min rate
 * reached}) or a JSON object as a string ({@code {"message":"..","details":"3021: .."}}, or an
 * envelope with {@code error} or {@code errors[0]}); the service's words are taken out of the JSON,
 * never shown raw, and quoted with {@link ServerText#quote}.
 *
 * <ul>
 *   <li>Workers AI's rate-limit codes (3021 requests per minute, 3040 out of capacity, 3036 the
 *       daily allocation), or text that says it is a rate limit ("rate limit", "too many
 *       requests"): a {@link RateLimitException} with status 0 and the code, which the call engine
 *       retries before the first item like an HTTP 429 (except 3036, which a wait of seconds does
 *       not cure);
 *   <li>Workers AI's 5035 (the model needs the Workers Paid plan): a
 *       {@link PaidPlanRequiredException}, never retried;
 *   <li>anything else: a {@link StreamProtocolException#serviceError} with the service's message.
 * </ul>
 */
public final class StreamErrors {
  /** Requests per minute (seen live on the playground in 2026-08). */
  static final int PER_MINUTE_LIMIT = 3021;
  /** The account's daily free allocation is used up. */
  static final int DAILY_LIMIT = 3036;
  /** The model is out of capacity. */
  static final int CAPACITY = 3040;

  /** A Workers AI code as the service writes it at the start of a message: {@code 3021: ...}. */
  private static final Pattern CODE = Pattern.compile("(?<![\\w.])(\\d{4,5})\\s*:");
  private static final Pattern SAYS_RATE_LIMIT =
      Pattern.compile("rate[\\s_-]?limit|too many requests");

  private StreamErrors() {}

  /**
   * The exception for an error the service reported in the stream of {@code endpoint}.
   *
   * @param text the error as the service sent it (plain or JSON text); null or blank when it sent
   *     nothing
   * @return a {@link RateLimitException} or a {@link StreamProtocolException}, to be thrown
   */
  public static Flare4jException serviceError(String endpoint, String text) {
    return serviceError(endpoint, text, null, List.of());
  }

  /**
   * As {@link #serviceError(String, String)}, for a turn that knows its model: Workers AI's
   * error {@value PaidPlanRequiredException#CODE} (a model for the Workers Paid plan only) is a
   * {@link PaidPlanRequiredException} naming {@code model} and free models of {@code listed}.
   *
   * @param model the model id the turn asked for, or null when not known here
   * @param listed the live model list, or empty for the built-in one
   */
  public static Flare4jException serviceError(String endpoint, String text, String model,
      List<String> listed) {
    Reported reported = read(text);
    String shown = ServerText.quote(reported.words());
    int code = reported.code();
    if (code == PaidPlanRequiredException.CODE) {
      return PaidPlan.refusal(403, endpoint, shown, new ServiceError(code, shown),
          model, listed);
    }
    if (code == PER_MINUTE_LIMIT || code == DAILY_LIMIT || code == CAPACITY
        || SAYS_RATE_LIMIT.matcher(reported.words().toLowerCase(Locale.ROOT)).find()) {
      ServiceError error = code > 0 ? new ServiceError(code, reported.codeMessage()) : null;
      return new RateLimitException(endpoint, shown, error,
          endpoint + " reported a rate limit: " + shown + ". " + advice(code));
    }
    return StreamProtocolException.serviceError(endpoint, shown);
  }

  private static String advice(int code) {
    return switch (code) {
      case DAILY_LIMIT -> "The daily free allocation of Workers AI is used up: it resets at"
          + " 00:00 UTC; retrying now would not help";
      case CAPACITY -> "The model is out of capacity for now: try again in a while, or choose"
          + " another model";
      default -> "Wait a minute before trying again";
    };
  }

  /**
   * An error as reported: the service's words, and the Workers AI code they name (0 for none)
   * with the words that follow it.
   */
  record Reported(String words, int code, String codeMessage) {}

  /** Reads the service's words and code out of plain or JSON text. */
  static Reported read(String text) {
    String stripped = text == null ? "" : text.strip();
    if (stripped.isEmpty()) {
      return new Reported("unknown error", 0, "");
    }
    String words = stripped;
    int code = 0;
    if (stripped.charAt(0) == '{') {
      JsonError json = JsonError.parse(stripped);
      if (json != null && json.words() != null) {
        words = json.words();
        code = json.code();
      }
    }
    String codeMessage = words;
    if (code <= 0) {
      Matcher matcher = CODE.matcher(words);
      if (matcher.find()) {
        code = Integer.parseInt(matcher.group(1));
        codeMessage = words.substring(matcher.end()).strip();
      }
    }
    return new Reported(words, Math.max(code, 0), codeMessage);
  }

  /** The fields of an error object that carry the service's words. */
  private record JsonError(String message, String details, int code) {
    /** {@code message (details)}, or whichever of the two there is; null for neither. */
    String words() {
      if (message == null || message.isBlank()) {
        return details == null || details.isBlank() ? null : details.strip();
      }
      if (details == null || details.isBlank() || message.contains(details.strip())) {
        return message.strip();
      }
      if (details.contains(message.strip())) {
        return details.strip();
      }
      return message.strip() + " (" + details.strip() + ")";
    }

    /**
     * {@code {"message":..,"details":..}}, {@code {"error":".."}}, {@code {"error":{"message":..,
     * "code":..}}}, {@code {"errors":[{"code":..,"message":..}]}}; null when not JSON.
     */
    static JsonError parse(String json) {
      try (JsonParser parser = Json.parser(json)) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
          return null;
        }
        return read(parser);
      } catch (JacksonException e) {
        return null;
      }
    }

    private static JsonError read(JsonParser parser) {
      String message = null;
      String details = null;
      int code = -1;
      JsonError nested = null;
      for (String field = parser.nextName(); field != null; field = parser.nextName()) {
        JsonToken token = parser.nextToken();
        switch (field) {
          case "message" -> message = Json.stringOrNull(parser);
          case "details", "detail" -> details = Json.stringOrNull(parser);
          case "code" -> code = Json.intOrMissing(parser);
          case "error" -> {
            if (token == JsonToken.START_OBJECT) {
              nested = read(parser);
            } else {
              message = message != null ? message : Json.stringOrNull(parser);
            }
          }
          case "errors" -> {
            if (token == JsonToken.START_ARRAY) {
              if (parser.nextToken() == JsonToken.START_OBJECT) {
                nested = read(parser);
              }
              while (parser.currentToken() != JsonToken.END_ARRAY) {
                parser.skipChildren();
                parser.nextToken();
              }
            } else {
              parser.skipChildren();
            }
          }
          default -> parser.skipChildren();
        }
      }
      if (message == null && details == null && nested != null) {
        return nested;
      }
      return new JsonError(message, details, code);
    }
  }
}
