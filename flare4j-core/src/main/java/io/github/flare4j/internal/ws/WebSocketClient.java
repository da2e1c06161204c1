package io.github.flare4j.internal.ws;

import io.github.flare4j.http.ProxySpec;
import io.github.flare4j.internal.http.InetAddresses;
import io.github.flare4j.internal.http.Socks5SocketFactory;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import okhttp3.Credentials;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Opens a WebSocket (RFC 6455) the way flare4j needs it: directly, through an HTTP proxy's
 * {@code CONNECT} (with Basic credentials) or through a SOCKS5 proxy (with a password), plain or
 * over TLS (SNI, and the host name checked against the certificate), with no extension offered.
 * The upgrade is done on the calling thread; the open socket then reads on a daemon thread of its
 * own ({@link WebSocketConnection}).
 *
 * <p>Written here rather than using OkHttp's WebSocket, which cannot bound a message's size and
 * queues an answer to every ping without bound, or the JDK's {@code java.net.http.WebSocket},
 * which cannot go through a SOCKS proxy. Stateless and thread-safe.
 */
public final class WebSocketClient {
  /** How much of a refused upgrade's body is kept for the error. */
  public static final int MAX_ERROR_BODY = 16 * 1024;

  private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final Set<String> OWN_HEADERS = Set.of("host", "upgrade", "connection",
      "sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions",
      "sec-websocket-protocol", "content-length", "transfer-encoding");
  private static final SecureRandom RANDOM = new SecureRandom();

  private WebSocketClient() {}

