package io.github.flare4j.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Emulator#assertNoUnexpectedRequests()} and {@link Emulator#takeRemainingRequests()}. */
class UnexpectedRequestsTest {

    private final Emulator emulator = Emulator.start();

    @AfterEach
    void close() {
        emulator.close();
    }

    @Test
    void passesWhenEveryRequestWasTakenOrNoneCame() throws Exception {
        emulator.assertNoUnexpectedRequests();
        RawHttp.exchange(emulator.port(), RawHttp.get(emulator.port(), "/api/models"));

        assertThat(emulator.takeRequest().path()).isEqualTo("/api/models");
        assertThatCode(emulator::assertNoUnexpectedRequests).doesNotThrowAnyException();
    }

    @Test
    void failsNamingMethodAndPathOfEachUntakenRequestButNoSecret() throws Exception {
        RawHttp.exchange(emulator.port(), RawHttp.get(emulator.port(), "/api/models"));
        RawHttp.exchange(emulator.port(), RawHttp.post(emulator.port(), "/api/inference?secret=q1",
                PlaygroundRequest.user("a private prompt").json(), "Authorization: Bearer hidden-token"));
        RawHttp.exchange(emulator.port(), RawHttp.get(emulator.port(), "/nowhere"));
        emulator.takeRequest();

        assertThatThrownBy(emulator::assertNoUnexpectedRequests)
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("2 requests reached the emulator that the test did not take:"
                        + " POST /api/inference; GET /nowhere.")
                .message().doesNotContain("hidden-token", "secret", "private prompt");
        // what it found is taken: the next check passes, and the history keeps all three
        emulator.assertNoUnexpectedRequests();
        assertThat(emulator.requests()).hasSize(3);
    }

    @Test
    void takeRemainingRequestsReturnsTheUntakenOnesOldestFirstAndClearsThem() throws Exception {
        RawHttp.exchange(emulator.port(), RawHttp.get(emulator.port(), "/api/models"));
        RawHttp.exchange(emulator.port(), RawHttp.get(emulator.port(), "/one"));
        RawHttp.exchange(emulator.port(), RawHttp.get(emulator.port(), "/two"));
        assertThat(emulator.takeRequest().path()).isEqualTo("/api/models");

        assertThat(emulator.takeRemainingRequests()).extracting(RecordedRequest::path).containsExactly("/one", "/two");
        assertThat(emulator.takeRemainingRequests()).isEmpty();
        emulator.assertNoUnexpectedRequests();
    }
}
