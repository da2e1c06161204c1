package io.github.flare4j.cloudflare;

import io.github.flare4j.ResponseInfo;
import io.github.flare4j.error.NetworkException;
import io.github.flare4j.error.RequestTimeoutException;
import io.github.flare4j.error.RequestTimeoutException.Phase;
import io.github.flare4j.error.StreamProtocolException;
import io.github.flare4j.http.ProxySpec;
import io.github.flare4j.http.Timeouts;
import io.github.flare4j.internal.http.Deadline;
import io.github.flare4j.internal.http.StatusErrors;
import io.github.flare4j.internal.stream.LineReader;
import io.github.flare4j.internal.ws.MessageTooLargeException;
import io.github.flare4j.internal.ws.UpgradeRefusedException;
import io.github.flare4j.internal.ws.WebSocketClient;
import io.github.flare4j.internal.ws.WebSocketConnection;
import io.github.flare4j.internal.ws.WebSocketListener;
import io.github.flare4j.internal.ws.WebSocketProtocolException;
import io.github.flare4j.internal.ws.WebSocketRequest;
import io.github.flare4j.spi.SessionArgs;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;
import okhttp3.Headers;
import okhttp3.OkHttpClient;

/**
 * The Agents socket opened by flare4j's own WebSocket client ({@link WebSocketClient}), with the
 * args' headers (user agent, origin) and cookies, so that the service sees the browser whose
 * clearance cookie we carry; through the call's proxy (else the OkHttp client's), with the TLS
 * settings and DNS of the provider's OkHttp client.
 *
 * <p>A message is at most {@value #MAX_MESSAGE} bytes, the bound of a line of an HTTP stream: a
 * longer one fails the reply with a {@link StreamProtocolException} as soon as its first frame
 * header arrives, without being read.
 */
final class DirectAgentSocket implements AgentSocket {
  /** The longest message accepted from the server. */
  static final int MAX_MESSAGE = LineReader.MAX_LINE;

  private static final int NORMAL_CLOSURE = 1000;

  private final WebSocketConnection socket;
  private final ResponseInfo handshake;

  private DirectAgentSocket(WebSocketConnection socket, ResponseInfo handshake) {
    this.socket = socket;
    this.handshake = handshake;
  }

  /**
   * Opens the socket, waiting for the upgrade's answer at most the connect and first-byte limits
   * and never past the deadline; frames then reach {@code events}.
   *
   * @throws io.github.flare4j.error.ResponseStatusException when the upgrade is refused (a
   *     {@link io.github.flare4j.error.CloudflareChallengeException} for a challenge page)
   * @throws NetworkException when it cannot connect or is not answered in time
   */
  static DirectAgentSocket open(OkHttpClient client, ProxySpec proxy, String url, SessionArgs args,
      Timeouts timeouts, Deadline deadline, SocketEvents events, String endpoint,
      String challengeAdvice) {
    Duration limit = deadline.cap(timeouts.connect().plus(timeouts.firstByte()));
    Headers headers = PlaygroundRequests.headers(args);
    URI uri = URI.create(url);
    WebSocketRequest request = new WebSocketRequest(uri, headers,
        proxy != null ? proxy : clientsProxy(client, uri), tls(client), client.dns(),
        deadline.cap(timeouts.connect()), limit, MAX_MESSAGE, "flare4j-agents-socket");
    WebSocketConnection connection;
    try {
      connection = WebSocketClient.connect(request, listener(events, endpoint));
    } catch (UpgradeRefusedException refused) {
      throw StatusErrors.of(refused.response(), "GET " + endpoint, challengeAdvice,
          StatusErrors.SESSION_ADVICE);
    } catch (InterruptedIOException late) {
      throw new RequestTimeoutException(Phase.FIRST_BYTE, limit, endpoint, late);
    } catch (IOException e) {
      throw new NetworkException(endpoint + " could not be opened: " + describe(e), e);
    }
    Map<String, String> shown = new LinkedHashMap<>();
    Headers answered = connection.handshakeHeaders();
    for (String name : answered.names()) {
      shown.put(name, answered.get(name));
    }
    return new DirectAgentSocket(connection, new ResponseInfo(101, shown));
  }

  /**
   * The proxy the OkHttp client would use for the socket's URL when the call names none: its own
   * {@code proxy}, else what its proxy selector (by default the JDK's, which reads
   * {@code https.proxyHost} and {@code socksProxyHost}) chooses; null for a direct connection.
   */
  private static ProxySpec clientsProxy(OkHttpClient client, URI socket) {
    Proxy chosen = client.proxy();
    if (chosen == null) {
      List<Proxy> selected = List.of();
      try {
        selected = client.proxySelector().select(URI.create(
            ("wss".equalsIgnoreCase(socket.getScheme()) ? "https" : "http") + "://"
                + socket.getRawAuthority() + "/"));
      } catch (RuntimeException e) {
        // a selector that cannot choose: connect directly, as OkHttp would
      }
      chosen = selected == null || selected.isEmpty() ? Proxy.NO_PROXY : selected.getFirst();
    }
    if (chosen.type() == Proxy.Type.DIRECT
        || !(chosen.address() instanceof InetSocketAddress address)) {
      return null;
    }
    return new ProxySpec(chosen.type() == Proxy.Type.SOCKS
        ? ProxySpec.Type.SOCKS5 : ProxySpec.Type.HTTP, address.getHostString(), address.getPort(),
        null, null);
  }

  /** The client's TLS sockets; the JDK's for a client made for cleartext only. */
  private static SSLSocketFactory tls(OkHttpClient client) {
    try {
      return client.sslSocketFactory();
    } catch (IllegalStateException cleartextOnly) {
      return (SSLSocketFactory) SSLSocketFactory.getDefault();
    }
  }

  /** What the connection reports, as the events the reply is read from. */
  private static WebSocketListener listener(SocketEvents events, String endpoint) {
    return new WebSocketListener() {
      @Override
      public void onText(String text) {
        events.onText(text);
      }

      @Override
      public void onPing() {
        events.alive();
      }

      @Override
      public void onClosed(int code, String reason) {
        events.onClosed(code, reason);
      }

      @Override
      public void onFailure(IOException error) {
        events.failed(switch (error) {
          case MessageTooLargeException tooLarge -> new StreamProtocolException(endpoint
              + " sent a message over the limit of " + tooLarge.limit() + " bytes (1 MiB): "
              + "this is not a reply flare4j can read", error);
          case WebSocketProtocolException broken -> new StreamProtocolException(
              endpoint + " broke the WebSocket protocol: " + broken.getMessage(), error);
          default -> new NetworkException(endpoint + " broke off: " + describe(error), error);
        });
      }
    };
  }

  private static String describe(IOException error) {
    return io.github.flare4j.internal.http.IoFailures.describe(error);
  }

  @Override
  public ResponseInfo handshake() {
    return handshake;
  }

  @Override
  public boolean send(String text) {
    FrameLog.sent(text);
    return socket.send(text);
  }

  /**
   * Starts the closing handshake after what was sent (a cancel, say): frames are written before
   * {@code send} returns, so none is lost when the process exits right after. Never waits more than
   * half a second.
   */
  @Override
  public void close() {
    socket.close(NORMAL_CLOSURE, null);
  }
}
