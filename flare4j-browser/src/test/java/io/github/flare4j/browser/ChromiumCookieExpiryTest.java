package io.github.flare4j.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CDP's cookie {@code expires} (epoch seconds, -1 for a session cookie) read on plain values. */
class ChromiumCookieExpiryTest {

  @Test
  void aPersistentCookieExpiresAtItsSecond() {
    assertThat(ChromiumSession.expiry(Map.of("expires", 1767225600.625, "session", false)))
        .isEqualTo(Instant.ofEpochSecond(1767225600L));
    assertThat(ChromiumSession.expiry(Map.of("expires", 1767225600L)))
        .isEqualTo(Instant.ofEpochSecond(1767225600L));
  }

  @Test
  void aSessionCookieHasNoExpiry() {
    assertThat(ChromiumSession.expiry(Map.of("expires", -1, "session", true))).isNull();
    assertThat(ChromiumSession.expiry(Map.of("expires", -1.0))).isNull();
    assertThat(ChromiumSession.expiry(Map.of("session", true, "expires", 1767225600L))).isNull();
    assertThat(ChromiumSession.expiry(Map.of())).isNull();
  }
}
