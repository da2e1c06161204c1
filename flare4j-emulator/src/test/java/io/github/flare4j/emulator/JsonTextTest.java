package io.github.flare4j.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** String escaping as JavaScript's {@code JSON.stringify} does it. */
class JsonTextTest {

    @Test
    void escapesQuotesBackslashesAndShortControls() {
        assertThat(JsonText.quote("a\"b\\c\nd\re\tf\bg\fh")).isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\"");
    }

    @Test
    void escapesOtherControlsAsLowerCaseUnicode() {
        assertThat(JsonText.quote("\u0000\u001f\u007f")).isEqualTo("\"\\u0000\\u001f\u007f\"");
    }

    @Test
    void keepsNonAsciiAndPairedSurrogatesButEscapesLoneOnes() {
        assertThat(JsonText.quote("é€😀/<")).isEqualTo("\"é€😀/<\"");
        assertThat(JsonText.quote("x\ud83dy\ude00")).isEqualTo("\"x\\ud83dy\\ude00\"");
    }

    @Test
    void objectsAreCompactAndOrdered() {
        String json = new JsonObject().string("b", "1").number("a", 2).bool("c", false).string("d", null)
                .object("e", new JsonObject()).toString();

        assertThat(json).isEqualTo("{\"b\":\"1\",\"a\":2,\"c\":false,\"d\":null,\"e\":{}}");
    }
}
