package io.github.flare4j.gateway;

import io.github.flare4j.gateway.http.JsonErrorHandler;
import io.github.flare4j.gateway.http.UpstreamCall;
import io.github.flare4j.gateway.ops.LocalRateLimiter;
import io.github.flare4j.gateway.ops.RateLimiter;
import io.github.flare4j.gateway.ops.RedisLink;
import io.github.flare4j.gateway.ops.RedisRateLimiter;
import io.github.flare4j.provider.ChatProvider;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The OpenAI- and Anthropic-compatible server in front of flare4j's providers. Build one, {@link
 * #start()} it, {@link #close()} it:
 *
 * <pre>{@code
 * try (Gateway gateway = Gateway.builder()
 *     .provider("playground", flare4j.playground())
 *     .port(8080)
 *     .build()
 *     .start()) {
 *   gateway.join();
 * }
 * }</pre>
 *
 * <p>Every request runs on a virtual thread of its own; writes block, so a slow client slows its
 * own upstream reading and nothing else.
 */
public final class Gateway implements AutoCloseable {
  /** Connections the kernel may hold before the gateway accepts them. */
  private static final int ACCEPT_QUEUE = 4096;

  private final GatewayContext context;
  private final Server server;
  private final ServerConnector connector;
  private final RedisLink redis; // null without --redis
  private final RateLimiter rateLimiter; // null without a limit

  private Gateway(Builder builder) {
    GatewaySettings settings = new GatewaySettings(builder.host, builder.port, builder.apiKeys,
        builder.maxBodyBytes, builder.maxConcurrentStreams, builder.rateLimitPerMinute,
        Optional.ofNullable(builder.cors), builder.shutdownGrace, builder.keepAliveInterval);
    String defaultName = builder.defaultProvider != null ? builder.defaultProvider
        : builder.providers.keySet().iterator().next();
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.context = new GatewayContext(new Upstreams(builder.providers, defaultName), settings,
        metrics, new UpstreamCall(settings.maxConcurrentStreams(), metrics));
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("flare4j-gateway");
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    this.server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    // A model id in a path (GET /v1/models/{id}) holds slashes, which SDKs send encoded as %2F
    http.setUriCompliance(UriCompliance.DEFAULT.with("flare4j",
        UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
    // No per-connection cache of parsed request headers: Jetty builds a 96 KiB table for it on
    // each connection, which at a thousand open streams was most of the heap; a stream's
    // connection carries few requests, so the cache saves next to nothing.
    http.setHeaderCacheSize(0);
    this.connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    // The listen backlog: Java's default of 50 overflows when hundreds of clients connect at once
    // (a burst of streams), and the kernel then resets connections it had half-accepted. The
    // kernel caps this at net.core.somaxconn.
    connector.setAcceptQueueSize(ACCEPT_QUEUE);
    server.addConnector(connector);
    this.redis = builder.redis == null ? null : new RedisLink(builder.redis);
    this.rateLimiter = settings.rateLimitPerMinute() == 0 ? null : redis != null
        ? new RedisRateLimiter(redis, settings.rateLimitPerMinute(), builder.clock)
        : new LocalRateLimiter(settings.rateLimitPerMinute(), builder.clock);
    // On close: the connector stops accepting, requests in progress (open streams) get up to
    // shutdownGrace to finish, new ones on open connections get a 503; then everything stops.
    GracefulHandler graceful = new GracefulHandler(new GatewayHandler(context, rateLimiter));
    server.setHandler(graceful);
    server.setErrorHandler(new JsonErrorHandler());
    server.setStopTimeout(settings.shutdownGrace().toMillis());
    server.setStopAtShutdown(false);
  }

  /** A builder with the defaults: loopback, port 8080, no keys, 1 MiB bodies, 256 streams. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds and starts serving.
   *
   * @throws IllegalStateException when it cannot bind, or binds beyond loopback without keys
   */
  public Gateway start() {
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot start the gateway on " + context.settings().host()
          + ":" + context.settings().port() + ": " + e.getMessage(), e);
    }
    return this;
  }

  /** The port it listens on (the one picked, when 0 was asked). */
  public int port() {
    return connector.getLocalPort();
  }

  /** Its base address, e.g. {@code http://127.0.0.1:8080}. */
  public URI uri() {
    String host = context.settings().host();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
  }

  /** The endpoints it serves, each as {@code METHOD /path}, in the route table's order. */
  public List<String> routes() {
    return Routes.all(context).stream().map(entry -> entry.method() + " " + entry.path()).toList();
  }

  /** The shared state of the routes (providers, settings, metrics). */
  GatewayContext context() {
    return context;
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    server.join();
  }

