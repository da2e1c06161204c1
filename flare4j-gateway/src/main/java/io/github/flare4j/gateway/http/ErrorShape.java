package io.github.flare4j.gateway.http;

import tools.jackson.databind.node.ObjectNode;

/** How an API writes an error body: OpenAI's or Anthropic's shape. */
public enum ErrorShape {
  /** {@code {"error":{"message","type","param","code"}}}. */
  OPENAI {
    @Override
    public ObjectNode body(ApiException error) {
      ObjectNode body = Json.MAPPER.createObjectNode();
      ObjectNode inner = body.putObject("error");
      inner.put("message", error.getMessage());
      inner.put("type", error.type());
      inner.put("param", error.param());
      inner.put("code", error.code());
      return body;
    }
  },
  /** {@code {"type":"error","error":{"type","message"}}}. */
  ANTHROPIC {
    @Override
    public ObjectNode body(ApiException error) {
      ObjectNode body = Json.MAPPER.createObjectNode();
      body.put("type", "error");
      ObjectNode inner = body.putObject("error");
      inner.put("type", anthropicType(error.status()));
      inner.put("message", error.getMessage());
      return body;
    }
  };

  /** The error's body in this shape. */
  public abstract ObjectNode body(ApiException error);

  /** Anthropic's error type for a status. */
  static String anthropicType(int status) {
    return switch (status) {
      case 400, 413 -> status == 413 ? "request_too_large" : "invalid_request_error";
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 429 -> "rate_limit_error";
      case 503, 529 -> "overloaded_error";
      case 504 -> "timeout_error";
      default -> "api_error";
    };
  }
}
