package io.github.flare4j.gateway;

import io.github.flare4j.Flare4j;
import io.github.flare4j.cloudflare.Cloudflare;
import io.github.flare4j.emulator.Emulator;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh emulator and client for each test, and a gateway builder with the playground on them
 * (on a free port), so no test sees another's cookies, faults or recorded requests.
 */
public abstract class GatewayTestBase {
  @TempDir protected Path cacheDir;
  protected Emulator emulator;
  protected Flare4j flare4j;
  protected final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void startEmulatorAndClient() {
    emulator = Emulator.start();
    flare4j = Flare4j.builder().cacheDirectory(cacheDir).noBrowser().build();
  }

  @AfterEach
  void stopEmulatorAndClient() {
    flare4j.close();
    emulator.close();
  }

  /** A gateway (not started) with the playground on the test's emulator, on a free port. */
  protected Gateway.Builder gateway() {
    Cloudflare playground = Cloudflare.builder().client(flare4j).baseUrl(emulator.baseUrl()).build();
    return Gateway.builder().provider("playground", playground).port(0);
  }

  /** {@code GET path}, with {@code key} as a Bearer token unless null. */
  protected HttpResponse<String> get(Gateway gateway, String path, String key) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri().resolve(path));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
