package io.github.flare4j.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.spi.SessionArgs;
import io.github.flare4j.spi.StoredCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The auth file's JSON on plain strings. */
class AuthFileFormatTest {

  static StoredCredentials parse(String json) {
    return AuthFileFormat.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theSeedsFieldsComeFirstAndOursOnlyWhenThereIsSomethingToSay() {
    SessionArgs plain = new SessionArgs(Map.of("origin", "https://x"), Map.of("a", "b"));

    assertThat(AuthFileFormat.serialize(StoredCredentials.of(plain)))
        .isEqualTo("{\"headers\":{\"origin\":\"https://x\"},\"cookies\":{\"a\":\"b\"}}");
    assertThat(AuthFileFormat.serialize(new StoredCredentials(
            new SessionArgs(Map.of(), Map.of("a", "b"), Map.of("a", Instant.ofEpochSecond(7))),
            "agents")))
        .isEqualTo("{\"headers\":{},\"cookies\":{\"a\":\"b\"},\"expires\":{\"a\":7},"
            + "\"transport\":\"agents\"}");
  }

  @Test
  void valuesThatNeedEscapingRoundTrip() {
    StoredCredentials credentials = new StoredCredentials(new SessionArgs(
        Map.of("user-agent", "UA \"quoted\" \\ ü"), Map.of("__cf_bm", "v=1;2\n")), "inference");

    assertThat(AuthFileFormat.parse(AuthFileFormat.serialize(credentials)
        .getBytes(StandardCharsets.UTF_8))).isEqualTo(credentials);
  }

  @Test
  void expiryInFractionalSecondsAsChromiumGivesItIsRead() {
    StoredCredentials read = parse("{\"cookies\":{\"cf_clearance\":\"c\",\"s\":\"x\"},"
        + "\"expires\":{\"cf_clearance\":1767225600.75,\"gone\":5,\"s\":null}}");

    assertThat(read.args().cookieExpiry())
        .containsExactly(Map.entry("cf_clearance", Instant.ofEpochSecond(1767225600L)));
  }

  @Test
  void whatIsNotOneJsonObjectIsRefusedWithoutQuotingIt() {
    for (String broken : new String[] {"", "[]", "\"s3cret\"", "{\"cookies\":{\"a\":\"s3cret\"}",
        "{\"cookies\":{}} {\"s3cret\":1}", "{s3cret}"}) {
      assertThatThrownBy(() -> parse(broken)).as(broken)
          .isInstanceOf(IllegalArgumentException.class)
          .message().doesNotContain("s3cret");
    }
  }

  @Test
  void aBlankTransportIsNone() {
    assertThat(parse("{\"headers\":{},\"cookies\":{},\"transport\":\" \"}").transportName())
        .isEmpty();
    assertThat(parse("{\"transport\":\"agents\"}").transportName()).contains("agents");
  }
}
