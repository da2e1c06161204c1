package io.github.flare4j.cloudflare;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS in front of a plain server on loopback, for tests of {@code https://} and {@code wss://}:
 * a certificate made for the test by the JDK's {@code keytool} (for the names given), and a
 * relay of the bytes of each connection to the server. {@link #trustManager()} trusts that
 * certificate only.
 */
final class TlsFront implements AutoCloseable {
  private static final String PASSWORD = "test-only";

  private final SSLContext context;
  private final X509TrustManager trust;
  private final ServerSocket server;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  /**
   * @param dir where the key store is written
   * @param subjectAlternativeNames e.g. {@code dns:localhost,ip:127.0.0.1}
   * @param targetPort the plain server's port on 127.0.0.1
   */
  TlsFront(Path dir, String subjectAlternativeNames, int targetPort) throws Exception {
    Path store = dir.resolve("front.p12");
    Path keytool = Path.of(ProcessHandle.current().info().command().orElseThrow())
        .resolveSibling("keytool");
    Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair",
            "-alias", "front", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=flare4j test",
            "-ext", "SAN=" + subjectAlternativeNames, "-validity", "2", "-storetype", "PKCS12",
            "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
        .redirectErrorStream(true)
        .start();
    process.getInputStream().transferTo(OutputStream.nullOutputStream());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || !Files.exists(store)) {
      throw new IllegalStateException("keytool could not make a certificate");
    }
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(
        KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, PASSWORD.toCharArray());
    TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(
        TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(keys);
    trust = (X509TrustManager) trustManagers.getTrustManagers()[0];
    SSLContext serverContext = SSLContext.getInstance("TLS");
    serverContext.init(keyManagers.getKeyManagers(), null, null);
    context = SSLContext.getInstance("TLS");
    context.init(null, trustManagers.getTrustManagers(), null);
    server = serverContext.getServerSocketFactory()
        .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    ((SSLServerSocket) server).setNeedClientAuth(false);
    Thread.ofVirtual().name("tls-front-acceptor").start(() -> accept(targetPort));
  }

  int port() {
    return server.getLocalPort();
  }

  /** Trusts the front's certificate and nothing else. */
  X509TrustManager trustManager() {
    return trust;
  }

  /** Client sockets that trust the front. */
  javax.net.ssl.SSLSocketFactory socketFactory() {
    return context.getSocketFactory();
  }

  private void accept(int targetPort) {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        open.add(client);
        Thread.ofVirtual().start(() -> relay(client, targetPort));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void relay(Socket client, int targetPort) {
    try (Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
      open.add(target);
      Thread back = Thread.ofVirtual().start(() -> copy(target, client));
      copy(client, target);
      back.join();
    } catch (IOException | InterruptedException e) {
      // a side went away
    } finally {
      closeQuietly(client);
    }
  }

  private static void copy(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
    } catch (IOException e) {
      // the connection ended
    } finally {
      closeQuietly(to);
      closeQuietly(from);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    open.forEach(TlsFront::closeQuietly);
  }
}
