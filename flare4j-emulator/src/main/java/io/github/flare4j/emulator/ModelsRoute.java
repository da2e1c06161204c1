package io.github.flare4j.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.jetty.http.HttpField;

/**
 * {@code GET /api/models}: {@code {"models":[{"id":..,"source":1,"name":"@cf/...","description":..,
 * "task":{"id":..,"name":"Text Generation","description":..},"tags":[],"properties":[{"property_id":
 * "context_window","value":"131072"},..]},...]}} (the properties of {@link ModelCatalog#propertiesJson}),
 * with a {@code _cfuvid} cookie.
 *
 * <p>Body faults spoil the document: {@link Fault#TRUNCATED}, {@link Fault#RESET} and
 * {@link Fault#STALL} send its first half only, {@link Fault#MALFORMED_LINE} sends broken JSON, and
 * {@link Fault#ERROR_PART} sends {@code {"error":"Error during inference"}}.
 */
final class ModelsRoute implements Route {

    static final String TASK_ID = "c329a1f9-323d-4e91-b2aa-582dd4188d34";
    static final String TASK_DESCRIPTION = "Family of generative text models, such as large language models (LLM),"
            + " that can be adapted for a variety of natural language tasks.";

    private final EmulatorSettings settings;
    private final RandomTokens tokens;

    ModelsRoute(EmulatorSettings settings, RandomTokens tokens) {
        this.settings = settings;
        this.tokens = tokens;
    }

    @Override
    public void answer(Exchange exchange, RouteCall call) throws IOException {
        List<HttpField> headers = List.of(
                WireHeaders.verbatim("content-type", "application/json"),
                WireHeaders.date(),
                WireHeaders.verbatim("Set-Cookie", "_cfuvid=" + tokens.cookieValue() + "; Path=/; HttpOnly; SameSite=None"));
        exchange.send(200, headers, document(settings.models()), FaultEffect.onDocument(call.fault(),
                "{\"models\":[{not json", new JsonObject().string("error", ReplyStreamer.ERROR_MESSAGE).toString(),
                settings.stallDuration()));
    }

    static String document(List<String> ids) {
        List<JsonObject> models = new ArrayList<>();
        for (String id : ids) {
            models.add(entry(id, TASK_ID, "Text Generation", TASK_DESCRIPTION));
        }
        return new JsonObject().array("models", models).toString();
    }

    /**
     * Workers AI's model objects for {@code ids}, with a model of another task among them, as
     * {@code env.AI.models()} lists every task: the playground agent's {@code getModels} answer.
     */
    static List<JsonObject> catalogue(List<String> ids) {
        List<JsonObject> models = new ArrayList<>();
        for (String id : ids) {
            models.add(entry(id, TASK_ID, "Text Generation", TASK_DESCRIPTION));
        }
        models.add(Math.min(1, models.size()), entry("@cf/baai/bge-base-en-v1.5",
                "0137cdcf-162a-4108-94f2-1ca59e8c65ee", "Text Embeddings",
                "Feature extraction models transform raw data into numerical features."));
        models.add(entry("@cf/black-forest-labs/flux-1-schnell", "3d6e1f35-341b-4915-a6c8-9a7142a9033a",
                "Text-to-Image", "Generates images from input text."));
        return models;
    }

    private static JsonObject entry(String id, String taskId, String taskName, String taskDescription) {
        return new JsonObject()
                .string("id", UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8)).toString())
                .number("source", 1)
                .string("name", id)
                .string("description", ModelCatalog.description(id))
                .object("task", new JsonObject()
                        .string("id", taskId)
                        .string("name", taskName)
                        .string("description", taskDescription))
                .raw("tags", "[]")
                .raw("properties", ModelCatalog.propertiesJson(id));
    }
}
