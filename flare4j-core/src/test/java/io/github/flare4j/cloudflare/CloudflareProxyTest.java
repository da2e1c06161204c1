package io.github.flare4j.cloudflare;

import static io.github.flare4j.cloudflare.PlaygroundFixture.hello;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.CallOptions;
import io.github.flare4j.ChatRequest;
import io.github.flare4j.emulator.proxy.TestProxy;
import io.github.flare4j.error.NetworkException;
import io.github.flare4j.error.ResponseStatusException;
import org.junit.jupiter.api.Test;

/** The proxy is honoured on every request, with and without credentials. */
class CloudflareProxyTest extends PlaygroundTestBase {
  @Test
  void httpProxyForwardsTheInferenceRequest() {
    try (TestProxy proxy = TestProxy.http()) {
      String text = cloudflare.complete(hello(), through(proxy)).text();

      assertThat(text).startsWith("Hello!");
      assertThat(proxy.seen()).containsExactly(emulator.baseUrl() + "/api/inference");
    }
  }

  @Test
  void httpProxyWithCredentialsAnswersTheChallenge() {
    try (TestProxy proxy = TestProxy.http("alice", "p@ss:word")) {
      String text = cloudflare.complete(hello(), through(proxy)).text();

      assertThat(text).startsWith("Hello!");
      assertThat(proxy.seen()).containsExactly(emulator.baseUrl() + "/api/inference");
    }
  }

  @Test
  void socks5ProxyWithCredentialsCarriesTheRequest() {
    try (TestProxy proxy = TestProxy.socks5("bob", "secret")) {
      String text = cloudflare.complete(hello(), through(proxy)).text();

      assertThat(text).startsWith("Hello!");
      assertThat(proxy.seen()).containsExactly("127.0.0.1:" + emulator.port());
      assertThat(proxy.authFailures()).isZero();
    }
  }

  @Test
  void socks5ProxyWithoutCredentials() {
    try (TestProxy proxy = TestProxy.socks5()) {
      assertThat(cloudflare.complete(hello(), through(proxy)).finishReason().reason()).isEqualTo("stop");
      assertThat(proxy.seen()).hasSize(1);
    }
  }

  @Test
  void wrongSocksPasswordIsANetworkErrorThatHidesThePassword() {
    try (TestProxy proxy = TestProxy.socks5("bob", "secret")) {
      String wrong = proxy.url().replace("secret", "guess-me");

      assertThatThrownBy(() -> cloudflare.complete(
              ChatRequest.of("x"), CallOptions.builder().proxy(wrong).build()))
          .isInstanceOf(NetworkException.class)
          .hasMessageNotContaining("guess-me");
      assertThat(proxy.authFailures()).isPositive();
    }
  }

  @Test
  void wrongHttpProxyPasswordIsRefused() {
    try (TestProxy proxy = TestProxy.http("alice", "right")) {
      String wrong = proxy.url().replace("right", "wrong");

      assertThatThrownBy(() -> cloudflare.complete(
              ChatRequest.of("x"), CallOptions.builder().proxy(wrong).build()))
          .isInstanceOf(ResponseStatusException.class)
          .hasMessageContaining("407")
          .hasMessageNotContaining("wrong");
    }
  }

  @Test
  void modelListForAnUnknownNameGoesThroughTheRequestsProxy() {
    try (TestProxy proxy = TestProxy.http()) {
      cloudflare.complete(
          ChatRequest.builder().model("glm-5.3-flash").user("x").build(), through(proxy));

      assertThat(proxy.seen()).containsExactly(
          emulator.baseUrl() + "/api/models", emulator.baseUrl() + "/api/inference");
    }
  }

  @Test
  void providerProxyServesTheModelListAndRequestsWithoutTheirOwn() {
    try (TestProxy proxy = TestProxy.http()) {
      Cloudflare proxied = Cloudflare.builder()
          .baseUrl(emulator.baseUrl())
          .cacheDirectory(cacheDir)
          .proxy(proxy.url())
          .transport(Transport.INFERENCE)
          .build();

      proxied.fetchModels();
      proxied.complete(hello());

      assertThat(proxy.seen()).containsExactly(
          emulator.baseUrl() + "/api/models", emulator.baseUrl() + "/api/inference");
    }
  }

  private static CallOptions through(TestProxy proxy) {
    return CallOptions.builder().proxy(proxy.url()).build();
  }
}