  /**
   * Connects, upgrades and starts reading; frames then reach {@code listener}.
   *
   * @throws UpgradeRefusedException when the server or the proxy answered with another status
   * @throws WebSocketProtocolException when the answer breaks the protocol
   * @throws SocketTimeoutException when the upgrade is not answered in time
   * @throws IOException when the connection fails
   */
  public static WebSocketConnection connect(WebSocketRequest request, WebSocketListener listener)
      throws IOException {
    Socket socket;
    try {
      socket = open(request);
    } catch (SocketTimeoutException e) {
      // not the answer's timeout (the only one thrown as such): connecting took too long
      throw new IOException("connecting timed out (" + request.connectTimeout().toMillis()
          + " ms)", e);
    }
    try {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(millis(request.answerTimeout()));
      InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
      OutputStream out = socket.getOutputStream();
      String key = key();
      out.write(upgradeRequest(request, key).getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      ResponseHead head = ResponseHead.read(in, "the server");
      if (head.code() != 101) {
        throw new UpgradeRefusedException(response(request, head, in));
      }
      checkUpgrade(head, key);
      return WebSocketConnection.start(socket, in, out, head.headers(), request, listener);
    } catch (IOException | RuntimeException e) {
      closeQuietly(socket);
      throw e;
    }
  }

  /** A TCP (and TLS) connection to the server, through the proxy if there is one. */
  private static Socket open(WebSocketRequest request) throws IOException {
    ProxySpec proxy = request.proxy();
    int timeout = millis(request.connectTimeout());
    Socket socket;
    if (proxy == null) {
      socket = connectTcp(request, request.host(), request.port(), timeout);
    } else if (proxy.type() == ProxySpec.Type.SOCKS5) {
      socket = new Socks5SocketFactory(proxy).createSocket();
      socket.connect(InetSocketAddress.createUnresolved(request.host(), request.port()), timeout);
    } else {
      socket = connectTcp(request, proxy.host(), proxy.port(), timeout);
      try {
        tunnel(socket, request);
      } catch (IOException | RuntimeException e) {
        closeQuietly(socket);
        throw e;
      }
    }
    if (!request.secure()) {
      return socket;
    }
    try {
      return tls(socket, request, timeout);
    } catch (IOException | RuntimeException e) {
      closeQuietly(socket);
      throw e;
    }
  }

  private static Socket connectTcp(WebSocketRequest request, String host, int port, int timeout)
      throws IOException {
    List<InetAddress> addresses = InetAddresses.isIpv4Literal(host) || host.indexOf(':') >= 0
        ? List.of(InetAddress.getByAddress(host, InetAddresses.bytes(host)))
        : request.dns().lookup(host);
    IOException failure = null;
    for (InetAddress address : addresses) {
      Socket socket = new Socket();
      try {
        socket.connect(new InetSocketAddress(address, port), timeout);
        return socket;
      } catch (IOException e) {
        closeQuietly(socket);
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    throw failure != null ? failure : new IOException("no address for " + host);
  }

  /** Asks an HTTP proxy for a tunnel to the server ({@code CONNECT}), as browsers do for sockets. */
  private static void tunnel(Socket socket, WebSocketRequest request) throws IOException {
    ProxySpec proxy = request.proxy();
    String authority = authority(request.host(), request.port());
    StringBuilder connect = new StringBuilder()
        .append("CONNECT ").append(authority).append(" HTTP/1.1\r\n")
        .append("Host: ").append(authority).append("\r\n")
        .append("Proxy-Connection: Keep-Alive\r\n");
    if (proxy.hasCredentials()) {
      connect.append("Proxy-Authorization: ")
          .append(Credentials.basic(proxy.username(), proxy.password()))
          .append("\r\n");
    }
    connect.append("\r\n");
    socket.setSoTimeout(millis(request.answerTimeout()));
    OutputStream out = socket.getOutputStream();
    out.write(connect.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
    // Unbuffered: the TLS handshake or the upgrade follows on the same stream.
    InputStream in = socket.getInputStream();
    ResponseHead head = ResponseHead.read(in, "the proxy " + proxy);
    if (head.code() / 100 != 2) {
      throw new UpgradeRefusedException(new Response.Builder()
          .request(new Request.Builder().url(httpUrl(request)).build())
          .protocol(Protocol.HTTP_1_1)
          .code(head.code())
          .message(head.message())
          .headers(head.headers())
          .body(ResponseBody.create(new byte[0], null))
          .build());
    }
  }

  private static Socket tls(Socket plain, WebSocketRequest request, int timeout)
      throws IOException {
    String host = request.host();
    SSLSocket socket = (SSLSocket) request.tls().createSocket(plain, host, request.port(), true);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    if (!InetAddresses.isIpv4Literal(host) && host.indexOf(':') < 0) {
      parameters.setServerNames(List.of(new SNIHostName(host)));
    }
    parameters.setApplicationProtocols(new String[] {"http/1.1"});
    socket.setSSLParameters(parameters);
    socket.setSoTimeout(timeout);
    socket.startHandshake();
    return socket;
  }

  private static String upgradeRequest(WebSocketRequest request, String key) {
    String path = request.url().getRawPath() == null || request.url().getRawPath().isEmpty()
        ? "/" : request.url().getRawPath();
    String query = request.url().getRawQuery();
    StringBuilder head = new StringBuilder()
        .append("GET ").append(path).append(query == null ? "" : "?" + query).append(" HTTP/1.1\r\n")
        .append("Host: ").append(hostHeader(request)).append("\r\n")
        .append("Upgrade: websocket\r\n")
        .append("Connection: Upgrade\r\n")
        .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
        .append("Sec-WebSocket-Version: 13\r\n");
    Headers headers = request.headers();
    for (int i = 0; i < headers.size(); i++) {
      if (!OWN_HEADERS.contains(headers.name(i).toLowerCase(Locale.ROOT))) {
        head.append(headers.name(i)).append(": ").append(headers.value(i)).append("\r\n");
      }
    }
    return head.append("\r\n").toString();
  }

  /** Refuses an answer that is not the upgrade we asked for (RFC 6455 section 4.1). */
  private static void checkUpgrade(ResponseHead head, String key) throws IOException {
    if (!"websocket".equalsIgnoreCase(head.headers().get("Upgrade"))) {
      throw new WebSocketProtocolException(
          "the server answered 101 without \"Upgrade: websocket\"");
    }
    if (!head.headerHasToken("Connection", "upgrade")) {
      throw new WebSocketProtocolException(
          "the server answered 101 without \"Connection: Upgrade\"");
    }
    if (!accept(key).equals(head.headers().get("Sec-WebSocket-Accept"))) {
      throw new WebSocketProtocolException(
          "the server's Sec-WebSocket-Accept does not match the key sent");
    }
    if (head.headers().get("Sec-WebSocket-Extensions") != null) {
      throw new WebSocketProtocolException(
          "the server chose an extension although none was offered");
    }
  }

  /** The refused upgrade as an OkHttp response, with at most {@link #MAX_ERROR_BODY} of its body. */
  private static Response response(WebSocketRequest request, ResponseHead head, InputStream in) {
    byte[] body;
    try {
      body = body(head, in);
    } catch (IOException e) {
      body = new byte[0]; // what the status says is enough
    }
    String type = head.headers().get("Content-Type");
    return new Response.Builder()
        .request(new Request.Builder().url(httpUrl(request)).build())
        .protocol(Protocol.HTTP_1_1)
        .code(head.code())
        .message(head.message())
        .headers(head.headers())
        .body(ResponseBody.create(body, type == null ? null : MediaType.parse(type)))
        .build();
  }

  private static byte[] body(ResponseHead head, InputStream in) throws IOException {
    String length = head.headers().get("Content-Length");
    if ("chunked".equalsIgnoreCase(head.headers().get("Transfer-Encoding"))) {
      return chunked(in);
    }
    if (length != null) {
      long declared;
      try {
        declared = Long.parseLong(length.strip());
      } catch (NumberFormatException e) {
        return new byte[0];
      }
      return in.readNBytes((int) Math.min(Math.max(0, declared), MAX_ERROR_BODY));
    }
    try {
      return in.readNBytes(MAX_ERROR_BODY); // until the server closes
    } catch (SocketTimeoutException e) {
      return new byte[0];
    }
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (body.size() < MAX_ERROR_BODY) {
      String sizeLine = chunkLine(in);
      int semicolon = sizeLine.indexOf(';');
      int size;
      try {
        size = Integer.parseInt(
            (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).strip(), 16);
      } catch (NumberFormatException e) {
        break;
      }
      if (size <= 0) {
        break;
      }
      int wanted = Math.min(size, MAX_ERROR_BODY - body.size());
      body.write(in.readNBytes(wanted));
      if (wanted < size) {
        break;
      }
      chunkLine(in);
    }
    return body.toByteArray();
  }

  private static String chunkLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b >= 0 && b != '\n' && line.length() < 100; b = in.read()) {
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  private static String key() {
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    return Base64.getEncoder().encodeToString(nonce);
  }

  /** What the server must answer in {@code Sec-WebSocket-Accept} for {@code key}. */
  static String accept(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1")
          .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.ISO_8859_1));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JDK", e);
    }
  }

  private static String hostHeader(WebSocketRequest request) {
    int defaultPort = request.secure() ? 443 : 80;
    return request.port() == defaultPort
        ? authority(request.host(), -1) : authority(request.host(), request.port());
  }

  private static String authority(String host, int port) {
    String shown = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return port == -1 ? shown : shown + ":" + port;
  }

  private static String httpUrl(WebSocketRequest request) {
    return (request.secure() ? "https://" : "http://")
        + authority(request.host(), request.port()) + request.url().getRawPath()
        + (request.url().getRawQuery() == null ? "" : "?" + request.url().getRawQuery());
  }

  private static int millis(java.time.Duration limit) {
    return (int) Math.clamp(limit.toMillis(), 1, Integer.MAX_VALUE);
  }

  static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing left to release
    }
  }
}
