package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.cli.CliRunner.Result;
import io.github.flare4j.emulator.Fault;
import io.github.flare4j.emulator.RecordedRequest;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code flare4j embed} over both Workers AI routes of a real emulator. */
class EmbedCommandTest extends EmulatorTestBase {
  /** One JSON array of numbers. */
  private static final Pattern VECTOR = Pattern.compile("\\[-?[0-9][-0-9.E]*(,-?[0-9][-0-9.E]*)*\\]");

  String ai;

  @BeforeEach
  void paths() {
    ai = "/client/v4/accounts/" + emulator.accountId() + "/ai";
  }

  Map<String, String> credentials() {
    return Map.of("CLOUDFLARE_ACCOUNT_ID", emulator.accountId(),
        "CLOUDFLARE_API_TOKEN", emulator.apiToken());
  }

  Result embed(String stdin, Map<String, String> env, String... args) {
    return CliRunner.run(stdin, env,
        CliRunner.args(List.of("embed", "--base-url", emulator.baseUrl()), args));
  }

  @Test
  void eachTextPrintsOneArrayOfTheModelsDimension() {
    Result result = embed("", credentials(), "-m", "bge-small-en-v1.5", "a cat", "a dog");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.err()).isEmpty();
    List<String> lines = result.out().lines().toList();
    assertThat(lines).hasSize(2).allMatch(line -> VECTOR.matcher(line).matches());
    assertThat(lines.get(0).split(",")).hasSize(384);
    assertThat(lines.get(0)).isNotEqualTo(lines.get(1));
    RecordedRequest request = emulator.takeRequest();
    assertThat(request.path()).isEqualTo(ai + "/run/@cf/baai/bge-small-en-v1.5");
    assertThat(request.body()).isEqualTo("{\"text\":[\"a cat\",\"a dog\"]}");
  }

  @Test
  void withoutTextEachLineOfStandardInputIsOneInputWithTheDefaultModel() {
    Result result = embed("first line\r\nsecond line\nthird\n", credentials());

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out().lines().toList()).hasSize(3)
        .allMatch(line -> VECTOR.matcher(line).matches() && line.split(",").length == 768);
    RecordedRequest request = emulator.takeRequest();
    assertThat(request.path()).isEqualTo(ai + "/run/@cf/baai/bge-base-en-v1.5");
    assertThat(request.body()).isEqualTo("{\"text\":[\"first line\",\"second line\",\"third\"]}");
  }

  @Test
  void jsonPrintsOpenAisListObjectOverTheOpenAiRoute() {
    Result result = embed("", credentials(), "--provider", "openai", "--json", "-m", "bge-m3",
        "hello big world", "x");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out().lines().toList()).singleElement().asString()
        .startsWith("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
            + "\"embedding\":[")
        .contains("]},{\"object\":\"embedding\",\"index\":1,\"embedding\":[")
        .endsWith("]}],\"model\":\"@cf/baai/bge-m3\","
            + "\"usage\":{\"prompt_tokens\":4,\"total_tokens\":4}}");
    RecordedRequest request = emulator.takeRequest();
    assertThat(request.path()).isEqualTo(ai + "/v1/embeddings");
    assertThat(request.body())
        .isEqualTo("{\"model\":\"@cf/baai/bge-m3\",\"input\":[\"hello big world\",\"x\"]}");
  }

  @Test
  void bothRoutesPrintTheSameVector() {
    Result rest = embed("", credentials(), "same text");
    Result openAi = embed("", credentials(), "--provider", "openai", "same text");

    assertThat(rest.exitCode()).as("%s", rest).isZero();
    assertThat(openAi.out()).isEqualTo(rest.out());
  }

  @Test
  void thePlaygroundIsAUsageErrorSayingEmbeddingsNeedAnAccount() {
    Result result = embed("", Map.of(), "hello");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.USAGE);
    assertThat(result.out()).isEmpty();
    assertThat(result.errLines().get(0))
        .isEqualTo("flare4j: Embeddings need a Workers AI account: the playground has none. Use"
            + " --provider workers-ai or openai, with CLOUDFLARE_ACCOUNT_ID and"
            + " CLOUDFLARE_API_TOKEN set");
    assertThat(emulator.requestCount()).isZero();
  }

  @Test
  void anUnknownModelEndsWithCode8() {
    Result result = embed("", credentials(), "-m", "@cf/baai/bge-nope", "hello");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.MODEL_NOT_FOUND);
    assertThat(result.out()).isEmpty();
    assertThat(result.errLines()).singleElement().asString().startsWith("flare4j: ")
        .contains("@cf/baai/bge-nope")
        // the library's advice (getModels()) in the CLI's words
        .contains("list the models with 'flare4j models'").doesNotContain("getModels");
  }

  @Test
  void aServiceErrorIsRetriedThenPrinted() {
    emulator.enqueueFault(Fault.SERVICE_UNAVAILABLE, ai + "/run/@cf/baai/bge-base-en-v1.5");

    Result result = embed("", credentials(), "hello");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out().lines()).hasSize(1);
    assertThat(emulator.requestCount()).isEqualTo(2);
  }
}
