package io.github.flare4j.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Health, models, unknown routes, keys and the loopback rule, over real HTTP. */
class GatewayBasicsTest extends GatewayTestBase {
  @Test
  void healthAndModels() throws Exception {
    try (Gateway gateway = gateway().build().start()) {
      assertThat(get(gateway, "/healthz", null).body()).isEqualTo("{\"status\":\"ok\"}");
      HttpResponse<String> models = get(gateway, "/v1/models", null);
      assertThat(models.statusCode()).isEqualTo(200);
      assertThat(models.headers().firstValue("content-type")).hasValue("application/json");
      assertThat(models.body()).startsWith("{\"object\":\"list\",\"data\":[{\"id\":\"@cf/")
          .contains("\"owned_by\":\"playground\"");
    }
  }

  @Test
  void anUnknownPathIsAnOpenAiShaped404() throws Exception {
    try (Gateway gateway = gateway().build().start()) {
      HttpResponse<String> response = get(gateway, "/v1/nothing", null);
      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.body()).startsWith("{\"error\":{\"message\":\"No such endpoint")
          .contains("\"code\":\"not_found\"");
    }
  }

  @Test
  void keysAreRequiredWhenGivenButNotForHealth() throws Exception {
    try (Gateway gateway = gateway().apiKeys(Set.of("k-one", "k-two")).build().start()) {
      assertThat(get(gateway, "/healthz", null).statusCode()).isEqualTo(200);
      HttpResponse<String> none = get(gateway, "/v1/models", null);
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.body()).contains("\"type\":\"authentication_error\"");
      assertThat(get(gateway, "/v1/models", "k-wrong").statusCode()).isEqualTo(401);
      assertThat(get(gateway, "/v1/models", "k-two").statusCode()).isEqualTo(200);
      HttpResponse<String> anthropicStyle = http.send(HttpRequest.newBuilder(
          gateway.uri().resolve("/v1/models")).header("x-api-key", "k-one").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(anthropicStyle.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void bindingBeyondLoopbackWithoutKeysIsRefused() {
    assertThatThrownBy(() -> gateway().host("0.0.0.0").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("beyond loopback");
  }

  @Test
  void toStringHidesTheKeys() {
    Gateway gateway = gateway().apiKeys(Set.of("sk-very-secret")).build();
    assertThat(gateway.toString()).doesNotContain("sk-very-secret").contains("apiKeys=1 (hidden)");
  }
}
