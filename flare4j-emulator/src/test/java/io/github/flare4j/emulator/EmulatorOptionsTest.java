package io.github.flare4j.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The command line of {@link EmulatorMain}. */
class EmulatorOptionsTest {

    @Test
    void defaults() {
        assertThat(EmulatorOptions.parse()).isEqualTo(new EmulatorOptions("127.0.0.1", 8787, StreamFormat.V4));
    }

    @Test
    void readsEveryOptionInBothForms() {
        assertThat(EmulatorOptions.parse("--port", "9000", "--host", "localhost", "--format", "v5"))
                .isEqualTo(new EmulatorOptions("localhost", 9000, StreamFormat.V5));
        assertThat(EmulatorOptions.parse("--port=0", "--format=V4"))
                .isEqualTo(new EmulatorOptions("127.0.0.1", 0, StreamFormat.V4));
    }

    @Test
    void refusesWrongArguments() {
        assertThatThrownBy(() -> EmulatorOptions.parse("--port", "x")).hasMessageContaining("--port needs a number");
        assertThatThrownBy(() -> EmulatorOptions.parse("--port", "70000")).hasMessageContaining("--port needs a number");
        assertThatThrownBy(() -> EmulatorOptions.parse("--port")).hasMessage("--port needs a value");
        assertThatThrownBy(() -> EmulatorOptions.parse("--format", "v3")).hasMessageContaining("unknown stream format");
        assertThatThrownBy(() -> EmulatorOptions.parse("--verbose")).hasMessage("unknown argument '--verbose'");
    }
}
