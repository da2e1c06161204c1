package io.github.flare4j.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * A proxy to send requests through, parsed from a URL such as {@code http://host:3128},
 * {@code https://user:secret@host:443} or {@code socks5://user:secret@host:1080}.
 *
 * <p>{@code http} and {@code https} name an HTTP proxy (plain requests are forwarded, TLS ones
 * tunnelled with {@code CONNECT}); {@code socks5} (or {@code socks5h}) a SOCKS5 proxy, which also
 * resolves the target's host name. User name and password are optional and may be
 * percent-encoded. {@link #toString()} never shows the password.
 *
 * @param type the kind of proxy
 * @param host the proxy's host
 * @param port the proxy's port
 * @param username the user name, or null
 * @param password the password, or null
 */
public record ProxySpec(Type type, String host, int port, String username, String password) {

  /** The kinds of proxy flare4j speaks. */
  public enum Type {
    /** An HTTP proxy ({@code http://}). */
    HTTP,
    /** An HTTP proxy named with {@code https://}: spoken to like {@link #HTTP}. */
    HTTPS,
    /** A SOCKS5 proxy ({@code socks5://}, {@code socks5h://}). */
    SOCKS5
  }

  /** Checks the parts. */
  public ProxySpec {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("proxy port out of range: " + port);
    }
  }

  /**
   * Parses a proxy URL.
   *
   * @throws IllegalArgumentException naming what is wrong (never echoing the password)
   */
  public static ProxySpec parse(String url) {
    Objects.requireNonNull(url, "url");
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "Invalid proxy URL: expected scheme://[user:password@]host:port, e.g. socks5://127.0.0.1:1080");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    Type type = switch (scheme) {
      case "http" -> Type.HTTP;
      case "https" -> Type.HTTPS;
      case "socks5", "socks5h", "socks" -> Type.SOCKS5;
      default -> throw new IllegalArgumentException(
          "Unsupported proxy scheme '" + scheme + "': use http://, https:// or socks5://");
    };
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid proxy URL: no host; expected " + scheme + "://host:port");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort();
    if (port == -1) {
      port = switch (type) {
        case HTTP -> 80;
        case HTTPS -> 443;
        case SOCKS5 -> 1080;
      };
    }
    String username = null;
    String password = null;
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      username = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
    }
    return new ProxySpec(type, host, port, username, password);
  }

  /** True when a user name was given. */
  public boolean hasCredentials() {
    return username != null;
  }

  /** The URL without the password, e.g. {@code socks5://user:***@host:1080}. */
  @Override
  public String toString() {
    String scheme = type.name().toLowerCase(Locale.ROOT);
    String user = username == null ? "" : username + ":***@";
    String shownHost = host.contains(":") ? "[" + host + "]" : host;
    return scheme + "://" + user + shownHost + ":" + port;
  }

  private static String decode(String part) {
    return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
