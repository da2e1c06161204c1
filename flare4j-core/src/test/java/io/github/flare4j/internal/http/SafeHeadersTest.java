package io.github.flare4j.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.error.ResponseStatusException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

/** What an error keeps of a response: allow-listed, bounded headers; a body without secrets. */
class SafeHeadersTest {
  private static final String TOKEN = "tok_5a7b9c1d3e5f7a9b1c3d5e7f";
  private static final String CLEARANCE = "clr.Xk2mQ9pL4vR7";

  private static final Request REQUEST = new Request.Builder()
      .url("http://127.0.0.1:1/client/v4/accounts/a/ai/run/@cf/m")
      .header("Authorization", "Bearer " + TOKEN)
      .header("Cookie", "cf_clearance=" + CLEARANCE + "; other=short")
      .build();

  @Test
  void secretHeadersAreNeverKept() {
    Map<String, List<String>> kept = SafeHeaders.keep(Map.of(
        "Set-Cookie", List.of("__cf_bm=secret"),
        "Cookie", List.of("a=b"),
        "Authorization", List.of("Bearer x"),
        "cf-aig-authorization", List.of("Bearer y"),
        "X-Custom-Token", List.of("z"),
        "Retry-After", List.of("7"),
        "CF-RAY", List.of("8e5a-SJC"),
        "x-ratelimit-remaining-requests", List.of("0")));

    assertThat(kept).containsOnlyKeys("retry-after", "cf-ray", "x-ratelimit-remaining-requests");
    assertThat(SafeHeaders.requestId(kept)).isEqualTo("8e5a-SJC");
  }

  @Test
  void requestIdFallsBackToTheGatewayLogIdThenXRequestId() {
    assertThat(SafeHeaders.requestId(SafeHeaders.keep(Map.of(
        "cf-aig-log-id", List.of("log-1"), "x-request-id", List.of("req-1"))))).isEqualTo("log-1");
    assertThat(SafeHeaders.requestId(SafeHeaders.keep(Map.of(
        "x-request-id", List.of("req-1"))))).isEqualTo("req-1");
    assertThat(SafeHeaders.requestId(Map.of())).isNull();
  }

  @Test
  void headersAreBoundedAndEscaped() {
    List<String> many = new ArrayList<>();
    IntStream.range(0, 50).forEach(i -> many.add("v" + i));
    Map<String, List<String>> kept = SafeHeaders.keep(Map.of(
        "content-type", List.of("x".repeat(5000)),
        "server", many,
        "cf-ray", List.of("\u001b]0;pwned\u0007")));

    assertThat(kept.get("content-type").getFirst()).hasSizeLessThan(SafeHeaders.MAX_VALUE_CHARS + 10);
    assertThat(kept.get("server")).hasSize(SafeHeaders.MAX_VALUES);
    assertThat(kept.get("cf-ray").getFirst()).doesNotContain("\u001b", "\u0007");
  }

  @Test
  void aBodyEchoingTheRequestsCredentialsIsRedacted() {
    String body = "{\"errors\":[{\"code\":10000,\"message\":\"bad token " + TOKEN
        + " with cookie " + CLEARANCE + "\"}]}";

    String redacted = SafeHeaders.redact(body, REQUEST);

    assertThat(redacted).doesNotContain(TOKEN, CLEARANCE).contains("bad token ***", "code\":10000");
  }

  @Test
  void tokenShapedValuesAreRedactedWhateverTheRequest() {
    String body = "Authorization: Bearer abc.def-123456 rejected; cf_clearance=qwerty12345;"
        + " {\"api_key\": \"sk-live-998877\"}";

    String redacted = SafeHeaders.redact(body, null);

    assertThat(redacted).doesNotContain("abc.def-123456", "qwerty12345", "sk-live-998877")
        .contains("cf_clearance=***");
  }

  @Test
  void anExceptionKeepsOnlyTheSafeHeadersItIsGiven() {
    ResponseStatusException error = new ResponseStatusException(500, "POST http://h/x", "",
        "POST http://h/x answered HTTP 500", null, null,
        Map.of("Set-Cookie", List.of("s=" + TOKEN), "cf-ray", List.of("r-1")));

    assertThat(error.headers()).containsOnlyKeys("cf-ray");
    assertThat(error.requestId()).contains("r-1");
    assertThat(error.toString()).doesNotContain(TOKEN);
  }
}
