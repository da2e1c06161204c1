package io.github.flare4j.emulator.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A proxy on {@code 127.0.0.1} and a free port, for proving that a client goes through a proxy:
 * an HTTP forward proxy ({@link #http()}) or a SOCKS5 proxy ({@link #socks5()}), each optionally
 * requiring a user name and password. It records every target it handles.
 *
 * <pre>{@code
 * try (Emulator emulator = Emulator.start(); TestProxy proxy = TestProxy.http("user", "secret")) {
 *     // ... configure the client with proxy.url() and call emulator.baseUrl() ...
 *     assertThat(proxy.seen()).contains(emulator.baseUrl() + "/api/models");
 * }
 * }</pre>
 *
 * <p>The HTTP proxy forwards absolute-form requests ({@code GET http://host:port/path}) and tunnels
 * {@code CONNECT host:port}, one request per connection; without the right
 * {@code Proxy-Authorization: Basic} it answers {@code 407} with
 * {@code Proxy-Authenticate: Basic realm="flare4j-test"} and closes the connection. The SOCKS5
 * proxy speaks RFC 1928 with no authentication or RFC 1929 username/password, {@code CONNECT} only,
 * to IPv4, domain-name and IPv6 targets.
 *
 * <p>Targets must be loopback addresses: anything else is refused (HTTP {@code 403}, SOCKS reply 2)
 * after being recorded. Connections are served on virtual threads; {@link #close()} closes every
 * connection and waits for those threads.
 */
public final class TestProxy implements AutoCloseable {

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private enum Protocol { HTTP, SOCKS5 }

    private final Protocol protocol;
    private final ProxyCredentials credentials;
    private final ProxyLog log = new ProxyLog();
    private final ProxyResources resources = new ProxyResources();
    private final ServerSocket serverSocket;

    private TestProxy(Protocol protocol, ProxyCredentials credentials) {
        this.protocol = protocol;
        this.credentials = credentials;
        try {
            this.serverSocket = resources.track(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException("the test proxy could not listen", e);
        }
        resources.start("flare4j-proxy-acceptor", this::accept);
    }

    /**
     * Starts an HTTP proxy that requires no authentication.
     *
     * @return the running proxy
     */
    public static TestProxy http() {
        return new TestProxy(Protocol.HTTP, null);
    }

    /**
     * Starts an HTTP proxy that requires {@code Proxy-Authorization: Basic} with these credentials.
     *
     * @param user     the user name
     * @param password the password
     * @return the running proxy
     */
    public static TestProxy http(String user, String password) {
        return new TestProxy(Protocol.HTTP, new ProxyCredentials(user, password));
    }

    /**
     * Starts a SOCKS5 proxy that requires no authentication.
     *
     * @return the running proxy
     */
    public static TestProxy socks5() {
        return new TestProxy(Protocol.SOCKS5, null);
    }

    /**
     * Starts a SOCKS5 proxy that requires RFC 1929 username/password authentication.
     *
     * @param user     the user name
     * @param password the password
     * @return the running proxy
     */
    public static TestProxy socks5(String user, String password) {
        return new TestProxy(Protocol.SOCKS5, new ProxyCredentials(user, password));
    }

    /**
     * The port listened on.
     *
     * @return the port
     */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /**
     * The address listened on.
     *
     * @return {@code 127.0.0.1}
     */
    public String host() {
        return serverSocket.getInetAddress().getHostAddress();
    }

    /**
     * The proxy as a URL, with its credentials if it has any (percent-encoded).
     *
     * @return e.g. {@code http://user:pass@127.0.0.1:40123} or {@code socks5://127.0.0.1:40124}
     */
    public String url() {
        String scheme = protocol == Protocol.HTTP ? "http" : "socks5";
        String userInfo = credentials == null ? "" : encode(credentials.user()) + ":" + encode(credentials.password()) + "@";
        return scheme + "://" + userInfo + host() + ":" + port();
    }

    /**
     * The proxy for {@code java.net} and clients that take a {@link Proxy}. Credentials must be
     * given to the client separately.
     *
     * @return a {@link Proxy.Type#HTTP} or {@link Proxy.Type#SOCKS} proxy at this address
     */
    public Proxy javaProxy() {
        Proxy.Type type = protocol == Protocol.HTTP ? Proxy.Type.HTTP : Proxy.Type.SOCKS;
        return new Proxy(type, new InetSocketAddress(serverSocket.getInetAddress(), port()));
    }

    /**
     * The targets handled so far, after authentication: for HTTP forwarding the absolute URL of
     * the request, for {@code CONNECT} and SOCKS5 {@code host:port} (an IPv6 host in brackets).
     *
     * @return the targets, oldest first
     */
    public List<String> seen() {
        return log.targets();
    }

    /**
     * How many connections failed authentication: HTTP requests without the right
     * {@code Proxy-Authorization}, SOCKS5 greetings without the username/password method, and
     * wrong SOCKS5 credentials.
     *
     * @return the count
     */
    public int authFailures() {
        return log.authFailures();
    }

    /** Stops listening, closes every connection and waits (a few seconds at most) for its threads. Never throws. */
    @Override
    public void close() {
        resources.close(CLOSE_WAIT);
    }

    private void accept() {
        while (!serverSocket.isClosed()) {
            Socket client;
            try {
                client = resources.track(serverSocket.accept());
            } catch (IOException e) {
                return; // closed
            }
            Runnable connection = protocol == Protocol.HTTP
                    ? new HttpProxyConnection(client, credentials, log, resources)
                    : new Socks5Connection(client, credentials, log, resources);
            resources.start("flare4j-proxy-connection", connection);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
