package io.github.flare4j.emulator.proxy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One client connection to the HTTP proxy. It serves one request, then the connection closes:
 *
 * <ul>
 *   <li>{@code CONNECT host:port}: answers {@code 200 Connection established} and tunnels bytes.</li>
 *   <li>An absolute-form request ({@code GET http://host:port/path HTTP/1.1}): sends it to the
 *       origin in origin form with {@code Connection: close} and without the proxy's own headers,
 *       then relays the answer.</li>
 *   <li>With credentials, a request without the right {@code Proxy-Authorization: Basic ...} gets
 *       {@code 407} with {@code Proxy-Authenticate: Basic realm="flare4j-test"}.</li>
 * </ul>
 */
final class HttpProxyConnection implements Runnable {

    static final String REALM = "flare4j-test";

    private static final List<String> HOP_BY_HOP =
            List.of("Proxy-Authorization", "Proxy-Connection", "Connection", "Keep-Alive");
    private static final int LINGER_MILLIS = 2_000;

    private final Socket client;
    private final ProxyCredentials credentials;
    private final ProxyLog log;
    private final ProxyResources resources;

    HttpProxyConnection(Socket client, ProxyCredentials credentials, ProxyLog log, ProxyResources resources) {
        this.client = client;
        this.credentials = credentials;
        this.log = log;
        this.resources = resources;
    }

    @Override
    public void run() {
        try {
            InputStream in = new BufferedInputStream(client.getInputStream());
            HttpHead head = HttpHead.read(in);
            if (head == null) {
                return;
            }
            if (credentials != null && !credentials.acceptsBasic(head.header("Proxy-Authorization"))) {
                log.authFailed();
                refuse("407 Proxy Authentication Required",
                        "Proxy-Authenticate: Basic realm=\"" + REALM + "\"\r\n", in);
                return;
            }
            if (head.method().equalsIgnoreCase("CONNECT")) {
                tunnel(head, in);
            } else {
                forward(head, in);
            }
        } catch (IOException e) {
            // the client went away or sent garbage: nothing to answer
        } finally {
            resources.release(client);
        }
    }

    private void tunnel(HttpHead head, InputStream in) throws IOException {
        log.handled(head.target());
        int colon = head.target().lastIndexOf(':');
        if (colon <= 0) {
            refuse("400 Bad Request", "", in);
            return;
        }
        String host = head.target().substring(0, colon).replace("[", "").replace("]", "");
        int port;
        try {
            port = Integer.parseInt(head.target().substring(colon + 1));
        } catch (NumberFormatException e) {
            refuse("400 Bad Request", "", in);
            return;
        }
        Socket target = open(host, port, in);
        if (target != null) {
            write("HTTP/1.1 200 Connection established\r\n\r\n");
            Relay.run(client, in, target, resources);
        }
    }

    private void forward(HttpHead head, InputStream in) throws IOException {
        URI uri;
        try {
            uri = new URI(head.target());
        } catch (URISyntaxException e) {
            refuse("400 Bad Request", "", in);
            return;
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            refuse("400 Bad Request", "", in);
            return;
        }
        log.handled(head.target());
        Socket target = open(uri.getHost().replace("[", "").replace("]", ""), uri.getPort() == -1 ? 80 : uri.getPort(), in);
        if (target == null) {
            return;
        }
        StringBuilder request = new StringBuilder()
                .append(head.method()).append(' ').append(originForm(uri)).append(' ').append(head.version()).append("\r\n");
        head.headersWithout(HOP_BY_HOP).forEach(line -> request.append(line).append("\r\n"));
        request.append("Connection: close\r\n\r\n");
        OutputStream targetOut = target.getOutputStream();
        targetOut.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        targetOut.flush();
        Relay.run(client, in, target, resources);
    }

    /** Connects to the target, or answers the client with why not and returns null. */
    private Socket open(String host, int port, InputStream in) throws IOException {
        try {
            return resources.track(LoopbackTargets.connect(host, port));
        } catch (LoopbackTargets.RefusedTargetException e) {
            refuse("403 Forbidden", "", in);
        } catch (IOException e) {
            refuse("502 Bad Gateway", "", in);
        }
        return null;
    }

    private static String originForm(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /**
     * Answers with an empty-bodied error and closes gracefully: the output is shut first and what
     * the client still sends is read away, so the client is not reset before it reads the answer.
     */
    private void refuse(String status, String extraHeaders, InputStream in) throws IOException {
        write("HTTP/1.1 " + status + "\r\n" + extraHeaders + "Content-Length: 0\r\nConnection: close\r\n\r\n");
        client.shutdownOutput();
        client.setSoTimeout(LINGER_MILLIS);
        try {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (SocketTimeoutException e) {
            // the client keeps the connection open: close it anyway
        }
    }

    private void write(String text) throws IOException {
        OutputStream out = client.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
