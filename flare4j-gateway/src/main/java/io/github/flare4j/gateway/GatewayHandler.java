package io.github.flare4j.gateway;

import io.github.flare4j.gateway.http.ApiException;
import io.github.flare4j.gateway.http.ErrorShape;
import io.github.flare4j.gateway.http.Exchange;
import io.github.flare4j.gateway.ops.Cors;
import io.github.flare4j.gateway.ops.LogText;
import io.github.flare4j.gateway.ops.RateLimiter;
import io.github.flare4j.gateway.ops.RequestMetrics;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Finds the route for a request, checks its key, runs it on the request's (virtual) thread, and
 * writes any error in the route's API shape: before the answer began, as an error response; after,
 * the route itself sends its API's error event. One access-log line per request, without secrets.
 */
final class GatewayHandler extends Handler.Abstract {
  private static final System.Logger ACCESS = System.getLogger("io.github.flare4j.gateway.access");
  private static final System.Logger LOG = System.getLogger(GatewayHandler.class.getName());

  /** Paths the rate limit does not apply to (probes, scrapes, the web chat's page). */
  private static final Set<String> UNLIMITED = Set.of("/healthz", "/readyz", "/metrics", "/");

  private final GatewayContext context;
  private final List<Routes.Entry> routes;
  private final List<byte[]> keys;
  private final RequestMetrics requestMetrics;
  private final Cors cors;
  private final RateLimiter rateLimiter; // null: no limit

  GatewayHandler(GatewayContext context) {
    this(context, null);
  }

  GatewayHandler(GatewayContext context, RateLimiter rateLimiter) {
    super(InvocationType.BLOCKING);
    this.context = context;
    this.requestMetrics = new RequestMetrics(context.metrics());
    this.cors = new Cors(context.settings().cors());
    this.rateLimiter = rateLimiter;
    this.routes = Routes.all(context);
    this.keys = context.settings().apiKeys().stream()
        .map(key -> key.getBytes(StandardCharsets.UTF_8)).toList();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    long start = System.nanoTime();
    Exchange exchange = new Exchange(request, response, context.settings().maxBodyBytes(),
        context.settings().keepAliveInterval());
    ErrorShape shape = shapeFor(exchange.path());
    String routeLabel = RequestMetrics.OTHER;
    try {
      String origin = exchange.header("Origin");
      if (cors.preflight(exchange.method(), origin,
          exchange.header("Access-Control-Request-Method"))) {
        exchange.sendEmpty(204, cors.preflightHeaders(origin,
            exchange.header("Access-Control-Request-Headers")));
        return finish(callback);
      }
      cors.responseHeaders(origin).forEach((name, value) -> response.getHeaders().put(name, value));
      Routes.Entry entry = find(exchange);
      routeLabel = entry.path();
      shape = entry.shape();
      String key = null;
      if (!entry.open()) {
        key = authenticate(exchange);
      }
      if (rateLimiter != null && !UNLIMITED.contains(entry.path())) {
        limit(RateLimiter.subject(key, Request.getRemoteAddr(request)));
      }
      entry.route().handle(exchange);
      exchange.flushEvents(); // events a route left held back, if any
    } catch (ApiException e) {
      fail(exchange, shape, e);
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "Client gone: {0}", e.toString());
    } catch (Exception e) {
      LOG.log(Level.WARNING, "Unexpected failure in " + LogText.clean(exchange.path()), e);
      fail(exchange, shape, new ApiException(500, "api_error",
          "The gateway failed unexpectedly; its log says why", null, null, Map.of()));
    } finally {
      exchange.endEvents();
      long nanos = System.nanoTime() - start;
      // Numbers as text: JUL's MessageFormat would group their digits (1,234).
      ACCESS.log(Level.INFO, "{0} {1} {2} model={3} tokens={4} {5}ms",
          LogText.clean(exchange.method()), LogText.clean(exchange.path()),
          String.valueOf(exchange.status()), LogText.clean(exchange.model()),
          String.valueOf(exchange.tokens()), String.valueOf(nanos / 1_000_000));
      requestMetrics.record(routeLabel, exchange.method(), exchange.status(),
          Duration.ofNanos(nanos));
    }
    return finish(callback);
  }

  private static boolean finish(Callback callback) {
    callback.succeeded();
    return true;
  }

  /** Counts the request against its subject's limit: a 429 with Retry-After over it. */
  private void limit(String subject) {
    RateLimiter.Decision decision = rateLimiter.acquire(subject);
    if (!decision.allowed()) {
      requestMetrics.rateLimited();
      throw new ApiException(429, "rate_limit_error", "Rate limit reached: "
          + context.settings().rateLimitPerMinute() + " requests a minute for this key (or, without keys, this address);"
          + " try again"
          + " in " + decision.retryAfterSeconds() + " s", null, "rate_limit_exceeded",
          Map.of("Retry-After", Long.toString(decision.retryAfterSeconds())));
    }
  }

  private static ErrorShape shapeFor(String path) {
    return path.startsWith("/v1/messages") ? ErrorShape.ANTHROPIC : ErrorShape.OPENAI;
  }

  private Routes.Entry find(Exchange exchange) {
    boolean pathKnown = false;
    for (Routes.Entry entry : routes) {
      if (entry.matches(exchange.path())) {
        pathKnown = true;
        if (entry.method().equals(exchange.method())) {
          return entry;
        }
      }
    }
    if (pathKnown) {
      throw new ApiException(405, "invalid_request_error", "Method " + exchange.method()
          + " is not allowed here", null, "method_not_allowed", Map.of());
    }
    throw new ApiException(404, "invalid_request_error", "No such endpoint; see GET /v1/models,"
        + " POST /v1/chat/completions, /v1/responses, /v1/messages, /v1/embeddings", null,
        "not_found", Map.of());
  }

  /**
   * The key of {@code Authorization: Bearer} or {@code x-api-key}, compared in constant time;
   * returns it (null when the gateway has no keys).
   */
  private String authenticate(Exchange exchange) {
    if (keys.isEmpty()) {
      return null;
    }
    String presented = exchange.header("x-api-key");
    String authorization = exchange.header("Authorization");
    if (presented == null && authorization != null
        && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      presented = authorization.substring(7).strip();
    }
    if (presented != null) {
      byte[] given = presented.getBytes(StandardCharsets.UTF_8);
      boolean match = false;
      for (byte[] key : keys) {
        match |= MessageDigest.isEqual(key, given);
      }
      if (match) {
        return presented;
      }
    }
    throw new ApiException(401, "authentication_error", presented == null
        ? "An API key is required: send Authorization: Bearer KEY or x-api-key: KEY"
        : "The API key is not valid", null, "invalid_api_key", Map.of());
  }

  private static void fail(Exchange exchange, ErrorShape shape, ApiException error) {
    if (exchange.committed()) {
      try {
        exchange.flushEvents(); // the route sent its API's error event, or the client is gone
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "Client gone: {0}", e.toString());
      }
      return;
    }
    try {
      exchange.sendJson(error.status(), shape.body(error), error.headers());
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "Client gone before the error: {0}", e.toString());
    }
  }
}
