package io.github.flare4j.emulator.workersai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Image content parts, REST's top-level image and stop, as raw bytes to both chat routes. */
class ChatBodyPartsTest extends RouteTestBase {
    static final String SCOUT = "@cf/meta/llama-4-scout-17b-16e-instruct";
    static final String VISION = "@cf/meta/llama-3.2-11b-vision-instruct";
    static final String PARTS = "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What?\"},"
            + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,iVBORw0KGgo=\"}},"
            + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/cat.png\"}}]}]";

    @Test
    void imagePartsAndStopAreTakenOnTheOpenAiRoute() {
        String body = "{\"model\":\"" + SCOUT + "\"," + PARTS + ",\"stop\":[\"END\"]}";
        Raw.Response response = Raw.post(emulator.port(), ai("v1/chat/completions"), body, bearer);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("I see 2 images.");
        assertThat(emulator.requests().getLast().body()).isEqualTo(body);
    }

    @Test
    void imagePartsAndRestsTopLevelImageAreTakenOnTheRestRoute() {
        List<String> models = new ArrayList<>(emulator.models());
        models.add(VISION);
        emulator.models(models);

        Raw.Response parts = Raw.post(emulator.port(), ai("run/" + SCOUT), "{" + PARTS + "}", bearer);
        Raw.Response image = Raw.post(emulator.port(), ai("run/" + VISION),
                "{\"messages\":[{\"role\":\"user\",\"content\":\"What?\"}],\"image\":\"iVBORw0KGgo=\"}", bearer);

        assertThat(parts.body()).contains("I see 2 images.");
        assertThat(image.body()).contains("I see 1 image.");
    }

    @Test
    void aBadPartOrFiveStopSequencesFailTheSchema() {
        Raw.Response part = Raw.post(emulator.port(), ai("run/" + SCOUT),
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"video\"}]}]}", bearer);
        Raw.Response stop = Raw.post(emulator.port(), ai("v1/chat/completions"), "{\"model\":\"" + SCOUT
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}",
                bearer);

        assertThat(part.status()).isEqualTo(400);
        assertThat(part.body()).contains("5006");
        assertThat(stop.status()).isEqualTo(400);
        assertThat(stop.body()).contains("5006").contains("/stop");
    }
}
