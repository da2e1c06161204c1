package io.github.flare4j.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link PathPattern}'s globs: {@code *} within a segment, {@code **} across segments, the rest literal. */
class PathPatternTest {

    @Test
    void aPlainPathMatchesOnlyItself() {
        PathPattern models = PathPattern.glob("/api/models");

        assertThat(models.matches("/api/models")).isTrue();
        assertThat(models.matches("/api/models/")).isFalse();
        assertThat(models.matches("/v1/api/models")).isFalse();
        assertThat(models.matches("/api/modelsX")).isFalse();
    }

    @Test
    void oneStarStaysInItsSegmentAndTwoCrossSegments() {
        PathPattern one = PathPattern.glob("/agents/*");
        PathPattern two = PathPattern.glob("/client/v4/accounts/**");

        assertThat(one.matches("/agents/playground")).isTrue();
        assertThat(one.matches("/agents/")).isTrue();
        assertThat(one.matches("/agents/a/b")).isFalse();
        assertThat(two.matches("/client/v4/accounts/0123/ai/run/@cf/meta/llama")).isTrue();
        assertThat(two.matches("/client/v4/accounts/")).isTrue();
        assertThat(two.matches("/client/v4/account")).isFalse();
    }

    @Test
    void regexCharactersAreLiteral() {
        assertThat(PathPattern.glob("/a.b/(c)+").matches("/a.b/(c)+")).isTrue();
        assertThat(PathPattern.glob("/a.b/(c)+").matches("/aXb/cc")).isFalse();
    }

    @Test
    void aConditionNarrowsTheGlob() {
        PathPattern gateway = PathPattern.glob("/v1/**").and(path -> path.contains("/workers-ai/"), "workers-ai");

        assertThat(gateway.matches("/v1/acct/gw/workers-ai/@cf/x")).isTrue();
        assertThat(gateway.matches("/v1/acct/gw/openai/chat")).isFalse();
        assertThat(gateway).hasToString("/v1/** and workers-ai");
    }
}
