package io.github.flare4j.internal.workersai;

import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.error.MissingAuthException;
import io.github.flare4j.error.ModelNotFoundException;
import io.github.flare4j.error.PaidPlanRequiredException;
import io.github.flare4j.error.RateLimitException;
import io.github.flare4j.error.ResponseStatusException;
import io.github.flare4j.error.ServiceError;
import io.github.flare4j.internal.http.SafeHeaders;
import io.github.flare4j.internal.http.StatusErrors;
import io.github.flare4j.internal.stream.Json;
import io.github.flare4j.internal.text.ServerText;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import okhttp3.Response;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Turns a Workers AI error response into its typed exception, keeping Cloudflare's code and
 * message ({@link ServiceError}). The v4 envelope
 * {@code {"result":null,"success":false,"errors":[{"code":N,"message":".."}],"messages":[]}}
 * is mapped by its first error's code:
 *
 * <ul>
 *   <li>10000 (authentication): {@link MissingAuthException};
 *   <li>5035 (the model needs the Workers Paid plan): {@link PaidPlanRequiredException}, naming
 *       free models;
 *   <li>5007, 3042 (no such model): {@link ModelNotFoundException};
 *   <li>3036, 3040 (capacity, daily limit), and HTTP 429 whatever the code:
 *       {@link RateLimitException};
 *   <li>3006 (request too large), 3007 and 3008 (the model timed out): a
 *       {@link ResponseStatusException} that says so;
 *   <li>any other code: a {@link ResponseStatusException} with the code and message.
 * </ul>
 *
 * A body that is no envelope (an edge error page, a challenge) is mapped by its status as for
 * every provider ({@link StatusErrors}).
 */
public final class ErrorEnvelopes {
  private static final long PEEK_BYTES = 16 * 1024;

  private ErrorEnvelopes() {}

  /**
   * The exception for a response whose status is not 2xx.
   *
   * @param endpoint the method and URL, for the message
   * @param provider the provider's label, for {@link ModelNotFoundException}
   * @param model the model that was asked for
   */
  public static Flare4jException of(
      Response response, String endpoint, String provider, String model) {
    return of(response, endpoint, provider, model, PaidPlan::builtIn);
  }

  /**
   * The same, with the account's models for a refusal that names others to use instead
   * (5035: {@link PaidPlanRequiredException} names free ones).
   *
   * @param listed the live list, else the built-in one; asked only for such a refusal
   */
  public static Flare4jException of(Response response, String endpoint, String provider,
      String model, Supplier<List<String>> listed) {
    if (response.code() / 100 == 3) {
      return StatusErrors.of(response, endpoint, StatusErrors.CHALLENGE_ADVICE); // a redirect
    }
    String body = SafeHeaders.redact(peekBody(response), response.request());
    ServiceError error = firstError(body);
    if (error == null) {
      return StatusErrors.of(response, endpoint, StatusErrors.CHALLENGE_ADVICE);
    }
    Map<String, List<String>> headers = SafeHeaders.of(response.headers());
    if (error.code() == PaidPlanRequiredException.CODE) {
      return PaidPlan.refusal(response.code(), endpoint, ServerText.quote(error.toString()), error,
          model, listed.get(), headers);
    }
    return of(error, response.code(), endpoint, provider, model, StatusErrors.retryAfter(response),
        headers);
  }

  /** The exception for {@code error}, answered with {@code status} and a {@code Retry-After}. */
  public static Flare4jException of(ServiceError error, int status, String endpoint,
      String provider, String model, String retryAfter) {
    return of(error, status, endpoint, provider, model,
        StatusErrors.retryAfter(retryAfter, Instant.now()), Map.of());
  }

  private static Flare4jException of(ServiceError error, int status, String endpoint,
      String provider, String model, Duration retryAfter, Map<String, List<String>> headers) {
    String excerpt = ServerText.quote(error.toString());
    if (error.code() == PaidPlanRequiredException.CODE) {
      return PaidPlan.refusal(status, endpoint, excerpt, error, model, PaidPlan.builtIn(),
          headers);
    }
    if (error.code() == 3036) {
      return new RateLimitException(status, endpoint, excerpt, retryAfter, error,
          "The account's daily free allocation of Workers AI is used up: it resets at 00:00 UTC,"
              + " or upgrade to the paid plan; retrying now would not help", headers);
    }
    if (status == 429) {
      return new RateLimitException(status, endpoint, excerpt, retryAfter, error, null, headers);
    }
    return switch (error.code()) {
      case 10000 -> new MissingAuthException(status, endpoint, excerpt,
          "Check the API token (CLOUDFLARE_API_TOKEN) and the account id"
              + " (CLOUDFLARE_ACCOUNT_ID); the token needs the Workers AI permission", error,
          headers);
      case 5007, 3042 -> new ModelNotFoundException(provider, model, List.of(), error, status,
          headers);
      case 3040 -> new RateLimitException(status, endpoint, excerpt, retryAfter, error, null,
          headers);
      case 3006 -> new ResponseStatusException(status, endpoint, excerpt,
          message(status, endpoint, excerpt,
              "The request is too large: shorten the conversation or lower max_tokens"), error,
          null, headers);
      case 3007, 3008 -> new ResponseStatusException(status, endpoint, excerpt,
          message(status, endpoint, excerpt,
              "The model timed out: try again, or ask for fewer tokens"), error, retryAfter,
          headers);
      default -> new ResponseStatusException(status, endpoint, excerpt,
          message(status, endpoint, excerpt, null), error, retryAfter, headers);
    };
  }

  /** The first error of a v4 envelope, or null when the body is not one. */
  public static ServiceError firstError(String body) {
    if (body.isEmpty() || body.charAt(0) != '{') {
      return null;
    }
    try (JsonParser parser = Json.parser(body)) {
      parser.nextToken();
      for (String field = parser.nextName(); field != null; field = parser.nextName()) {
        parser.nextToken();
        if (field.equals("errors") && parser.currentToken() == JsonToken.START_ARRAY) {
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            ServiceError error = error(parser);
            if (error != null) {
              return error;
            }
          }
          return null;
        }
        parser.skipChildren();
      }
      return null;
    } catch (JacksonException e) {
      return null;
    }
  }

  private static ServiceError error(JsonParser parser) {
    int code = -1;
    String message = null;
    for (String field = parser.nextName(); field != null; field = parser.nextName()) {
      parser.nextToken();
      switch (field) {
        case "code" -> code = Json.intOrMissing(parser);
        case "message" -> message = Json.stringOrNull(parser);
        default -> parser.skipChildren();
      }
    }
    return code < 0 ? null : new ServiceError(code, message);
  }

  private static String message(int status, String endpoint, String excerpt, String advice) {
    return endpoint + " answered HTTP " + status + ": " + excerpt
        + (advice == null ? "" : ". " + advice);
  }

  private static String peekBody(Response response) {
    try {
      return response.peekBody(PEEK_BYTES).string().strip();
    } catch (IOException | IllegalStateException e) {
      return "";
    }
  }
}
