package io.github.flare4j.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Inference bodies the emulator refuses with {@code 400} and a JSON error. */
class BadRequestTest {

    private final Emulator emulator = Emulator.start();

    @AfterEach
    void close() {
        emulator.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "{not json                                   | request body is not valid JSON",
        "[1,2]                                       | request body must be a JSON object",
        "{}                                          | 'messages' must be a non-empty array",
        "{`messages`:[]}                             | 'messages' must be a non-empty array",
        "{`messages`:[{`content`:`hi`}]}             | each message must be an object with a string 'role'",
        "{`messages`:[{`role`:`user`}],`max_tokens`:0} | 'max_tokens' must be a positive integer",
        "{`messages`:[{`role`:`user`}],`model`:5}    | 'model' must be a string",
    })
    void isRefused(String body, String message) throws Exception {
        RawHttp.Response response = RawHttp.exchange(emulator.port(),
                RawHttp.post(emulator.port(), "/api/inference", body.replace('`', '"')));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("content-type")).isEqualTo("application/json");
        assertThat(response.body()).isEqualTo("{\"error\":\"" + message + "\"}");
    }
}
