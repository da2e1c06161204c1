package io.github.flare4j.gateway.http;

import io.github.flare4j.error.CloudflareChallengeException;
import io.github.flare4j.error.MissingAuthException;
import io.github.flare4j.error.ModelNotFoundException;
import io.github.flare4j.error.PaidPlanRequiredException;
import io.github.flare4j.error.RateLimitException;
import io.github.flare4j.error.RequestTimeoutException;
import java.util.Map;

/**
 * What a client sees of a failure of the upstream call: the library's typed exceptions mapped to
 * HTTP statuses and API error types. The library's messages quote the service escaped and never
 * hold a secret, so they are passed on.
 */
public final class UpstreamErrors {
  private UpstreamErrors() {}

  /** The client's error for {@code failure}, thrown by a provider or by a request's check. */
  public static ApiException toApi(RuntimeException failure) {
    String message = failure.getMessage() == null ? failure.getClass().getSimpleName()
        : failure.getMessage();
    return switch (failure) {
      case ApiException api -> api;
      case IllegalArgumentException e ->
          new ApiException(400, "invalid_request_error", message, null, null, Map.of());
      case UnsupportedOperationException e ->
          new ApiException(400, "invalid_request_error", message, null, "unsupported", Map.of());
      case ModelNotFoundException e ->
          new ApiException(404, "invalid_request_error", modelNotFound(e), "model",
              "model_not_found", Map.of());
      case RateLimitException e -> new ApiException(429, "rate_limit_error", message, null,
          "rate_limit_exceeded", e.retryAfter()
              .map(wait -> Map.of("Retry-After", Long.toString(Math.max(1, wait.toSeconds()))))
              .orElse(Map.of("Retry-After", "1")));
      case PaidPlanRequiredException e ->
          new ApiException(403, "permission_error", message, "model", "paid_plan_required",
              Map.of());
      case RequestTimeoutException e ->
          new ApiException(504, "timeout_error", message, null, "upstream_timeout", Map.of());
      case CloudflareChallengeException e ->
          new ApiException(502, "api_error", message, null, "upstream_challenge", Map.of());
      case MissingAuthException e ->
          new ApiException(502, "api_error", "The upstream refused the gateway's credentials: "
              + message, null, "upstream_auth", Map.of());
      default -> new ApiException(502, "api_error", message, null, "upstream_error", Map.of());
    };
  }

  /** The library's message speaks to a Java caller (getModels()); a gateway client lists models. */
  private static String modelNotFound(ModelNotFoundException e) {
    return e.getMessage().replace(LIBRARY_ADVICE, "; GET /v1/models lists the models served here");
  }

  private static final String LIBRARY_ADVICE = "; choose one the provider lists (getModels())";
}
