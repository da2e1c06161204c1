package io.github.flare4j.internal.http;

import io.github.flare4j.http.ProxySpec;
import io.github.flare4j.http.Timeouts;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Authenticator;
import okhttp3.Credentials;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * Derives per-request OkHttp clients from one shared client, so that every request shares its
 * connection pool and dispatcher while having its own proxy and limits.
 */
public final class HttpClients {
  private HttpClients() {}

  /**
   * A fresh shared client with flare4j's defaults. Owned by the provider that made it.
   *
   * <p>Its dispatcher's threads are daemons (OkHttp's own are not, and one idles for a minute after
   * an asynchronous call): a program that used flare4j exits as soon as its {@code main} returns.
   */
  public static OkHttpClient newSharedClient() {
    return new OkHttpClient.Builder()
        .dispatcher(new Dispatcher(daemonExecutor()))
        .retryOnConnectionFailure(true)
        .followRedirects(true)
        .build();
  }

  /** What OkHttp's dispatcher uses by default (threads made on demand, kept a minute), as daemons. */
  private static ExecutorService daemonExecutor() {
    AtomicInteger count = new AtomicInteger();
    return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
        new SynchronousQueue<>(), task -> {
          Thread thread = new Thread(task, "flare4j OkHttp Dispatcher " + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  /**
   * A variant of {@code base} for one request.
   *
   * @param proxy the proxy, or null for a direct connection
   * @param timeouts the connect and first-byte limits (the idle limit is applied to the body)
   * @param total the limit for the whole call
   */
  public static OkHttpClient forRequest(
      OkHttpClient base, ProxySpec proxy, Timeouts timeouts, Duration total) {
    OkHttpClient.Builder builder = base.newBuilder()
        // a redirect is an error (StatusErrors), whatever client the caller supplied: followed, a
        // POST becomes a GET without the prompt, or goes with it to another server
        .followRedirects(false)
        .followSslRedirects(false)
        .connectTimeout(timeouts.connect())
        .readTimeout(timeouts.firstByte())
        .writeTimeout(timeouts.firstByte())
        .callTimeout(total);
    if (proxy == null) {
      return builder.build();
    }
    switch (proxy.type()) {
      case HTTP, HTTPS -> {
        builder.proxy(new Proxy(Proxy.Type.HTTP,
            InetSocketAddress.createUnresolved(proxy.host(), proxy.port())));
        if (proxy.hasCredentials()) {
          builder.proxyAuthenticator(basicProxyAuth(proxy));
        }
      }
      case SOCKS5 -> builder
          .proxy(Proxy.NO_PROXY)
          .socketFactory(new Socks5SocketFactory(proxy))
          .dns(ProxyResolvedDns.INSTANCE);
    }
    return builder.build();
  }

  /** Answers a proxy's 407 (and OkHttp's pre-emptive CONNECT challenge) once with Basic auth. */
  private static Authenticator basicProxyAuth(ProxySpec proxy) {
    String credentials = Credentials.basic(proxy.username(), proxy.password());
    return (route, response) -> {
      if (credentials.equals(response.request().header("Proxy-Authorization"))) {
        return null; // refused already: give up rather than loop
      }
      return response.request().newBuilder()
          .header("Proxy-Authorization", credentials)
          .build();
    };
  }
}
