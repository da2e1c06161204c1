package io.github.flare4j.gateway.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.models.ModelInfo;
import com.openai.errors.NotFoundException;
import com.openai.models.models.Model;
import io.github.flare4j.gateway.http.Json;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** GET /v1/models and /v1/models/{id}, in OpenAI's and Anthropic's shapes, read by their SDKs. */
class ModelsRouteTest extends ChatGatewayFixture {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(gateway.uri().resolve(path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theOpenAiSdkRetrievesAModelByItsIdAPrefixedIdOrAnAlias() {
    String first = playgroundModel();
    Model byId = sdk().models().retrieve(first); // the SDK sends the id's slashes as %2F
    assertThat(byId.id()).isEqualTo(first);
    assertThat(byId.ownedBy()).isEqualTo("playground");

    Model prefixed = sdk().models().retrieve(TOOL_MODEL);
    assertThat(prefixed.id()).isEqualTo(TOOL_MODEL);
    assertThat(prefixed.ownedBy()).isEqualTo("workers-ai");

    assertThat(sdk().models().retrieve("llama-3.3-70b").id())
        .isEqualTo("@cf/meta/llama-3.3-70b-instruct-fp8-fast");
  }

  @Test
  void anUnknownModelIs404ModelNotFound() throws Exception {
    assertThatThrownBy(() -> sdk().models().retrieve("@cf/nobody/no-such-model"))
        .isInstanceOfSatisfying(NotFoundException.class,
            e -> assertThat(e.code()).hasValue("model_not_found"));
    // unencoded slashes reach the same route
    HttpResponse<String> raw = get("/v1/models/workers-ai/@cf/nobody/no-such-model");
    assertThat(raw.statusCode()).isEqualTo(404);
    assertThat(Json.MAPPER.readTree(raw.body()).at("/error/param").stringValue())
        .isEqualTo("model");
  }

  @Test
  void anAnthropicClientGetsAnthropicsListAndModelShapes() {
    AnthropicClient anthropic = AnthropicOkHttpClient.builder()
        .baseUrl(gateway.uri().toString()).apiKey("unused").maxRetries(0).build();
    try {
      List<ModelInfo> models = anthropic.models().list().data();
      assertThat(models).extracting(ModelInfo::id).contains(playgroundModel(), TOOL_MODEL);
      ModelInfo one = anthropic.models().retrieve(TOOL_MODEL);
      assertThat(one.id()).isEqualTo(TOOL_MODEL);
      assertThat(one.displayName()).isEqualTo(TOOL_MODEL);
    } finally {
      anthropic.close();
    }
  }

  @Test
  void anErrorJettyAnswersItselfIsJsonInTheApisShape() throws Exception {
    // a header over Jetty's limit is refused before any route runs
    try (Socket socket = new Socket(gateway.uri().getHost(), gateway.uri().getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(("GET /v1/models HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20_000)
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(response).startsWith("HTTP/1.1 431");
      assertThat(response.toLowerCase()).contains("content-type: application/json");
      String body = response.substring(response.indexOf("\r\n\r\n") + 4);
      JsonNode error = Json.MAPPER.readTree(body).get("error");
      assertThat(error.get("type").stringValue()).isEqualTo("invalid_request_error");
      assertThat(error.get("message").stringValue()).startsWith("The request cannot be read");
      assertThat(body).doesNotContain("<html");
    }
  }
}
