package io.github.flare4j.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerTextTest {
  @Test
  void controlCharactersAreEscaped() {
    assertThat(ServerText.quote("a\u001b[2Jb\u0007c\u0000d\r\n\u009b"))
        .isEqualTo("a\\u001b[2Jb\\u0007c\\u0000d\\u000d\\u000a\\u009b");
  }

  @Test
  void bidiOverridesAreEscaped() {
    assertThat(ServerText.quote("x\u202ey")).isEqualTo("x\\u202ey");
  }

  @Test
  void plainTextIsKeptAsItIs() {
    String text = "Ünïcode is fine: 3021 rate limited";
    assertThat(ServerText.quote(text)).isSameAs(text).isEqualTo(text);
  }

  @Test
  void longTextIsCutAndMarked() {
    assertThat(ServerText.quote("abcdef", 3)).isEqualTo("abc...");
    assertThat(ServerText.quote("ab\u001bdef", 3)).isEqualTo("ab\\u001b...");
  }

  @Test
  void aSurrogatePairIsNotSplit() {
    assertThat(ServerText.quote("a\uD83D\uDE00b", 2)).isEqualTo("a...");
  }

  @Test
  void nullIsEmpty() {
    assertThat(ServerText.quote(null)).isEmpty();
  }
}
