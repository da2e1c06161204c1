package io.github.flare4j.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionArgsTest {
  static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);

  final SessionArgs args = new SessionArgs(Map.of("user-agent", "v-ua"),
      Map.of("cf_clearance", "v-clear", "__cf_bm", "v-bm", "session", "v-s"),
      Map.of("cf_clearance", NOW, "__cf_bm", NOW.plusSeconds(1)));

  @Test
  void cookiesExpiredAtOrBeforeNowAreDroppedAndSessionCookiesKept() {
    SessionArgs left = args.withoutExpired(NOW);

    assertThat(left.cookies()).containsOnlyKeys("__cf_bm", "session");
    assertThat(left.cookieExpiry()).containsOnlyKeys("__cf_bm");
    assertThat(left.cookieHeader()).contains("__cf_bm=v-bm", "session=v-s")
        .doesNotContain("v-clear");
  }

  @Test
  void nothingExpiredGivesTheSameArgs() {
    assertThat(args.withoutExpired(NOW.minusSeconds(1))).isSameAs(args);
  }

  @Test
  void aCookieReplacedWithoutExpiryBecomesASessionCookie() {
    SessionArgs replaced = args.withCookies(Map.of("cf_clearance", "mine"));

    assertThat(replaced.expiry("cf_clearance")).isEmpty();
    assertThat(replaced.expiry("__cf_bm")).contains(NOW.plusSeconds(1));
    assertThat(replaced.withoutExpired(NOW.plusSeconds(10)).cookies())
        .containsOnlyKeys("cf_clearance", "session");
  }

  @Test
  void expiryIsKeptToTheSecondAndOnlyForCookiesThatAreThere() {
    SessionArgs built = new SessionArgs(Map.of(), Map.of("a", "1"),
        Map.of("a", NOW.plusMillis(999), "missing", NOW));

    assertThat(built.cookieExpiry()).containsExactly(Map.entry("a", NOW));
    assertThat(built.withoutCookie("a").cookieExpiry()).isEmpty();
    assertThat(built.withCookie("b", "2", NOW).expiry("b")).contains(NOW);
  }

  @Test
  void toStringShowsNamesAndExpiryButNoValue() {
    assertThat(args.toString()).contains("cf_clearance", "__cf_bm", "user-agent", NOW.toString())
        .doesNotContain("v-");
  }
}
