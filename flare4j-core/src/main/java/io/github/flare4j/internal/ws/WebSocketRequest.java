package io.github.flare4j.internal.ws;

import io.github.flare4j.http.ProxySpec;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLSocketFactory;
import okhttp3.Dns;
import okhttp3.Headers;

/**
 * What {@link WebSocketClient#connect} needs to open a socket.
 *
 * @param url the {@code ws://} or {@code wss://} URL
 * @param headers extra headers for the upgrade (user agent, origin, cookies); the WebSocket's own
 *     ({@code Host}, {@code Upgrade}, {@code Connection}, {@code Sec-WebSocket-*}) are ignored here
 * @param proxy the proxy, or null for a direct connection
 * @param tls makes the TLS sockets of {@code wss://}
 * @param dns resolves the host of a direct connection or an HTTP proxy
 * @param connectTimeout the limit for each TCP connection and the TLS handshake
 * @param answerTimeout the limit for the upgrade's answer (and a proxy's)
 * @param maxMessageBytes the longest message accepted
 * @param threadName the name of the connection's reader thread
 */
public record WebSocketRequest(URI url, Headers headers, ProxySpec proxy, SSLSocketFactory tls,
    Dns dns, Duration connectTimeout, Duration answerTimeout, int maxMessageBytes,
    String threadName) {

  /** Checks the parts. */
  public WebSocketRequest {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(dns, "dns");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(answerTimeout, "answerTimeout");
    Objects.requireNonNull(threadName, "threadName");
    String scheme = url.getScheme();
    if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme)) {
      throw new IllegalArgumentException("not a ws:// or wss:// URL: " + url);
    }
    if (url.getHost() == null) {
      throw new IllegalArgumentException("no host in " + url);
    }
    if (maxMessageBytes <= 0) {
      throw new IllegalArgumentException("maxMessageBytes must be positive");
    }
  }

  /** True for {@code wss://}. */
  boolean secure() {
    return "wss".equalsIgnoreCase(url.getScheme());
  }

  /** The host, without IPv6 brackets. */
  String host() {
    String host = url.getHost();
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  /** The port, the scheme's default when none is given. */
  int port() {
    return url.getPort() != -1 ? url.getPort() : secure() ? 443 : 80;
  }
}
