package io.github.flare4j.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.error.ServiceError;
import org.junit.jupiter.api.Test;

/** Whole messages made safe: {@link ServerText#escapeControls} and the exceptions that use it. */
class ServerTextMessagesTest {
  @Test
  void controlCharactersAreEscapedAndLineFeedsKept() {
    assertThat(ServerText.escapeControls("a\u001b[2Jb\u0007\u0000\nnext\tline\r"))
        .isEqualTo("a\\u001b[2Jb\\u0007\\u0000\nnext\\u0009line\\u000d");
  }

  @Test
  void nothingIsCut() {
    String longText = "x".repeat(10_000);
    assertThat(ServerText.escapeControls(longText)).isSameAs(longText);
  }

  @Test
  void anExceptionMessageNeverHoldsARawControlCharacter() {
    assertThat(new Flare4jException("server said \u001b]0;pwned\u0007").getMessage())
        .isEqualTo("server said \\u001b]0;pwned\\u0007");
  }

  @Test
  void aServiceErrorShowsItsMessageEscapedButKeepsItAsSent() {
    ServiceError error = new ServiceError(7001, "no\u001b[2J");

    assertThat(error.toString()).isEqualTo("Cloudflare error 7001: no\\u001b[2J");
    assertThat(error.message()).isEqualTo("no\u001b[2J");
  }
}
