package io.github.flare4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.Flare4j;
import io.github.flare4j.cloudflare.Cloudflare;
import io.github.flare4j.cloudflare.Transport;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.error.NetworkException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A network failure is said in words a person reads: what happened and what to check, never a
 * Java class name. (DNS is OkHttp's seam: a resolver that knows no host stands for a machine with
 * no network, so nothing leaves loopback.)
 */
class NetworkFailureWordsTest {
  @TempDir Path cacheDir;

  @Test
  void anUnresolvableHostSaysSo() {
    OkHttpClient offline = new OkHttpClient.Builder().dns(host -> {
      throw new UnknownHostException(host);
    }).build();
    try (Flare4j flare4j = Flare4j.builder().httpClient(offline).cacheDirectory(cacheDir)
        .noBrowser().maxRetries(0).build()) {
      Cloudflare playground = Cloudflare.builder().client(flare4j)
          .baseUrl("http://playground.example").transport(Transport.INFERENCE).build();

      assertThatThrownBy(() -> playground.complete(ChatRequest.of("Hello")))
          .isInstanceOf(NetworkException.class)
          .hasMessageContaining("could not be reached: the host name playground.example cannot"
              + " be resolved (is there a network connection?)")
          .message().doesNotContain("Exception");
    }
  }

  @Test
  void aRefusedConnectionSaysSo() {
    String baseUrl;
    try (Emulator emulator = Emulator.start()) {
      baseUrl = emulator.baseUrl();
    }
    try (Flare4j flare4j = Flare4j.builder().cacheDirectory(cacheDir).noBrowser().maxRetries(0)
        .build()) {
      Cloudflare playground = Cloudflare.builder().client(flare4j).baseUrl(baseUrl)
          .transport(Transport.INFERENCE).build();

      assertThatThrownBy(() -> playground.complete(ChatRequest.of("Hello")))
          .isInstanceOf(NetworkException.class)
          .hasMessageContaining("could not be reached: the connection was refused")
          .message().doesNotContain("Exception");
    }
  }
}
