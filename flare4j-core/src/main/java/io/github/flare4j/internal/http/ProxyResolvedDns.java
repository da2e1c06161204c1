package io.github.flare4j.internal.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import okhttp3.Dns;

/**
 * A {@link Dns} for SOCKS5: it resolves nothing locally. It returns a placeholder address that
 * keeps the host name, and {@link Socks5Socket} hands that name to the proxy, which resolves it
 * (what curl calls {@code socks5h}).
 */
final class ProxyResolvedDns implements Dns {
  static final ProxyResolvedDns INSTANCE = new ProxyResolvedDns();

  private ProxyResolvedDns() {}

  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    return List.of(InetAddress.getByAddress(hostname, new byte[4]));
  }
}
