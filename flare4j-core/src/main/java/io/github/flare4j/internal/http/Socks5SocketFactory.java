package io.github.flare4j.internal.http;

import io.github.flare4j.http.ProxySpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Makes {@link Socks5Socket}s for OkHttp, which connects them itself, and for flare4j's WebSocket
 * client. Connect with an unresolved address to let the proxy resolve the host name.
 */
public final class Socks5SocketFactory extends SocketFactory {
  private final ProxySpec proxy;

  /** Sockets through {@code proxy}, a SOCKS5 one. */
  public Socks5SocketFactory(ProxySpec proxy) {
    this.proxy = proxy;
  }

  @Override
  public Socket createSocket() {
    return new Socks5Socket(proxy);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    Socket socket = createSocket();
    socket.connect(InetSocketAddress.createUnresolved(host, port));
    return socket;
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return createSocket(host, port);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    Socket socket = createSocket();
    socket.connect(new InetSocketAddress(host, port));
    return socket;
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return createSocket(address, port);
  }
}
