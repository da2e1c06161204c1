package io.github.flare4j.workersai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.ImagePart;
import io.github.flare4j.Message;
import io.github.flare4j.Role;
import io.github.flare4j.TextPart;
import io.github.flare4j.cloudflare.Cloudflare;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images and stop sequences over real HTTP: the bytes each Workers AI route receives (as the
 * emulator recorded them), and what is refused by name before anything is sent.
 */
class ImagesAndStopTest extends WorkersAiTestBase {
  static final String SCOUT = "@cf/meta/llama-4-scout-17b-16e-instruct";
  static final String LLAMA_VISION = "@cf/meta/llama-3.2-11b-vision-instruct";
  /** The first bytes of a PNG and a little more: enough for a test, no real picture. */
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
  static final String PNG_BASE64 = Base64.getEncoder().encodeToString(PNG);

  @TempDir Path cacheDir;
  static ChatRequest withImage(String model) {
    return ChatRequest.builder().model(model)
        .message(Message.user("What is this?", List.of(ImagePart.of(PNG, "image/png"))))
        .build();
  }

  @Test
  void openAiSendsContentPartsWithADataUrlAndTheStopSequences() {
    ChatRequest request = withImage(SCOUT).toBuilder().stop(List.of("END", "\n\n")).build();

    String text = WorkersAiFixture.openAi(emulator).complete(request).text();

    String body = emulator.requests().getLast().body();
    assertThat(body).startsWith("{\"model\":\"" + SCOUT + "\",\"messages\":[{\"role\":\"user\","
        + "\"content\":[{\"type\":\"text\",\"text\":\"What is this?\"},{\"type\":\"image_url\","
        + "\"image_url\":{\"url\":\"data:image/png;base64," + PNG_BASE64 + "\"}}]}],");
    assertThat(body).contains(",\"stop\":[\"END\",\"\\n\\n\"]");
    assertThat(text).startsWith("I see 1 image.");
  }

  @Test
  void restSendsContentPartsToLlama4Scout() {
    String text = WorkersAiFixture.rest(emulator).complete(withImage(SCOUT)).text();

    assertThat(emulator.requests().getLast().path()).endsWith("/ai/run/" + SCOUT);
    assertThat(emulator.requests().getLast().body()).startsWith("{\"messages\":[{\"role\":\"user\","
        + "\"content\":[{\"type\":\"text\",\"text\":\"What is this?\"},{\"type\":\"image_url\","
        + "\"image_url\":{\"url\":\"data:image/png;base64," + PNG_BASE64 + "\"}}]}],"
        + "\"stream\":false");
    assertThat(text).startsWith("I see 1 image.");
  }

  @Test
  void restSendsLlama32VisionItsTopLevelImage() {
    List<String> models = new ArrayList<>(emulator.models());
    models.add(LLAMA_VISION);
    emulator.models(models);

    String text = WorkersAiFixture.rest(emulator).complete(withImage(LLAMA_VISION)).text();

    assertThat(emulator.requests().getLast().body()).startsWith("{\"messages\":[{\"role\":\"user\","
        + "\"content\":\"What is this?\"}],\"image\":\"" + PNG_BASE64 + "\",\"stream\":false");
    assertThat(text).startsWith("I see 1 image.");
  }

  @Test
  void llama32VisionRefusesASecondImage() {
    List<String> models = new ArrayList<>(emulator.models());
    models.add(LLAMA_VISION);
    emulator.models(models);
    ChatRequest two = ChatRequest.builder().model(LLAMA_VISION)
        .message(Message.user("Compare", List.of(ImagePart.of(PNG, "image/png"),
            ImagePart.of(PNG, "image/png"))))
        .build();

    assertThatThrownBy(() -> WorkersAiFixture.rest(emulator).complete(two))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("takes one image");
    assertThat(emulator.requests()).noneMatch(r -> r.path().contains("/ai/run/"));
  }

  @Test
  void restRefusesStopByNameBeforeSending() {
    ChatRequest request = ChatRequest.builder().user("hi").stop(List.of("END")).build();

    assertThatThrownBy(() -> WorkersAiFixture.rest(emulator).complete(request))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("takes no stop");
    assertThat(emulator.requestCount()).isZero();
  }

  @Test
  void thePlaygroundRefusesImagesAndStopByNameBeforeSending() {
    Cloudflare playground = Cloudflare.builder().baseUrl(emulator.baseUrl())
        .cacheDirectory(cacheDir).build();

    assertThatThrownBy(() -> playground.complete(withImage("")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("takes no images");
    assertThatThrownBy(() -> playground.complete(
        ChatRequest.builder().user("hi").stop(List.of("END")).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("takes no stop");
    assertThat(emulator.requestCount()).isZero();
  }

  @Test
  void stopSequencesAndImagesAreBounded() {
    assertThatThrownBy(() -> ChatRequest.builder().stop(List.of("a", "b", "c", "d", "e")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stop takes at most 4 sequences (OpenAI's limit), was given 5");
    assertThatThrownBy(() -> ChatRequest.builder().stop(List.of("")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stop sequences must not be empty");
    assertThatThrownBy(() -> ImagePart.of(new byte[ImagePart.MAX_BYTES + 1], "image/png"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10 MiB");
    assertThatThrownBy(() -> ImagePart.of(PNG, "image/tiff"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("image/tiff");
    assertThatThrownBy(() -> Message.of(Role.ASSISTANT,
        List.of(new TextPart("x"), ImagePart.of(PNG, "image/png")), List.of(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("only user messages carry images");
    assertThat(withImage(SCOUT)).isEqualTo(withImage(SCOUT)); // the bytes compare, not the arrays
    assertThat(ImagePart.of(PNG, "image/png").toString()).isEqualTo("ImagePart[image/png, 12 bytes]");
  }
}
