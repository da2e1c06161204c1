package io.github.flare4j.gateway.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The gateway's own request metrics, recorded once per request by the handler:
 * {@code flare4j_gateway_requests_total{route,method,status}} and
 * {@code flare4j_gateway_request_duration_seconds{route,method}} (a histogram, with
 * {@code _bucket} series for quantiles). The route is the route table's
 * path pattern ({@code /v1/chat/completions}), never a client's raw path: an unknown one is
 * {@code other}, so a scanner cannot blow up the series. A request whose client left before any
 * status was sent counts as status {@code 499}.
 */
public final class RequestMetrics {
  /** The route label of a path the route table does not know. */
  public static final String OTHER = "other";

  private final MeterRegistry registry;

  public RequestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Counts one request and its duration. */
  public void record(String route, String method, int status, Duration duration) {
    String knownMethod = switch (method) {
      case "GET", "POST", "OPTIONS", "HEAD", "PUT", "DELETE", "PATCH" -> method;
      default -> OTHER;
    };
    Counter.builder("flare4j_gateway_requests")
        .description("Requests answered, by route pattern, method and status")
        .tag("route", route).tag("method", knownMethod)
        .tag("status", Integer.toString(status == 0 ? 499 : status))
        .register(registry).increment();
    Timer.builder("flare4j_gateway_request_duration")
        .description("Time from a request's arrival to the end of its answer (streams included)")
        .tag("route", route).tag("method", knownMethod)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
        .register(registry).record(duration);
  }

  /** Counts a request refused by the local or shared rate limit. */
  public void rateLimited() {
    Counter.builder("flare4j_gateway_rejected_requests").tag("reason", "rate_limit")
        .register(registry).increment();
  }
}
