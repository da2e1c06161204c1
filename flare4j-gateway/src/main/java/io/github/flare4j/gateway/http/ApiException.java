package io.github.flare4j.gateway.http;

import java.util.Map;

/**
 * A request the gateway answers with an error: the HTTP status, the error's type and code as the
 * client's API names them, the field at fault, and headers such as {@code Retry-After}. Each route
 * family writes it in its API's own shape ({@link ErrorShape}).
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String type;
  private final String param;
  private final String code;
  private final Map<String, String> headers;

  /**
   * @param status the HTTP status
   * @param type OpenAI's error type ({@code invalid_request_error}, {@code authentication_error},
   *     {@code rate_limit_error}, {@code api_error}...); Anthropic's is derived from the status
   * @param message what went wrong and what to do, quoting nothing from a client unescaped
   * @param param the request field at fault, or null
   * @param code a short code ({@code model_not_found}...), or null
   * @param headers extra response headers (e.g. {@code Retry-After})
   */
  public ApiException(int status, String type, String message, String param, String code,
      Map<String, String> headers) {
    super(message);
    this.status = status;
    this.type = type;
    this.param = param;
    this.code = code;
    this.headers = Map.copyOf(headers);
  }

  /** A 400 naming the field at fault. */
  public static ApiException badRequest(String param, String message) {
    return new ApiException(400, "invalid_request_error", message, param, null, Map.of());
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** OpenAI's error type. */
  public String type() {
    return type;
  }

  /** The request field at fault, or null. */
  public String param() {
    return param;
  }

  /** The short error code, or null. */
  public String code() {
    return code;
  }

  /** Extra response headers. */
  public Map<String, String> headers() {
    return headers;
  }
}
