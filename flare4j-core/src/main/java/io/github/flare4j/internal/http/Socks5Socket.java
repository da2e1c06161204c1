package io.github.flare4j.internal.http;

import io.github.flare4j.http.ProxySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A socket that connects through a SOCKS5 proxy (RFC 1928), with user name and password
 * authentication (RFC 1929) when the proxy asks for it. The target's host name is sent to the proxy
 * to resolve. Written here rather than using {@code java.net.Proxy.Type.SOCKS} because the JDK takes
 * SOCKS credentials only from the process-wide {@link java.net.Authenticator}.
 */
final class Socks5Socket extends Socket {
  private static final int VERSION = 5;
  private static final int NO_AUTH = 0;
  private static final int USER_PASS = 2;
  private static final int NO_ACCEPTABLE = 0xFF;

  private final ProxySpec proxy;

  Socks5Socket(ProxySpec proxy) {
    this.proxy = proxy;
  }

  @Override
  public void connect(SocketAddress endpoint, int timeout) throws IOException {
    if (!(endpoint instanceof InetSocketAddress target)) {
      throw new IOException("SOCKS5 needs an internet address, got " + endpoint);
    }
    super.connect(new InetSocketAddress(proxy.host(), proxy.port()), timeout);
    int previous = getSoTimeout();
    setSoTimeout(timeout);
    try {
      handshake(target);
    } catch (IOException e) {
      close();
      throw e;
    } finally {
      if (!isClosed()) {
        setSoTimeout(previous);
      }
    }
  }

  private void handshake(InetSocketAddress target) throws IOException {
    OutputStream out = getOutputStream();
    InputStream in = getInputStream();
    if (proxy.hasCredentials()) {
      out.write(new byte[] {VERSION, 2, NO_AUTH, USER_PASS});
    } else {
      out.write(new byte[] {VERSION, 1, NO_AUTH});
    }
    out.flush();
    int version = readByte(in);
    int method = readByte(in);
    if (version != VERSION) {
      throw new IOException("SOCKS5 proxy " + proxy + " answered with version " + version);
    }
    if (method == USER_PASS && proxy.hasCredentials()) {
      authenticate(in, out);
    } else if (method == NO_ACCEPTABLE) {
      throw new IOException("SOCKS5 proxy " + proxy + " accepts none of our authentication "
          + (proxy.hasCredentials() ? "methods" : "methods: give user:password in the proxy URL"));
    } else if (method != NO_AUTH) {
      throw new IOException("SOCKS5 proxy " + proxy + " chose unsupported method " + method);
    }
    out.write(connectRequest(target));
    out.flush();
    readReply(in);
  }

  private void authenticate(InputStream in, OutputStream out) throws IOException {
    byte[] user = proxy.username().getBytes(StandardCharsets.UTF_8);
    byte[] pass = proxy.password().getBytes(StandardCharsets.UTF_8);
    if (user.length > 255 || pass.length > 255) {
      throw new IOException("SOCKS5 user name and password must be at most 255 bytes each");
    }
    byte[] message = new byte[3 + user.length + pass.length];
    message[0] = 1;
    message[1] = (byte) user.length;
    System.arraycopy(user, 0, message, 2, user.length);
    message[2 + user.length] = (byte) pass.length;
    System.arraycopy(pass, 0, message, 3 + user.length, pass.length);
    out.write(message);
    out.flush();
    readByte(in);
    if (readByte(in) != 0) {
      throw new IOException("SOCKS5 proxy " + proxy + " refused the user name and password");
    }
  }

  private static byte[] connectRequest(InetSocketAddress target) throws IOException {
    String host = target.getHostString();
    byte[] address;
    int type;
    if (InetAddresses.isIpv4Literal(host)) {
      type = 1;
      address = InetAddresses.bytes(host);
    } else if (host.indexOf(':') >= 0) {
      type = 4;
      address = InetAddresses.bytes(host);
    } else {
      type = 3;
      byte[] name = host.getBytes(StandardCharsets.US_ASCII);
      if (name.length > 255) {
        throw new IOException("host name too long for SOCKS5: " + host);
      }
      address = new byte[name.length + 1];
      address[0] = (byte) name.length;
      System.arraycopy(name, 0, address, 1, name.length);
    }
    byte[] request = new byte[4 + address.length + 2];
    request[0] = VERSION;
    request[1] = 1; // CONNECT
    request[2] = 0;
    request[3] = (byte) type;
    System.arraycopy(address, 0, request, 4, address.length);
    request[request.length - 2] = (byte) (target.getPort() >>> 8);
    request[request.length - 1] = (byte) target.getPort();
    return request;
  }

  private void readReply(InputStream in) throws IOException {
    readByte(in);
    int status = readByte(in);
    readByte(in);
    int type = readByte(in);
    int length = switch (type) {
      case 1 -> 4;
      case 4 -> 16;
      case 3 -> readByte(in);
      default -> throw new IOException("SOCKS5 proxy " + proxy + " sent address type " + type);
    };
    in.readNBytes(length + 2);
    if (status != 0) {
      throw new IOException("SOCKS5 proxy " + proxy + " could not connect: " + reason(status));
    }
  }

  private static String reason(int status) {
    return switch (status) {
      case 1 -> "general failure";
      case 2 -> "not allowed by its rules";
      case 3 -> "network unreachable";
      case 4 -> "host unreachable";
      case 5 -> "connection refused";
      case 6 -> "TTL expired";
      case 7 -> "command not supported";
      case 8 -> "address type not supported";
      default -> "status " + status;
    };
  }

  private int readByte(InputStream in) throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new IOException("SOCKS5 proxy " + proxy + " closed the connection during the handshake");
    }
    return b;
  }
}
