package io.github.flare4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProxySpecTest {
  @Test
  void parsesEachSchemeWithCredentials() {
    assertThat(ProxySpec.parse("http://127.0.0.1:3128"))
        .isEqualTo(new ProxySpec(ProxySpec.Type.HTTP, "127.0.0.1", 3128, null, null));
    assertThat(ProxySpec.parse("https://u:p@proxy.example:8443"))
        .isEqualTo(new ProxySpec(ProxySpec.Type.HTTPS, "proxy.example", 8443, "u", "p"));
    assertThat(ProxySpec.parse("socks5h://user:pa%3Ass@[::1]:1080"))
        .isEqualTo(new ProxySpec(ProxySpec.Type.SOCKS5, "::1", 1080, "user", "pa:ss"));
  }

  @Test
  void defaultPortsFollowTheScheme() {
    assertThat(ProxySpec.parse("http://h").port()).isEqualTo(80);
    assertThat(ProxySpec.parse("https://h").port()).isEqualTo(443);
    assertThat(ProxySpec.parse("socks5://h").port()).isEqualTo(1080);
  }

  @Test
  void toStringHidesThePassword() {
    assertThat(ProxySpec.parse("socks5://user:hunter2@h:1").toString())
        .isEqualTo("socks5://user:***@h:1");
  }

  @Test
  void unsupportedSchemeSaysWhatIsSupported() {
    assertThatThrownBy(() -> ProxySpec.parse("ftp://h:21"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("socks5://");
  }

  @Test
  void malformedUrlNeverEchoesTheSecret() {
    assertThatThrownBy(() -> ProxySpec.parse("http://user:se cret@h:1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("se cret");
    assertThatThrownBy(() -> ProxySpec.parse("http://:1"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
