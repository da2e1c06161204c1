package io.github.flare4j.gateway.http;

import io.github.flare4j.CallListener;
import io.github.flare4j.CallOptions;
import io.github.flare4j.ChatRequest;
import io.github.flare4j.ChatStream;
import io.github.flare4j.EmbeddingRequest;
import io.github.flare4j.EmbeddingResult;
import io.github.flare4j.ResponseInfo;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.Usage;
import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.gateway.Upstreams;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * How every route calls a provider: within the bound on concurrent upstream calls (over it, a 429
 * at once, never a queue), with a listener that feeds the metrics, and closed when the client
 * goes (Jetty tells of a failed connection; a failed write does too), so the upstream call is
 * cancelled with it.
 */
public final class UpstreamCall {
  /**
   * The histogram buckets of the upstream latency and the time to first token, from a few
   * milliseconds (a model on the same network) to a minute (a cold model, a challenge), so that
   * percentiles can be read from /metrics ({@code histogram_quantile}).
   */
  static final Duration[] LATENCY_BUCKETS = Stream.of(5, 10, 25, 50, 100, 250, 500, 1_000, 2_500,
      5_000, 10_000, 30_000, 60_000).map(Duration::ofMillis).toArray(Duration[]::new);

  private final int maxConcurrent;
  private final MeterRegistry metrics;
  private final Semaphore permits;
  private final AtomicInteger active = new AtomicInteger();

  /**
   * @param maxConcurrent upstream calls open at once
   * @param metrics where the calls are counted
   */
  public UpstreamCall(int maxConcurrent, MeterRegistry metrics) {
    this.maxConcurrent = maxConcurrent;
    this.metrics = metrics;
    this.permits = new Semaphore(maxConcurrent);
    metrics.gauge("flare4j_gateway_active_streams", active);
  }

  /**
   * Opens a reply for {@code request} on the chosen provider; the caller reads and closes it.
   *
   * @throws ApiException 429 when the gateway is at its bound, 400 when the provider refuses the
   *     request before sending
   */
  public ChatStream open(Exchange exchange, Upstreams.Choice choice, ChatRequest request) {
    acquire();
    active.incrementAndGet();
    ChatStream inner;
    try {
      inner = choice.provider().stream(request, options(choice));
    } catch (RuntimeException e) {
      release();
      throw UpstreamErrors.toApi(e);
    }
    Iterator<ResponseItem> items = inner.iterator();
    AtomicBoolean released = new AtomicBoolean();
    ChatStream stream = ChatStream.of(new ChatStream.Source() {
      @Override
      public ResponseItem next() {
        return items.hasNext() ? items.next() : null;
      }

      @Override
      public boolean ready() {
        return inner.ready();
      }

      @Override
      public Optional<ResponseInfo> responseInfo() {
        return inner.responseInfo();
      }

      @Override
      public void close() {
        inner.close();
        if (released.compareAndSet(false, true)) {
          release();
        }
      }
    });
    exchange.request().addFailureListener(failure -> stream.close());
    exchange.upstream(stream);
    return stream;
  }

  /** Embeds within the same bound and metrics. */
  public EmbeddingResult embed(Upstreams.Choice choice, EmbeddingRequest request) {
    acquire();
    active.incrementAndGet();
    try {
      return choice.provider().embed(request, options(choice));
    } catch (RuntimeException e) {
      throw UpstreamErrors.toApi(e);
    } finally {
      release();
    }
  }

  private void acquire() {
    if (!permits.tryAcquire()) {
      Counter.builder("flare4j_gateway_rejected_requests").tag("reason", "concurrency")
          .register(metrics).increment();
      throw new ApiException(429, "rate_limit_error", "The gateway is at its limit of "
          + maxConcurrent + " concurrent upstream calls; try again"
          + " shortly", null, "concurrency_limit", Map.of("Retry-After", "1"));
    }
  }

  private void release() {
    active.decrementAndGet();
    permits.release();
  }

  private CallOptions options(Upstreams.Choice choice) {
    String provider = choice.providerName();
    return CallOptions.builder().listener(new CallListener() {
      @Override
      public void firstByte(String endpoint, Duration sinceStart) {
        Timer.builder("flare4j_gateway_upstream_latency").tag("provider", provider)
            .serviceLevelObjectives(LATENCY_BUCKETS).register(metrics).record(sinceStart);
      }

      @Override
      public void firstToken(Duration sinceStart) {
        Timer.builder("flare4j_gateway_time_to_first_token").tag("provider", provider)
            .serviceLevelObjectives(LATENCY_BUCKETS).register(metrics).record(sinceStart);
      }

      @Override
      public void retry(int attempt, String reason, Duration delay) {
        Counter.builder("flare4j_gateway_upstream_retries").tag("provider", provider)
            .register(metrics).increment();
      }

      @Override
      public void callEnd(Optional<Usage> usage, Duration elapsed) {
        usage.ifPresent(u -> {
          Counter.builder("flare4j_gateway_tokens").tag("provider", provider).tag("kind", "prompt")
              .register(metrics).increment(u.promptTokens());
          Counter.builder("flare4j_gateway_tokens").tag("provider", provider)
              .tag("kind", "completion").register(metrics)
              .increment(u.completionTokens());
        });
      }

      @Override
      public void callFailed(Flare4jException failure, Duration elapsed) {
        if (failure instanceof io.github.flare4j.error.RateLimitException) {
          Counter.builder("flare4j_gateway_rejected_requests").tag("reason", "upstream_rate_limit")
              .register(metrics).increment();
        }
      }
    }).build();
  }
}
