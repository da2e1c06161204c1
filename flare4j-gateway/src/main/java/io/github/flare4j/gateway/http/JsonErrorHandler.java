package io.github.flare4j.gateway.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers itself, before a route runs (a malformed request line, a bad URI, a
 * header too large), in the API's own JSON shape instead of Jetty's HTML page, so that a client
 * reading the error finds it where it always does. No stack trace, no server version.
 */
public final class JsonErrorHandler extends ErrorHandler {
  @Override
  protected void generateResponse(Request request, Response response, int status, String message,
      Throwable cause, Callback callback) throws IOException {
    String path = request.getHttpURI() == null ? "" : request.getHttpURI().getPath();
    ErrorShape shape = path != null && path.startsWith("/v1/messages")
        ? ErrorShape.ANTHROPIC : ErrorShape.OPENAI;
    String text = "The request cannot be read: " + (message == null || message.isBlank()
        ? "HTTP " + status : message);
    ApiException error = new ApiException(status, status >= 500 ? "api_error"
        : "invalid_request_error", text, null, null, Map.of());
    byte[] body = Json.MAPPER.writeValueAsBytes(shape.body(error));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
