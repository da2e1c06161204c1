package io.github.flare4j.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link FaultEffect#onDocument}: what each body fault does to a JSON document, as data. */
class FaultEffectTest {

    private static final String DOCUMENT = "{\"result\":[1,2,3,4]}";
    private static final Duration STALL = Duration.ofSeconds(7);

    private static FaultEffect effect(Fault fault) {
        return FaultEffect.onDocument(fault, "broken", "error", STALL);
    }

    @Test
    void noFaultAndEmptyEventSendTheDocumentWhole() {
        for (FaultEffect effect : new FaultEffect[] {effect(null), effect(Fault.EMPTY_EVENT), FaultEffect.none()}) {
            assertThat(effect.whole()).isTrue();
            assertThat(effect.body(DOCUMENT)).isEqualTo(DOCUMENT);
            assertThat(effect.declaredLength()).isEqualTo(-1);
            assertThat(effect.ending()).isEqualTo(FaultEffect.Ending.COMPLETE);
        }
    }

    @Test
    void malformedAndErrorPartReplaceTheDocumentWhole() {
        assertThat(effect(Fault.MALFORMED_LINE).body(DOCUMENT)).isEqualTo("broken");
        assertThat(effect(Fault.ERROR_PART).body(DOCUMENT)).isEqualTo("error");
        assertThat(effect(Fault.MALFORMED_LINE).whole()).isTrue();
        assertThat(effect(Fault.ERROR_PART).whole()).isTrue();
    }

    @Test
    void cuttingFaultsSendTheFirstHalfAndEndTheirWay() {
        assertThat(effect(Fault.TRUNCATED).body(DOCUMENT)).isEqualTo("{\"result\":");
        assertThat(effect(Fault.TRUNCATED).whole()).isFalse();
        assertThat(effect(Fault.TRUNCATED).ending()).isEqualTo(FaultEffect.Ending.COMPLETE);
        assertThat(effect(Fault.RESET).ending()).isEqualTo(FaultEffect.Ending.RESET);
        assertThat(effect(Fault.STALL).ending()).isEqualTo(FaultEffect.Ending.STALL);
        assertThat(effect(Fault.STALL).stallDuration()).isEqualTo(STALL);
    }

    @Test
    void leftOpenAndOverstatedLengthSendTheWholeDocumentThenStall() {
        assertThat(effect(Fault.LEFT_OPEN).body(DOCUMENT)).isEqualTo(DOCUMENT);
        assertThat(effect(Fault.LEFT_OPEN).ending()).isEqualTo(FaultEffect.Ending.STALL);
        assertThat(effect(Fault.LEFT_OPEN).declaredLength()).isEqualTo(-1);
        assertThat(effect(Fault.OVERSTATED_LENGTH).body(DOCUMENT)).isEqualTo(DOCUMENT);
        assertThat(effect(Fault.OVERSTATED_LENGTH).declaredLength()).isEqualTo(Fault.OVERSTATED_CONTENT_LENGTH);
        assertThat(effect(Fault.OVERSTATED_LENGTH).ending()).isEqualTo(FaultEffect.Ending.STALL);
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void everyFaultEndsAsExchangeEndedItBefore(Fault fault) {
        FaultEffect.Ending expected = switch (fault) {
            case RESET -> FaultEffect.Ending.RESET;
            case STALL, LEFT_OPEN, OVERSTATED_LENGTH -> FaultEffect.Ending.STALL;
            default -> FaultEffect.Ending.COMPLETE;
        };
        assertThat(FaultEffect.Ending.of(fault)).isEqualTo(expected);
    }

    @Test
    void streamFaultsCutInjectOrPromiseAsData() {
        FaultEffect none = FaultEffect.onStream(null, STALL);
        assertThat(none.cuts()).isFalse();
        assertThat(none.injection()).isEqualTo(FaultEffect.Injection.NONE);
        assertThat(none.errorAtEnd()).isFalse();

        for (Fault cutting : new Fault[] {Fault.TRUNCATED, Fault.RESET, Fault.STALL, Fault.ERROR_PART}) {
            assertThat(FaultEffect.onStream(cutting, STALL).cutAfter()).isEqualTo(FaultEffect.EVENTS_BEFORE_CUT);
        }
        assertThat(FaultEffect.onStream(Fault.ERROR_PART, STALL).errorAtEnd()).isTrue();
        assertThat(FaultEffect.onStream(Fault.MALFORMED_LINE, STALL).injection()).isEqualTo(FaultEffect.Injection.MALFORMED);
        assertThat(FaultEffect.onStream(Fault.OVERSIZED_LINE, STALL).injection())
                .isEqualTo(FaultEffect.Injection.OVERSIZED_TEXT);
        assertThat(FaultEffect.onStream(Fault.INVALID_UTF8, STALL).injection())
                .isEqualTo(FaultEffect.Injection.INVALID_UTF8_TEXT);
        assertThat(FaultEffect.onStream(Fault.EMPTY_EVENT, STALL).injection()).isEqualTo(FaultEffect.Injection.EMPTY_EVENT);
        assertThat(FaultEffect.onStream(Fault.MALFORMED_LINE, STALL).cuts()).isFalse();
        assertThat(FaultEffect.onStream(Fault.OVERSTATED_LENGTH, STALL).declaredLength())
                .isEqualTo(Fault.OVERSTATED_CONTENT_LENGTH);
        assertThat(FaultEffect.onStream(Fault.OVERSTATED_LENGTH, STALL).ending()).isEqualTo(FaultEffect.Ending.STALL);
    }
}
