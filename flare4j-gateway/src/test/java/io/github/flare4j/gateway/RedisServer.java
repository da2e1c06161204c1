package io.github.flare4j.gateway;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} for a test, on a free loopback port, keeping nothing on disk.
 * Skipped (an assumption) when {@code redis-server} is not installed, unless {@code CI=true},
 * where that fails instead.
 */
final class RedisServer implements AutoCloseable {
  private final Process process;
  private final int port;

  private RedisServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static RedisServer start() throws Exception {
    Path binary = find();
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    Process process = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port),
        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
        .redirectErrorStream(true).start();
    CountDownLatch ready = new CountDownLatch(1);
    StringBuilder output = new StringBuilder();
    Thread.ofVirtual().start(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(
          process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          synchronized (output) {
            output.append(line).append('\n');
          }
          if (line.contains("Ready to accept connections")) {
            ready.countDown();
          }
        }
      } catch (IOException e) {
        // the server stopped
      }
    });
    RedisServer server = new RedisServer(process, port);
    if (!ready.await(20, TimeUnit.SECONDS)) {
      server.close();
      synchronized (output) {
        fail("redis-server did not get ready on port " + port + ":\n" + output);
      }
    }
    for (int attempt = 1; ; attempt++) {
      try {
        if (server.ping()) {
          return server;
        }
      } catch (IOException e) {
        if (attempt == 50) {
          server.close();
          throw e;
        }
      }
    }
  }

  private static Path find() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "redis-server");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    String why = "redis-server is not installed (Debian: apt-get install redis-server)";
    if ("true".equals(System.getenv("CI"))) {
      fail(why + "; CI must run the Redis tests");
    }
    Assumptions.abort(why);
    throw new AssertionError("unreachable");
  }

  /** Whether it answers PING with PONG. */
  boolean ping() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] answer = new byte[7];
      int read = socket.getInputStream().readNBytes(answer, 0, 7);
      return new String(answer, 0, read, StandardCharsets.US_ASCII).equals("+PONG\r\n");
    }
  }

  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** Stops the server and waits until it is gone. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted stopping redis-server"));
    }
  }
}