  /**
   * Stops accepting, lets requests in progress (open streams) finish for the grace period, then
   * stops, closing what is still open; then lets Redis go.
   */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("The gateway did not stop cleanly: " + e.getMessage(), e);
    } finally {
      if (redis != null) {
        redis.close();
      }
    }
  }

  @Override
  public String toString() {
    return "Gateway[" + context.settings() + ", providers=" + context.upstreams().names() + "]";
  }

  /** Builds a {@link Gateway}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, ChatProvider> providers = new LinkedHashMap<>();
    private String defaultProvider;
    private String host = "127.0.0.1";
    private int port = 8080;
    private Set<String> apiKeys = Set.of();
    private long maxBodyBytes = GatewaySettings.DEFAULT_MAX_BODY_BYTES;
    private int maxConcurrentStreams = 256;
    private int rateLimitPerMinute;
    private String cors;
    private Duration shutdownGrace = Duration.ofSeconds(10);
    private Duration keepAliveInterval = Duration.ofSeconds(15);
    private String redis;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Adds a provider under {@code name}; the first added is the default. */
    public Builder provider(String name, ChatProvider provider) {
      if (!name.matches("[a-z0-9][a-z0-9-]*")) {
        throw new IllegalArgumentException("A provider name is lower-case letters, digits and"
            + " dashes, was " + name);
      }
      providers.put(name, Objects.requireNonNull(provider, "provider"));
      return this;
    }

    /** The provider a model without a provider prefix goes to (default: the first added). */
    public Builder defaultProvider(String name) {
      this.defaultProvider = name;
      return this;
    }

    /** The address to bind (default {@code 127.0.0.1}). */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port (default 8080; 0 picks a free one). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("A port is 0 to 65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /** The API keys clients must present; none lets everybody in (loopback only). */
    public Builder apiKeys(Set<String> apiKeys) {
      for (String key : apiKeys) {
        if (key.isBlank()) {
          throw new IllegalArgumentException("An API key cannot be blank");
        }
      }
      this.apiKeys = Set.copyOf(apiKeys);
      return this;
    }

    /** The largest request body (default 1 MiB). */
    public Builder maxBodyBytes(long maxBodyBytes) {
      if (maxBodyBytes < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /** Upstream calls open at once (default 256); over it, a 429 at once. */
    public Builder maxConcurrentStreams(int maxConcurrentStreams) {
      if (maxConcurrentStreams < 1) {
        throw new IllegalArgumentException("maxConcurrentStreams must be positive, was "
            + maxConcurrentStreams);
      }
      this.maxConcurrentStreams = maxConcurrentStreams;
      return this;
    }

    /** Requests per key per minute (default 0: none). */
    public Builder rateLimitPerMinute(int rateLimitPerMinute) {
      if (rateLimitPerMinute < 0) {
        throw new IllegalArgumentException("rateLimitPerMinute cannot be negative");
      }
      this.rateLimitPerMinute = rateLimitPerMinute;
      return this;
    }

    /** The one origin CORS allows (default: CORS off). */
    public Builder cors(String origin) {
      this.cors = origin;
      return this;
    }

    /** How long {@link Gateway#close()} lets open streams finish (default 10 s). */
    public Builder shutdownGrace(Duration shutdownGrace) {
      this.shutdownGrace = Objects.requireNonNull(shutdownGrace, "shutdownGrace");
      return this;
    }

    /**
     * How long an event stream may be silent (a slow first token, a pause of the upstream) before
     * a keep-alive goes out, so that proxies with an idle limit keep it (default 15 s): a comment
     * line ({@code : keep-alive}) in OpenAI's streams, a {@code ping} event in Anthropic's.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder keepAliveInterval(Duration keepAliveInterval) {
      Objects.requireNonNull(keepAliveInterval, "keepAliveInterval");
      if (keepAliveInterval.isNegative() || keepAliveInterval.isZero()) {
        throw new IllegalArgumentException("keepAliveInterval must be positive, was "
            + keepAliveInterval);
      }
      this.keepAliveInterval = keepAliveInterval;
      return this;
    }

    /**
     * A Redis server ({@code redis://[:password@]host[:port][/db]}) that shares the rate-limit
     * counters across nodes. When it is down, each node counts on its own until it is back (see
     * docs/gateway-operations.md); requests are not refused for it.
     *
     * @throws IllegalArgumentException when it is not a Redis URI (the message never quotes it)
     */
    public Builder redis(String uri) {
      RedisLink.parse(uri);
      this.redis = uri.strip();
      return this;
    }

    /** The clock rate-limit windows are cut by (tests). */
    Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the gateway (not started).
     *
     * @throws IllegalStateException without a provider, or bound beyond loopback without keys
     */
    public Gateway build() {
      if (providers.isEmpty()) {
        throw new IllegalStateException("The gateway needs a provider: call provider(name, p)");
      }
      if (apiKeys.isEmpty() && !loopback(host)) {
        throw new IllegalStateException("The gateway binds " + host + ", beyond loopback: give"
            + " it API keys (a keys file), or bind 127.0.0.1");
      }
      return new Gateway(this);
    }

    private static boolean loopback(String host) {
      try {
        return InetAddress.getByName(host).isLoopbackAddress();
      } catch (UnknownHostException e) {
        return false;
      }
    }
  }
}
