package io.github.flare4j.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.EmbeddingRequest;
import io.github.flare4j.workersai.WorkersAIOpenAI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Metrics, rate limits, CORS and the access log, over real HTTP against the emulator. */
class GatewayOpsTest extends GatewayTestBase {
  /** 45 s into a minute: a window has 15 s left. */
  static final Clock AT_45_S = Clock.fixed(Instant.parse("2026-01-01T10:00:45Z"), ZoneOffset.UTC);

  @Test
  void metricsCountRequestsByRoutePatternAndStatus() throws Exception {
    try (Gateway gateway = gateway().apiKeys(Set.of("k-1")).build().start()) {
      assertThat(get(gateway, "/v1/models", "k-1").statusCode()).isEqualTo(200);
      assertThat(get(gateway, "/v1/models", "k-1").statusCode()).isEqualTo(200);
      assertThat(get(gateway, "/v1/models", null).statusCode()).isEqualTo(401);
      assertThat(get(gateway, "/healthz", null).statusCode()).isEqualTo(200);
      assertThat(get(gateway, "/v1/secret-scan-7f3a", null).statusCode()).isEqualTo(404);
      assertThat(get(gateway, "/metrics", null).statusCode())
          .as("metrics need a key when the gateway has keys").isEqualTo(401);

      HttpResponse<String> metrics = get(gateway, "/metrics", "k-1");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("content-type"))
          .hasValue("text/plain; version=0.0.4; charset=utf-8");
      assertThat(metrics.body())
          .contains("# TYPE flare4j_gateway_requests_total counter")
          .contains("flare4j_gateway_requests_total{method=\"GET\",route=\"/v1/models\","
              + "status=\"200\"} 2.0")
          .contains("flare4j_gateway_requests_total{method=\"GET\",route=\"/v1/models\","
              + "status=\"401\"} 1.0")
          .contains("flare4j_gateway_requests_total{method=\"GET\",route=\"/healthz\","
              + "status=\"200\"} 1.0")
          .contains("flare4j_gateway_requests_total{method=\"GET\",route=\"other\","
              + "status=\"404\"} 1.0")
          .contains("flare4j_gateway_request_duration_seconds_count{method=\"GET\","
              + "route=\"/v1/models\"} 3")
          .contains("flare4j_gateway_active_streams 0.0")
          .doesNotContain("secret-scan")
          .doesNotContain("k-1");
    }
  }

  @Test
  void upstreamCallsShowInTheMetrics() throws Exception {
    WorkersAIOpenAI workers = WorkersAIOpenAI.builder().client(flare4j)
        .accountId(emulator.accountId()).apiToken(emulator.apiToken())
        .baseUrl(emulator.baseUrl()).build();
    try (Gateway gateway = Gateway.builder().provider("workers-ai", workers).port(0).build()
        .start()) {
      Upstreams.Choice choice = gateway.context().upstreams().choose("@cf/baai/bge-m3");
      var result = gateway.context().calls().embed(choice,
          EmbeddingRequest.builder().model(choice.model()).input("hello").build());
      assertThat(result.vectors()).hasSize(1);

      String metrics = get(gateway, "/metrics", null).body();
      assertThat(metrics)
          .contains("# TYPE flare4j_gateway_upstream_latency_seconds ")
          .contains("flare4j_gateway_upstream_latency_seconds_count{provider=\"workers-ai\"} 1")
          .contains("flare4j_gateway_active_streams 0.0")
          .doesNotContain(emulator.apiToken());
    }
  }

  /**
   * The chat route is built on another branch: until it is merged this test is skipped; after, it
   * checks the upstream metrics and the access line of a real streamed chat.
   */
  @Test
  void aStreamedChatShowsInTheMetricsAndTheAccessLog() throws Exception {
    WorkersAIOpenAI workers = WorkersAIOpenAI.builder().client(flare4j)
        .accountId(emulator.accountId()).apiToken(emulator.apiToken())
        .baseUrl(emulator.baseUrl()).build();
    Logger access = Logger.getLogger("io.github.flare4j.gateway.access");
    List<String> lines = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        lines.add(new SimpleFormatter().formatMessage(record));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    access.addHandler(capture);
    try (Gateway gateway = Gateway.builder().provider("workers-ai", workers).port(0)
        .apiKeys(Set.of("sk-chat-secret")).build().start()) {
      HttpResponse<String> chat = http.send(HttpRequest.newBuilder(
          gateway.uri().resolve("/v1/chat/completions"))
          .header("Authorization", "Bearer sk-chat-secret")
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"@cf/meta/llama-3.3-70b-instruct-"
              + "fp8-fast\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
              + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      Assumptions.assumeFalse(chat.statusCode() == 404,
          "POST /v1/chat/completions is not on this branch yet");
      assertThat(chat.statusCode()).isEqualTo(200);
      assertThat(chat.body()).contains("data: [DONE]");

      String metrics = get(gateway, "/metrics", "sk-chat-secret").body();
      assertThat(metrics)
          .contains("flare4j_gateway_requests_total{method=\"POST\","
              + "route=\"/v1/chat/completions\",status=\"200\"} 1.0")
          .contains("flare4j_gateway_upstream_latency_seconds_count{provider=\"workers-ai\"} 1")
          .contains("flare4j_gateway_time_to_first_token_seconds_count{provider=\"workers-ai\"} 1")
          .contains("flare4j_gateway_time_to_first_token_seconds_bucket{provider=\"workers-ai\","
              + "le=\"0.1\"}")
          .contains("flare4j_gateway_time_to_first_token_seconds_bucket{provider=\"workers-ai\","
              + "le=\"60.0\"} 1")
          .contains("flare4j_gateway_upstream_latency_seconds_bucket{provider=\"workers-ai\","
              + "le=\"0.005\"}")
          .contains("flare4j_gateway_tokens_total{kind=\"completion\",provider=\"workers-ai\"}")
          .contains("flare4j_gateway_active_streams 0.0")
          .doesNotContain("sk-chat-secret");
    } finally {
      access.removeHandler(capture);
    }
    assertThat(lines).anySatisfy(line -> assertThat(line).matches(
        "POST /v1/chat/completions 200 model=\\S*llama-3.3-70b-instruct-fp8-fast tokens=\\d+ \\d+ms"));
    assertThat(String.join("\n", lines)).doesNotContain("sk-chat-secret");
  }

  @Test
  void aKeyOverItsLimitGetsA429WithRetryAfterAndOtherKeysDoNot() throws Exception {
    try (Gateway gateway = gateway().apiKeys(Set.of("k-a", "k-b")).rateLimitPerMinute(2)
        .clock(AT_45_S).build().start()) {
      assertThat(get(gateway, "/v1/models", "k-a").statusCode()).isEqualTo(200);
      assertThat(get(gateway, "/v1/models", "k-a").statusCode()).isEqualTo(200);
      HttpResponse<String> over = get(gateway, "/v1/models", "k-a");
      assertThat(over.statusCode()).isEqualTo(429);
      assertThat(over.headers().firstValue("retry-after")).hasValue("15");
      assertThat(over.body()).startsWith("{\"error\":{\"message\":\"Rate limit reached")
          .contains("\"type\":\"rate_limit_error\"", "\"code\":\"rate_limit_exceeded\"")
          .doesNotContain("k-a");
      assertThat(get(gateway, "/v1/models", "k-b").statusCode()).isEqualTo(200);
      assertThat(get(gateway, "/healthz", null).statusCode()).isEqualTo(200);
      assertThat(get(gateway, "/readyz", null).statusCode()).isEqualTo(200);
      String metrics = get(gateway, "/metrics", "k-a").body();
      assertThat(metrics).as("/metrics is not limited")
          .contains("flare4j_gateway_rejected_requests_total{reason=\"rate_limit\"} 1.0")
          .contains("flare4j_gateway_requests_total{method=\"GET\",route=\"/v1/models\","
              + "status=\"429\"} 1.0");
    }
  }

  @Test
  void withoutKeysTheLimitIsPerClientAddress() throws Exception {
    try (Gateway gateway = gateway().rateLimitPerMinute(1).clock(AT_45_S).build().start()) {
      assertThat(get(gateway, "/v1/models", null).statusCode()).isEqualTo(200);
      assertThat(get(gateway, "/v1/models", "anything").statusCode()).isEqualTo(429);
    }
  }

  @Test
  void aGatewayWhoseRedisCannotBeReachedStartsAndCountsAlone() throws Exception {
    int closedPort;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      closedPort = free.getLocalPort();
    }
    try (Gateway gateway = gateway().apiKeys(Set.of("k-1")).rateLimitPerMinute(1)
        .redis("redis://:pw-never-logged@127.0.0.1:" + closedPort).clock(AT_45_S).build()
        .start()) {
      assertThat(get(gateway, "/v1/models", "k-1").statusCode()).isEqualTo(200);
      assertThat(get(gateway, "/v1/models", "k-1").statusCode()).isEqualTo(429);
      assertThat(gateway.toString()).doesNotContain("pw-never-logged");
    }
  }

  @Test
  void corsIsOffUnlessAnOriginIsGiven() throws Exception {
    HttpRequest preflight = null;
    try (Gateway gateway = gateway().build().start()) {
      preflight = preflight(gateway, "https://chat.example");
      HttpResponse<String> answer = http.send(preflight, HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(405);
      assertThat(answer.headers().firstValue("access-control-allow-origin")).isEmpty();
      HttpResponse<String> models = http.send(HttpRequest.newBuilder(
          gateway.uri().resolve("/v1/models")).header("Origin", "https://chat.example").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(models.headers().firstValue("access-control-allow-origin")).isEmpty();
    }
  }

  @Test
  void corsAllowsTheGivenOriginOnly() throws Exception {
    try (Gateway gateway = gateway().apiKeys(Set.of("k-1")).cors("https://chat.example").build()
        .start()) {
      HttpResponse<String> answer = http.send(preflight(gateway, "https://chat.example"),
          HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as("a preflight needs no key").isEqualTo(204);
      assertThat(answer.headers().firstValue("access-control-allow-origin"))
          .hasValue("https://chat.example");
      assertThat(answer.headers().firstValue("access-control-allow-methods"))
          .hasValue("GET, POST, OPTIONS");
      assertThat(answer.headers().firstValue("access-control-allow-headers"))
          .hasValue("authorization, content-type");

      HttpResponse<String> other = http.send(preflight(gateway, "https://evil.example"),
          HttpResponse.BodyHandlers.ofString());
      assertThat(other.headers().firstValue("access-control-allow-origin")).isEmpty();

      HttpResponse<String> models = http.send(HttpRequest.newBuilder(
          gateway.uri().resolve("/v1/models")).header("Origin", "https://chat.example")
          .header("Authorization", "Bearer k-1").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(models.statusCode()).isEqualTo(200);
      assertThat(models.headers().firstValue("access-control-allow-origin"))
          .hasValue("https://chat.example");
      HttpResponse<String> refused = http.send(HttpRequest.newBuilder(
          gateway.uri().resolve("/v1/models")).header("Origin", "https://chat.example").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.headers().firstValue("access-control-allow-origin"))
          .as("a browser may read the error").hasValue("https://chat.example");
      HttpResponse<String> fromElsewhere = http.send(HttpRequest.newBuilder(
          gateway.uri().resolve("/v1/models")).header("Origin", "https://evil.example")
          .header("Authorization", "Bearer k-1").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(fromElsewhere.headers().firstValue("access-control-allow-origin")).isEmpty();
    }
  }

  private static HttpRequest preflight(Gateway gateway, String origin) {
    return HttpRequest.newBuilder(gateway.uri().resolve("/v1/models"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization, content-type")
        .build();
  }

  @Test
  void theAccessLogHasOneLinePerRequestWithoutTheKey() throws Exception {
    Logger access = Logger.getLogger("io.github.flare4j.gateway.access");
    List<String> lines = new CopyOnWriteArrayList<>();
    SimpleFormatter formatter = new SimpleFormatter();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        lines.add(formatter.formatMessage(record));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    access.addHandler(capture);
    try (Gateway gateway = gateway().apiKeys(Set.of("sk-secret-4711")).build().start()) {
      assertThat(get(gateway, "/v1/models", "sk-secret-4711").statusCode()).isEqualTo(200);
      assertThat(get(gateway, "/v1/models", "sk-wrong-0815").statusCode()).isEqualTo(401);
      assertThat(get(gateway, "/v1/x%E2%80%A8forged%22", null).statusCode()).isEqualTo(404);
    } finally {
      access.removeHandler(capture);
    }
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).matches("GET /v1/models 200 model=- tokens=0 \\d+ms");
    assertThat(lines.get(1)).matches("GET /v1/models 401 model=- tokens=0 \\d+ms");
    assertThat(lines.get(2)).as("a client's path is escaped")
        .matches("GET /v1/x\\S+forged\\S+ 404 model=- tokens=0 \\d+ms")
        .doesNotContain("\u2028", "\"");
    assertThat(String.join("\n", lines)).doesNotContain("sk-secret-4711", "sk-wrong-0815");
  }
}
