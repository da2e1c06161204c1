package io.github.flare4j.cloudflare;

import static io.github.flare4j.cloudflare.CloudflareAgentsTest.GREETING;
import static io.github.flare4j.cloudflare.PlaygroundFixture.TEST_TIMEOUTS;
import static io.github.flare4j.cloudflare.PlaygroundFixture.hello;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.CallOptions;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.RecordedRequest;
import io.github.flare4j.emulator.proxy.TestProxy;
import io.github.flare4j.error.NetworkException;
import io.github.flare4j.error.ResponseStatusException;
import java.nio.file.Path;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Agents socket through every proxy flare4j speaks, and over TLS: flare4j's own WebSocket
 * client connects the way OkHttp's did (an HTTP proxy's {@code CONNECT} with Basic credentials,
 * SOCKS5 with a password, the host name checked against the certificate).
 */
class AgentsSocketProxyTest {
  @TempDir Path dir;
  Emulator emulator;

  @BeforeEach
  void start() {
    emulator = Emulator.start();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  Cloudflare provider() {
    return Cloudflare.builder()
        .baseUrl(emulator.baseUrl())
        .cacheDirectory(dir.resolve("cache"))
        .timeouts(TEST_TIMEOUTS)
        .transport(Transport.AGENTS)
        .build();
  }

  @Test
  void httpProxyWithCredentialsTunnelsTheSocket() {
    try (TestProxy proxy = TestProxy.http("alice", "p@ss:word")) {
      assertThat(provider().complete(hello(), through(proxy.url())).text())
          .isEqualTo(GREETING);

      assertThat(proxy.seen()).containsExactly("127.0.0.1:" + emulator.port());
      assertThat(emulator.takeRequest().header("Upgrade")).isEqualToIgnoringCase("websocket");
    }
  }

  @Test
  void wrongHttpProxyPasswordIsThe407WithoutThePassword() {
    try (TestProxy proxy = TestProxy.http("alice", "right")) {
      assertThatThrownBy(() -> provider().complete(hello(),
              through(proxy.url().replace("right", "wrong"))))
          .isInstanceOf(ResponseStatusException.class)
          .hasMessageContaining("407")
          .hasMessageNotContaining("wrong");
    }
  }

  @Test
  void socks5ProxyWithAPasswordCarriesTheSocket() {
    try (TestProxy proxy = TestProxy.socks5("bob", "secret")) {
      assertThat(provider().complete(hello(), through(proxy.url())).text())
          .isEqualTo(GREETING);

      assertThat(proxy.seen()).containsExactly("127.0.0.1:" + emulator.port());
      assertThat(proxy.authFailures()).isZero();
    }
  }

  /** As OkHttp's WebSocket did: the shared client's own proxy when the call names none. */
  @Test
  void proxyOfTheProvidersOkHttpClientCarriesTheSocketWhenTheCallNamesNone() {
    try (TestProxy proxy = TestProxy.socks5()) {
      Cloudflare proxied = Cloudflare.builder()
          .baseUrl(emulator.baseUrl())
          .httpClient(new OkHttpClient.Builder().proxy(proxy.javaProxy()).build())
          .cacheDirectory(dir.resolve("cache"))
          .timeouts(TEST_TIMEOUTS)
          .transport(Transport.AGENTS)
          .build();

      assertThat(proxied.complete(hello()).text()).isEqualTo(GREETING);
      assertThat(proxy.seen()).containsExactly("127.0.0.1:" + emulator.port());
    }
  }

  @Test
  void socketOverTlsChecksTheCertificateAndItsName() throws Exception {
    try (TlsFront front = new TlsFront(dir, "ip:127.0.0.1", emulator.port())) {
      OkHttpClient trusting = new OkHttpClient.Builder()
          .sslSocketFactory(front.socketFactory(), front.trustManager())
          .build();
      Cloudflare secure = Cloudflare.builder()
          .baseUrl("https://127.0.0.1:" + front.port())
          .httpClient(trusting)
          .cacheDirectory(dir.resolve("cache"))
          .timeouts(TEST_TIMEOUTS)
          .transport(Transport.AGENTS)
          .build();

      assertThat(secure.complete(hello()).text()).isEqualTo(GREETING);
      RecordedRequest upgrade = emulator.takeRequest();
      assertThat(upgrade.path()).startsWith(Emulator.AGENTS_PATH);
      int before = emulator.requestCount();

      Cloudflare wrongName = Cloudflare.builder()
          .baseUrl("https://localhost:" + front.port())
          .httpClient(trusting)
          .cacheDirectory(dir.resolve("cache2"))
          .timeouts(TEST_TIMEOUTS)
          .transport(Transport.AGENTS)
          .build();
      assertThatThrownBy(() -> wrongName.complete(hello(), PlaygroundFixture.NO_RETRIES))
          .as("a certificate for 127.0.0.1 does not name localhost")
          .isInstanceOf(NetworkException.class)
          .hasRootCauseInstanceOf(java.security.cert.CertificateException.class);
      assertThat(emulator.requestCount()).as("nothing reached the server").isEqualTo(before);
    }
  }

  private static CallOptions through(String proxyUrl) {
    return CallOptions.builder().proxy(proxyUrl).build();
  }
}
