package io.github.flare4j.internal.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;
import okhttp3.Dns;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** flare4j's WebSocket client against a server that writes the frames a test needs, byte by byte. */
class WebSocketClientTest {
  static final int LIMIT = 1024 * 1024;
  static final Duration WAIT = Duration.ofSeconds(10);

  final BlockingQueue<Object> heard = new LinkedBlockingQueue<>();
  final CountDownLatch serverMayEnd = new CountDownLatch(1);
  WebSocketConnection connection;

  final WebSocketListener listener = new WebSocketListener() {
    @Override
    public void onText(String text) {
      heard.add(text);
    }

    @Override
    public void onClosed(int code, String reason) {
      heard.add(code + " " + reason);
    }

    @Override
    public void onFailure(IOException error) {
      heard.add(error);
    }
  };

  @AfterEach
  void release() {
    serverMayEnd.countDown();
    if (connection != null) {
      connection.cancel();
    }
  }

  WebSocketConnection connect(RawServer server) throws IOException {
    return WebSocketClient.connect(new WebSocketRequest(URI.create(server.url()),
        Headers.of("User-Agent", "test"), null, (SSLSocketFactory) SSLSocketFactory.getDefault(),
        Dns.SYSTEM, WAIT, WAIT, LIMIT, "test-socket"), listener);
  }

  Object next() throws InterruptedException {
    Object event = heard.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(event).as("an event within %s", WAIT).isNotNull();
    return event;
  }

  /** The header is enough to refuse it: the 50 MB are never read, or even sent. */
  @Test
  void frameAnnouncingFiftyMegabytesFailsFromItsHeaderAndClosesWith1009() throws Exception {
    try (RawServer server = new RawServer((raw, key) -> {
      raw.acceptUpgrade(key);
      long length = 50_000_000L;
      byte[] header = {(byte) 0x81, 127, 0, 0, 0, 0, (byte) (length >>> 24), (byte) (length >>> 16),
          (byte) (length >>> 8), (byte) length};
      raw.write(header);
      raw.write("{\"type\":".getBytes(StandardCharsets.UTF_8));
      RawServer.Frame close = raw.readFrame();
      assertThat(close.opcode()).isEqualTo(0x8);
      assertThat(close.closeCode()).isEqualTo(1009);
    })) {
      connection = connect(server);

      assertThat(next()).isInstanceOfSatisfying(MessageTooLargeException.class,
          tooLarge -> assertThat(tooLarge.limit()).isEqualTo(LIMIT));
      server.await();
    }
  }

  @Test
  void fragmentsMakeOneMessageAndAPingBetweenThemIsAnswered() throws Exception {
    try (RawServer server = new RawServer((raw, key) -> {
      raw.acceptUpgrade(key);
      raw.frame(false, 0x1, "Hel".getBytes(StandardCharsets.UTF_8));
      raw.frame(true, 0x9, "p1".getBytes(StandardCharsets.UTF_8));
      raw.frame(true, 0x0, "lo".getBytes(StandardCharsets.UTF_8));
      RawServer.Frame pong = raw.readFrame();
      assertThat(pong.opcode()).isEqualTo(0xA);
      assertThat(pong.text()).isEqualTo("p1");
      serverMayEnd.await(WAIT.toSeconds(), TimeUnit.SECONDS);
    })) {
      connection = connect(server);

      assertThat(next()).isEqualTo("Hello");
      serverMayEnd.countDown();
      server.await();
    }
  }

  @Test
  void textSentIsOneMaskedFrame() throws Exception {
    try (RawServer server = new RawServer((raw, key) -> {
      raw.acceptUpgrade(key);
      RawServer.Frame text = raw.readFrame();
      assertThat(text.opcode()).isEqualTo(0x1);
      assertThat(text.text()).isEqualTo("é".repeat(100));
    })) {
      connection = connect(server);

      assertThat(connection.send("é".repeat(100))).isTrue();
      server.await();
    }
  }

  @Test
  void serversCloseIsAnsweredAndReported() throws Exception {
    try (RawServer server = new RawServer((raw, key) -> {
      raw.acceptUpgrade(key);
      raw.frame(true, 0x8, new byte[] {0x03, (byte) 0xE9, 'b', 'y', 'e'});
      RawServer.Frame answer = raw.readFrame();
      assertThat(answer.opcode()).isEqualTo(0x8);
      assertThat(answer.closeCode()).isEqualTo(1001);
      assertThat(raw.clientClosed()).isTrue();
    })) {
      connection = connect(server);

      assertThat(next()).isEqualTo("1001 bye");
      server.await();
    }
  }

  @Test
  void closeSendsACloseFrameAndNothingIsReportedAfter() throws Exception {
    try (RawServer server = new RawServer((raw, key) -> {
      raw.acceptUpgrade(key);
      RawServer.Frame close = raw.readFrame();
      assertThat(close.closeCode()).isEqualTo(1000);
      raw.frame(true, 0x8, new byte[] {0x03, (byte) 0xE8});
      assertThat(raw.clientClosed()).isTrue();
    })) {
      connection = connect(server);

      connection.close(1000, null);
      server.await();
      assertThat(heard).isEmpty();
    }
  }

  @Test
  void wrongAcceptIsAProtocolError() throws Exception {
    try (RawServer server = new RawServer((raw, key) -> raw.write(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: " + WebSocketClient.accept("not-the-key") + "\r\n\r\n"))) {
      assertThatThrownBy(() -> connect(server))
          .isInstanceOf(WebSocketProtocolException.class)
          .hasMessageContaining("Sec-WebSocket-Accept");
    }
  }

  @Test
  void extensionNotOfferedIsAProtocolError() throws Exception {
    try (RawServer server = new RawServer((raw, key) -> raw.write(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: " + WebSocketClient.accept(key) + "\r\n"
            + "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n"))) {
      assertThatThrownBy(() -> connect(server))
          .isInstanceOf(WebSocketProtocolException.class)
          .hasMessageContaining("extension");
    }
  }

  /** Status, headers and a (chunked) body, as the typed errors need them: cf-mitigated, say. */
  @Test
  void refusedUpgradeKeepsStatusHeadersAndBody() throws Exception {
    try (RawServer server = new RawServer((raw, key) -> raw.write(
        "HTTP/1.1 403 Forbidden\r\ncf-mitigated: challenge\r\nContent-Type: text/html\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n7\r\n<title>\r\n1b\r\nJust a moment...</title>...\r\n0\r\n\r\n"))) {
      assertThatThrownBy(() -> connect(server))
          .isInstanceOfSatisfying(UpgradeRefusedException.class, refused -> {
            assertThat(refused.response().code()).isEqualTo(403);
            assertThat(refused.response().header("cf-mitigated")).isEqualTo("challenge");
            try {
              assertThat(refused.response().body().string())
                  .isEqualTo("<title>Just a moment...</title>...");
            } catch (IOException e) {
              throw new AssertionError(e);
            }
          });
    }
  }

  @Test
  void maskedServerFrameIsAProtocolError() throws Exception {
    try (RawServer server = new RawServer((raw, key) -> {
      raw.acceptUpgrade(key);
      raw.write(new byte[] {(byte) 0x81, (byte) 0x81, 1, 2, 3, 4, 'x'});
      serverMayEnd.await(WAIT.toSeconds(), TimeUnit.SECONDS);
    })) {
      connection = connect(server);

      assertThat(next()).isInstanceOf(WebSocketProtocolException.class);
    }
  }
}
