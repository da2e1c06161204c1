package io.github.flare4j.emulator.workersai;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The OpenAI members the emulator takes without acting on them (tool choice, parallel tool calls,
 * reasoning effort, the end user, a strict schema, extra members): recorded as sent when well
 * formed, refused with 5006 naming the member when not.
 */
class OpenAiMembersTest extends RouteTestBase {
    static final String MODEL = "@cf/meta/llama-3.1-8b-instruct-fp8";
    static final String HEAD = "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

    @Test
    void wellFormedMembersAreTakenAndRecorded() {
        String body = HEAD + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"f\"}},"
                + "\"parallel_tool_calls\":false,\"reasoning_effort\":\"minimal\",\"user\":\"u-1\","
                + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"a\","
                + "\"schema\":{\"type\":\"object\"},\"strict\":true}},\"raw\":true}";

        Raw.Response response = Raw.post(emulator.port(), ai("v1/chat/completions"), body, bearer);

        assertThat(response.status()).isEqualTo(200);
        assertThat(emulator.requests().getLast().body()).isEqualTo(body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"tool_choice\":\"sometimes\"", "\"tool_choice\":{\"type\":\"function\"}",
        "\"parallel_tool_calls\":\"no\"", "\"reasoning_effort\":\"extreme\"", "\"user\":42",
        "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"schema\":{},\"strict\":\"yes\"}}"})
    void aMalformedMemberFailsTheSchemaByName(String member) {
        Raw.Response response = Raw.post(emulator.port(), ai("v1/chat/completions"), HEAD + "," + member + "}", bearer);

        String name = member.substring(1, member.indexOf('"', 1));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("5006").contains("/" + name);
    }
}
