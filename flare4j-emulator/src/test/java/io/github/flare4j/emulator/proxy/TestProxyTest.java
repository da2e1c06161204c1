package io.github.flare4j.emulator.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.emulator.Emulator;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real requests to an emulator, relayed by the test proxies. */
class TestProxyTest {

    private final Emulator emulator = Emulator.start();

    @AfterEach
    void close() {
        emulator.close();
    }

    @Test
    void httpProxyForwardsAbsoluteFormRequests() throws Exception {
        try (TestProxy proxy = TestProxy.http();
                HttpClient client = HttpClient.newBuilder()
                        .proxy(ProxySelector.of(new InetSocketAddress(proxy.host(), proxy.port()))).build()) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/api/models?x=1")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("{\"models\":[");
            assertThat(proxy.seen()).containsExactly(emulator.baseUrl() + "/api/models?x=1");
            assertThat(proxy.url()).isEqualTo("http://127.0.0.1:" + proxy.port());
            assertThat(emulator.takeRequest().path()).isEqualTo("/api/models?x=1");
            assertThat(emulator.requests().getFirst().header("Connection")).isEqualTo("close");
        }
    }

    @Test
    void httpProxyWantsCredentials() throws Exception {
        try (TestProxy proxy = TestProxy.http("user", "pa ss")) {
            String request = "GET " + emulator.baseUrl() + "/api/models HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

            String refused = exchange(proxy.port(), request);
            String wrong = exchange(proxy.port(), request.replace("\r\n\r\n",
                    "\r\nProxy-Authorization: Basic " + basic("user", "nope") + "\r\n\r\n"));
            String accepted = exchange(proxy.port(), request.replace("\r\n\r\n",
                    "\r\nProxy-Authorization: Basic " + basic("user", "pa ss") + "\r\n\r\n"));

            assertThat(refused).startsWith("HTTP/1.1 407 Proxy Authentication Required\r\n")
                    .contains("Proxy-Authenticate: Basic realm=\"flare4j-test\"\r\n");
            assertThat(wrong).startsWith("HTTP/1.1 407 ");
            assertThat(accepted).startsWith("HTTP/1.1 200 OK\r\n").contains("{\"models\":[");
            assertThat(proxy.authFailures()).isEqualTo(2);
            assertThat(proxy.seen()).hasSize(1);
            assertThat(proxy.url()).isEqualTo("http://user:pa%20ss@127.0.0.1:" + proxy.port());
            assertThat(emulator.takeRequest().header("Proxy-Authorization")).isNull();
        }
    }

    @Test
    void httpClientAuthenticatesAfterA407() throws Exception {
        try (TestProxy proxy = TestProxy.http("user", "secret");
                HttpClient client = HttpClient.newBuilder()
                        .proxy(ProxySelector.of(new InetSocketAddress(proxy.host(), proxy.port())))
                        .authenticator(new Authenticator() {
                            @Override
                            protected PasswordAuthentication getPasswordAuthentication() {
                                return new PasswordAuthentication("user", "secret".toCharArray());
                            }
                        }).build()) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/api/models")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(proxy.authFailures()).isEqualTo(1);
            assertThat(proxy.seen()).containsExactly(emulator.baseUrl() + "/api/models");
        }
    }

    @Test
    void httpProxyTunnelsConnect() throws Exception {
        try (TestProxy proxy = TestProxy.http(); Socket socket = new Socket(proxy.host(), proxy.port())) {
            socket.setSoTimeout(5_000);
            String target = "127.0.0.1:" + emulator.port();
            write(socket, "CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n");
            assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 200 Connection established");

            write(socket, "GET /api/models HTTP/1.1\r\nHost: " + target + "\r\nConnection: close\r\n\r\n");
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(response).startsWith("HTTP/1.1 200 OK").contains("{\"models\":[");
            assertThat(proxy.seen()).containsExactly(target);
        }
    }

    @Test
    void socks5WithoutAuthenticationWorksWithJavaSockets() throws Exception {
        try (TestProxy proxy = TestProxy.socks5(); Socket socket = new Socket(proxy.javaProxy())) {
            socket.setSoTimeout(5_000);
            socket.connect(new InetSocketAddress("127.0.0.1", emulator.port()));

            write(socket, "GET /api/models HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(response).startsWith("HTTP/1.1 200 OK");
            assertThat(proxy.seen()).containsExactly("127.0.0.1:" + emulator.port());
            assertThat(proxy.url()).isEqualTo("socks5://127.0.0.1:" + proxy.port());
        }
    }

    @Test
    void socks5WithUsernameAndPasswordRelaysToADomainName() throws Exception {
        try (TestProxy proxy = TestProxy.socks5("user", "secret"); Socket socket = new Socket(proxy.host(), proxy.port())) {
            socket.setSoTimeout(5_000);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();

            out.write(new byte[] {5, 2, 0, 2});
            assertThat(in.readNBytes(2)).containsExactly(5, 2);
            out.write(usernamePassword("user", "secret"));
            assertThat(in.readNBytes(2)).containsExactly(1, 0);
            byte[] host = "localhost".getBytes(StandardCharsets.US_ASCII);
            out.write(new byte[] {5, 1, 0, 3, (byte) host.length});
            out.write(host);
            out.write(new byte[] {(byte) (emulator.port() >> 8), (byte) emulator.port()});
            byte[] reply = in.readNBytes(4);
            assertThat(reply[1]).isZero();
            in.readNBytes(reply[3] == 1 ? 6 : 18);

            write(socket, "GET /api/models HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);

            assertThat(response).startsWith("HTTP/1.1 200 OK").contains("{\"models\":[");
            assertThat(proxy.seen()).containsExactly("localhost:" + emulator.port());
            assertThat(proxy.url()).isEqualTo("socks5://user:secret@127.0.0.1:" + proxy.port());
        }
    }

    @Test
    void socks5RefusesWrongCredentialsAndMissingMethod() throws Exception {
        try (TestProxy proxy = TestProxy.socks5("user", "secret")) {
            try (Socket socket = new Socket(proxy.host(), proxy.port())) {
                socket.setSoTimeout(5_000);
                socket.getOutputStream().write(new byte[] {5, 1, 0});
                assertThat(socket.getInputStream().readNBytes(2)).containsExactly(5, 0xFF);
            }
            try (Socket socket = new Socket(proxy.host(), proxy.port())) {
                socket.setSoTimeout(5_000);
                socket.getOutputStream().write(new byte[] {5, 1, 2});
                assertThat(socket.getInputStream().readNBytes(2)).containsExactly(5, 2);
                socket.getOutputStream().write(usernamePassword("user", "wrong"));
                assertThat(socket.getInputStream().readNBytes(2)).containsExactly(1, 1);
            }
            assertThat(proxy.authFailures()).isEqualTo(2);
            assertThat(proxy.seen()).isEmpty();
        }
    }

    @Test
    void socks5ReadsIpv6Addresses() throws Exception {
        try (TestProxy proxy = TestProxy.socks5(); Socket socket = new Socket(proxy.host(), proxy.port())) {
            socket.setSoTimeout(5_000);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {5, 1, 0});
            assertThat(in.readNBytes(2)).containsExactly(5, 0);
            byte[] loopback = new byte[16];
            loopback[15] = 1;
            out.write(new byte[] {5, 1, 0, 4});
            out.write(loopback);
            out.write(new byte[] {(byte) (emulator.port() >> 8), (byte) emulator.port()});

            assertThat(in.readUnsignedByte()).isEqualTo(5);
            assertThat(proxy.seen()).containsExactly("[0:0:0:0:0:0:0:1]:" + emulator.port());
        }
    }

    @Test
    void onlyLoopbackTargetsAreAllowed() throws Exception {
        assertThat(LoopbackTargets.requireLoopback("127.0.0.1", 1).isLoopbackAddress()).isTrue();
        assertThat(LoopbackTargets.requireLoopback("::1", 1).isLoopbackAddress()).isTrue();
        assertThatThrownBy(() -> LoopbackTargets.requireLoopback("192.0.2.1", 80))
                .isInstanceOf(LoopbackTargets.RefusedTargetException.class);
    }

    @Test
    void closeEndsOpenTunnelsAndStopsListening() throws Exception {
        TestProxy proxy = TestProxy.http();
        try (Socket socket = new Socket(proxy.host(), proxy.port())) {
            socket.setSoTimeout(5_000);
            String target = "127.0.0.1:" + emulator.port();
            write(socket, "CONNECT " + target + " HTTP/1.1\r\n\r\n");
            readHead(socket.getInputStream());

            proxy.close();

            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
        assertThatThrownBy(() -> new Socket(proxy.host(), proxy.port()).close()).isInstanceOf(ConnectException.class);
    }

    private static String exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            write(socket, request);
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void write(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b == -1) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String basic(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] usernamePassword(String user, String password) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.write(1);
        message.write(user.length());
        message.writeBytes(user.getBytes(StandardCharsets.UTF_8));
        message.write(password.length());
        message.writeBytes(password.getBytes(StandardCharsets.UTF_8));
        return message.toByteArray();
    }
}
