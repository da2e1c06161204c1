package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.cli.CliRunner.Result;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code flare4j chat --image FILE --stop TEXT} over both Workers AI routes, against a real emulator. */
class ImageAndStopCliTest extends EmulatorTestBase {
  static final String SCOUT = "@cf/meta/llama-4-scout-17b-16e-instruct";
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
  static final byte[] WEBP = {'R', 'I', 'F', 'F', 4, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8'};

  Result chat(String... args) {
    return CliRunner.run("", Map.of("CLOUDFLARE_ACCOUNT_ID", emulator.accountId(),
        "CLOUDFLARE_API_TOKEN", emulator.apiToken()),
        CliRunner.args(List.of("chat", "--base-url", emulator.baseUrl()), args));
  }

  Path file(String name, byte[] bytes) throws IOException {
    return Files.write(cacheDir.resolve(name), bytes);
  }

  static String dataUrl(String type, byte[] bytes) {
    return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(bytes);
  }

  @Test
  void openAiSendsTheImagesAsDataUrlsAndTheStopSequences() throws IOException {
    Path png = file("cat.png", PNG);
    Path webp = file("dog.bin", WEBP); // the name does not count, the first bytes do

    Result result = chat("--provider", "openai", "-m", SCOUT, "--image", png.toString(),
        "--image", webp.toString(), "--stop", "END", "--stop", "###", "What", "is", "this?");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).startsWith("I see 2 images.");
    String body = emulator.requests().getLast().body();
    assertThat(body).contains("\"messages\":[{\"role\":\"user\",\"content\":["
        + "{\"type\":\"text\",\"text\":\"What is this?\"},"
        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + dataUrl("image/png", PNG) + "\"}},"
        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + dataUrl("image/webp", WEBP) + "\"}}]}]");
    assertThat(body).contains(",\"stop\":[\"END\",\"###\"]");
  }

  @Test
  void restSendsTheImageAsAContentPart() throws IOException {
    Path png = file("cat.png", PNG);

    Result result = chat("--provider", "workers-ai", "-m", SCOUT, "--image", png.toString(), "What?");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).startsWith("I see 1 image.");
    assertThat(emulator.requests().getLast().body()).startsWith("{\"messages\":[{\"role\":\"user\","
        + "\"content\":[{\"type\":\"text\",\"text\":\"What?\"},{\"type\":\"image_url\","
        + "\"image_url\":{\"url\":\"" + dataUrl("image/png", PNG) + "\"}}]}],");
  }

  @Test
  void restRefusesStopByName() {
    Result result = chat("--provider", "workers-ai", "--stop", "END", "hi");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines().getFirst()).startsWith("flare4j: Option '--stop' is not taken by")
        .contains("--provider openai takes --stop");
    assertThat(emulator.requestCount()).isZero();
  }

  @Test
  void thePlaygroundRefusesImagesByName() throws IOException {
    Path png = file("cat.png", PNG);

    Result result = CliRunner.run("", Map.of(), CliRunner.args(List.of("chat", "--base-url",
        emulator.baseUrl(), "--cache-dir", cacheDir.resolve("cache").toString(), "--transport",
        "inference"), "--image", png.toString(), "hi"));

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines().getFirst()).startsWith("flare4j: Option '--image' is not taken by");
    assertThat(emulator.requestCount()).isZero();
  }

  @Test
  void aFileThatIsNoImageIsAUsageErrorNamingIt() throws IOException {
    Path text = file("notes.png", "just text".getBytes());

    Result result = chat("--provider", "openai", "--image", text.toString(), "hi");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines()).containsExactly("flare4j: Image file '" + text
        + "' is no PNG, JPEG, GIF or WebP image (by its first bytes)");
    assertThat(emulator.requestCount()).isZero();
  }

  @Test
  void aMissingOrTooLargeFileIsAUsageErrorNamingIt() throws IOException {
    Path big = cacheDir.resolve("big.png");
    try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
      file.write(PNG);
      file.setLength(10L * 1024 * 1024 + 1); // sparse: no 10 MiB written
    }

    Result tooLarge = chat("--provider", "openai", "--image", big.toString(), "hi");
    Result missing = chat("--provider", "openai", "--image", cacheDir.resolve("none.png").toString(), "hi");

    assertThat(tooLarge.exitCode()).as("%s", tooLarge).isEqualTo(ExitCodes.USAGE);
    assertThat(tooLarge.errLines()).containsExactly("flare4j: Image file '" + big
        + "' has 10485761 bytes, more than the limit of 10485760 (10 MiB): send a smaller image");
    assertThat(missing.exitCode()).as("%s", missing).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.errLines().getFirst()).contains("none.png").contains("does not exist");
    assertThat(emulator.requestCount()).isZero();
  }

  @Test
  void fiveStopSequencesAreAUsageError() {
    Result result = chat("--provider", "openai", "--stop", "a", "--stop", "b", "--stop", "c",
        "--stop", "d", "--stop", "e", "hi");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines()).containsExactly("flare4j: Invalid value for option '--stop':"
        + " takes at most 4 sequences (OpenAI's limit), was given 5");
    assertThat(emulator.requestCount()).isZero();
  }
}
