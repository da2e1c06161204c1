package io.github.flare4j.emulator.workersai;

import io.github.flare4j.emulator.Fault;
import io.github.flare4j.emulator.FaultEffect;
import io.github.flare4j.emulator.ModelCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.http.HttpField;

/**
 * {@code GET .../ai/models/search}: {@code {"result":[{"id","source":1,"name","description","task":{"id",
 * "name","description"},"tags":[],"properties":[{"property_id","value"},..]},..],"success":true,"errors":[],
 * "messages":[],
 * "result_info":{"count","page","per_page","total_count"}}}, a page at a time ({@code page} from 1,
 * {@code per_page}, default {@value #DEFAULT_PER_PAGE}, capped at {@value #MAX_PER_PAGE} as the real service caps
 * it: {@code result_info.per_page} says the size used). The {@code task} parameter is ignored: the five
 * text embedding models and an image model are listed among the text generation ones, so that clients must filter.
 * Each model's properties (context window, function calling, reasoning, vision, ...) are
 * {@link ModelCatalog#propertiesJson}'s.
 */
final class ModelSearch {

    static final int DEFAULT_PER_PAGE = 20;
    static final int MAX_PER_PAGE = 50;
    static final String TEXT_GENERATION = "Text Generation";
    static final String EMBEDDINGS = "Text Embeddings";
    static final String IMAGE_MODEL = "@cf/black-forest-labs/flux-1-schnell";

    private ModelSearch() {
    }

    static void respond(RouteExchange exchange, List<String> textModels, String query, Fault fault,
            Duration stallDuration, List<HttpField> headers) throws IOException {
        Map<String, String> parameters = WorkersAiRoutes.parameters(query);
        int page = positive(parameters.get("page"), 1);
        int perPage = Math.min(positive(parameters.get("per_page"), DEFAULT_PER_PAGE), MAX_PER_PAGE);
        List<Json> all = entries(textModels);
        int from = (int) Math.min((long) (page - 1) * perPage, all.size());
        int to = Math.min(from + perPage, all.size());
        List<Json> shown = all.subList(from, to);
        String document = new Json()
                .raw("result", Json.array(shown))
                .bool("success", true)
                .raw("errors", "[]")
                .raw("messages", "[]")
                .object("result_info", new Json()
                        .number("count", shown.size())
                        .number("page", page)
                        .number("per_page", perPage)
                        .number("total_count", all.size()))
                .toString();
        exchange.send(200, headers, document, FaultEffect.onDocument(fault, "{\"result\":[{not json",
                ReplyWire.failure(3010, WorkersAiRoutes.ERROR_MESSAGE), stallDuration));
    }

    private static List<Json> entries(List<String> textModels) {
        List<Json> entries = new ArrayList<>();
        for (int i = 0; i < textModels.size(); i++) {
            entries.add(entry(textModels.get(i), TEXT_GENERATION));
            if (i == 1) {
                for (String model : EmbeddingWire.MODELS.keySet().stream().sorted().toList()) {
                    entries.add(entry(model, EMBEDDINGS));
                }
            }
        }
        if (textModels.size() < 2) {
            for (String model : EmbeddingWire.MODELS.keySet().stream().sorted().toList()) {
                entries.add(entry(model, EMBEDDINGS));
            }
        }
        entries.add(Math.min(entries.size(), 4), entry(IMAGE_MODEL, "Text-to-Image"));
        return entries;
    }

    private static Json entry(String name, String task) {
        return new Json()
                .string("id", uuid(name))
                .number("source", 1)
                .string("name", name)
                .string("description", task + " model served by the flare4j emulator.")
                .object("task", new Json()
                        .string("id", uuid(task))
                        .string("name", task)
                        .string("description", task + " models."))
                .raw("tags", "[]")
                .raw("properties", ModelCatalog.propertiesJson(name));
    }

    private static String uuid(String text) {
        return UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static int positive(String value, int fallback) {
        try {
            int parsed = value == null ? fallback : Integer.parseInt(value.trim());
            return parsed > 0 ? parsed : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
