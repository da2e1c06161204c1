package io.github.flare4j.emulator.workersai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.ReplyScript;
import org.junit.jupiter.api.Test;

/** {@link Emulator.Builder#replyTokens(int)}: long filler replies on every route, still cut at max_tokens. */
class ReplyTokensTest {

    private static final String MODEL = "@cf/meta/llama-3.1-8b-instruct-fp8";

    @Test
    void coalescedWritesSendTheSameBytes() {
        try (Emulator one = Emulator.builder().replyTokens(3000).start();
                Emulator gathered = Emulator.builder().replyTokens(3000).coalesceWrites(true).start()) {
            String body = "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"stream\":true}";
            String a = Raw.post(one.port(), "/client/v4/accounts/" + one.accountId() + "/ai/run/" + MODEL, body,
                    "Authorization: Bearer " + one.apiToken()).body();
            String b = Raw.post(gathered.port(), "/client/v4/accounts/" + gathered.accountId() + "/ai/run/" + MODEL,
                    body, "Authorization: Bearer " + gathered.apiToken()).body();
            assertThat(b).isEqualTo(a).hasSizeGreaterThan(3 * 32 * 1024);
        }
    }

    @Test
    void fillerCyclesThroughItsWords() {
        assertThat(ReplyScript.filler(11)).hasSize(11).startsWith("The ", "quick ").endsWith("The ", "quick ");
        assertThat(String.join("", ReplyScript.filler(9))).isEqualTo("The quick brown fox jumps over the lazy dog. ");
    }

    @Test
    void openAiRouteStreamsThatManyTokensAndHonoursMaxTokens() {
        try (Emulator emulator = Emulator.builder().replyTokens(50).virtualThreads(true).start()) {
            String path = "/client/v4/accounts/" + emulator.accountId() + "/ai/v1/chat/completions";
            String bearer = "Authorization: Bearer " + emulator.apiToken();
            String body = Raw.post(emulator.port(), path, "{\"model\":\"" + MODEL
                    + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}],\"stream\":true}", bearer).body();
            assertThat(body.split("\"content\":\"[a-zA-Z.]+ \"", -1)).hasSize(51);

            emulator.replyTokens(0);
            String scripted = Raw.post(emulator.port(), path, "{\"model\":\"" + MODEL
                    + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}],\"max_tokens\":3}", bearer).body();
            assertThat(scripted).contains("\"content\":\"Hello! I am \"").contains("\"finish_reason\":\"length\"");

            emulator.replyTokens(50);
            String cut = Raw.post(emulator.port(), path, "{\"model\":\"" + MODEL
                    + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}],\"max_tokens\":4}", bearer).body();
            assertThat(cut).contains("\"content\":\"The quick brown fox \"").contains("\"finish_reason\":\"length\"");
        }
    }

    @Test
    void negativeIsRefused() {
        assertThatThrownBy(() -> Emulator.builder().replyTokens(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
