package io.github.flare4j.internal.ws;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A one-connection WebSocket server on loopback that writes frames byte by byte as a test says,
 * for what no well-behaved server (the emulator's Jetty) can be made to do: a frame header that
 * announces 50 MB, a wrong {@code Sec-WebSocket-Accept}, control frames between fragments.
 */
final class RawServer implements AutoCloseable {
  /** What the server does once the client's request head has been read. */
  interface Script {
    void run(RawServer server, String key) throws Exception;
  }

  private final ServerSocket listening;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  RawServer(Script script) throws IOException {
    listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(() -> {
      try (Socket accepted = listening.accept()) {
        socket = accepted;
        in = new BufferedInputStream(accepted.getInputStream());
        out = accepted.getOutputStream();
        String head = readHead();
        String key = head.lines().filter(line -> line.startsWith("Sec-WebSocket-Key: "))
            .map(line -> line.substring(19)).findFirst().orElse("");
        script.run(this, key);
        done.complete(null);
      } catch (Throwable e) {
        done.completeExceptionally(e);
      }
    });
  }

  String url() {
    return "ws://127.0.0.1:" + listening.getLocalPort() + "/socket";
  }

  /** Waits for the script; rethrows what failed in it. */
  void await() throws Exception {
    done.get(30, TimeUnit.SECONDS);
  }

  void write(String text) throws IOException {
    write(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  void write(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  void acceptUpgrade(String key) throws IOException {
    write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Accept: " + WebSocketClient.accept(key) + "\r\n\r\n");
  }

  /** An unmasked server frame. */
  void frame(boolean fin, int opcode, byte[] payload) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write((fin ? 0x80 : 0) | opcode);
    if (payload.length <= 125) {
      frame.write(payload.length);
    } else {
      frame.write(126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length & 0xFF);
    }
    frame.write(payload);
    write(frame.toByteArray());
  }

  /** A client frame: opcode and unmasked payload; fails when it is not masked. */
  Frame readFrame() throws IOException {
    int first = in.read();
    int second = in.read();
    if (first < 0 || second < 0) {
      throw new IOException("the client closed the connection");
    }
    if ((second & 0x80) == 0) {
      throw new IOException("the client sent an unmasked frame");
    }
    int length = second & 0x7F;
    if (length == 126) {
      length = (in.read() << 8) | in.read();
    } else if (length == 127) {
      throw new IOException("unexpectedly long client frame");
    }
    byte[] mask = in.readNBytes(4);
    byte[] payload = in.readNBytes(length);
    for (int i = 0; i < payload.length; i++) {
      payload[i] ^= mask[i & 3];
    }
    return new Frame(first & 0x0F, payload);
  }

  /** Reads until the client closes the connection; true when it did. */
  boolean clientClosed() throws IOException {
    return in.read() < 0;
  }

  /** One client frame. */
  record Frame(int opcode, byte[] payload) {
    int closeCode() {
      return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
    }

    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return opcode + ":" + Arrays.toString(payload);
    }
  }

  private String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the client went away during the request head");
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    listening.close();
    if (socket != null) {
      socket.close();
    }
  }
}
