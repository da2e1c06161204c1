package io.github.flare4j.internal.workersai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.error.StreamProtocolException;
import io.github.flare4j.provider.Feature;
import io.github.flare4j.provider.ModelInfo;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The model search's page: each model object's task and properties, whatever their value types. */
class ModelSearchPageTest {
  static ModelSearchPage parse(String json) {
    return ModelSearchPage.parse(json.getBytes(StandardCharsets.UTF_8), "GET /search");
  }

  @Test
  void propertiesAreReadWhateverTheirValuesLookLike() {
    ModelSearchPage page = parse("{\"result\":["
        + "{\"id\":\"u1\",\"name\":\"@cf/zai-org/glm-5.3\",\"task\":{\"name\":\"Text Generation\"},"
        + "\"properties\":[{\"property_id\":\"context_window\",\"value\":\"202752\"},"
        + "{\"property_id\":\"price\",\"value\":[{\"unit\":\"per M input tokens\",\"price\":1.4}]},"
        + "{\"property_id\":\"function_calling\",\"value\":true},"
        + "{\"property_id\":\"vision\",\"value\":\"false\"},"
        + "{\"property_id\":\"reasoning_effort\",\"value\":{\"supported_efforts\":[\"max\"]}}]},"
        + "{\"name\":\"@cf/acme/numbers\",\"task\":{\"name\":\"Text Generation\"},"
        + "\"properties\":[{\"property_id\":\"context_window\",\"value\":131072},"
        + "{\"property_id\":\"context_window\"},{\"value\":\"true\"},7]},"
        + "{\"name\":\"@cf/baai/bge-m3\",\"task\":{\"name\":\"Text Embeddings\"}},"
        + "{\"id\":\"9d2ab560-065e-4d0d-a789-d4bc7468d33e\",\"task\":{\"name\":\"Text Generation\"}},"
        + "{\"id\":\"@cf/acme/by-id\",\"properties\":{}},"
        + "{\"name\":\"@cf/acme/bad-window\",\"properties\":[{\"property_id\":\"context_window\","
        + "\"value\":\"lots\"}]}],"
        + "\"result_info\":{\"per_page\":50,\"total_count\":5},\"success\":true}");

    assertThat(page.entries()).isEqualTo(6);
    assertThat(page.totalCount()).isEqualTo(5);
    assertThat(page.perPage()).isEqualTo(50);
    assertThat(page.models()).extracting(ModelInfo::id).containsExactly("@cf/zai-org/glm-5.3",
        "@cf/acme/numbers", "@cf/baai/bge-m3", "@cf/acme/by-id", "@cf/acme/bad-window");
    ModelInfo glm = page.models().getFirst();
    assertThat(glm.contextWindow()).hasValue(202752);
    assertThat(glm.features()).containsExactlyInAnyOrder(Feature.TOOLS, Feature.REASONING,
        Feature.REASONING_EFFORT);
    assertThat(page.models().get(1).contextWindow()).hasValue(131072);
    assertThat(page.models().get(2).task()).isEqualTo(ModelInfo.TEXT_EMBEDDINGS);
    assertThat(page.models().get(4).contextWindow()).isEmpty();
    assertThat(page.models().get(4).task()).isEqualTo(ModelInfo.TEXT_GENERATION);
  }

  @Test
  void aDocumentWithoutAResultListIsRefused() {
    assertThatThrownBy(() -> parse("{\"success\":true}"))
        .isInstanceOf(StreamProtocolException.class).hasMessageContaining("without a result list");
  }
}
