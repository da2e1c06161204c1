package io.github.flare4j.emulator.workersai;

import io.github.flare4j.emulator.Fault;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;

/**
 * Text embeddings: {@code POST .../ai/run/{embedding model}} ({@code {"text":[..]}}) and
 * {@code POST .../ai/v1/embeddings} ({@code {"model":..,"input":[..]}}), for the models of
 * {@link EmbeddingWire#MODELS}, the vectors derived from a hash of the input.
 */
final class EmbeddingRoute implements WorkersAiRoute {

    private final Duration stallDuration;

    EmbeddingRoute(Duration stallDuration) {
        this.stallDuration = stallDuration;
    }

    /**
     * Answers an embedding request: the REST API's ({@code runModel} from the path, inputs in
     * {@code text}) or the OpenAI-compatible one ({@code runModel} null, {@code model} and
     * {@code input} in the body). An unknown model is error 5007, a body without inputs 5006; the
     * body faults bend the reply as they bend a chat's JSON reply.
     */
    @Override
    public void answer(RouteExchange exchange, String runModel, String body, Fault fault, List<HttpField> extra)
            throws IOException {
        if (!WorkersAiRoutes.requireMethod(exchange, "POST", extra)) {
            return;
        }
        boolean openAi = runModel == null;
        Object json;
        try {
            json = new org.eclipse.jetty.util.ajax.JSON().fromJSON(body);
        } catch (RuntimeException e) {
            json = null;
        }
        if (!(json instanceof Map<?, ?> root)) {
            exchange.respond(400, WorkersAiRoutes.jsonHeaders(extra),
                    ReplyWire.failure(5006, "Type mismatch of '/', 'object' not in 'string'"));
            return;
        }
        String model = openAi ? (root.get("model") instanceof String named ? named : null) : runModel;
        if (model == null || !EmbeddingWire.MODELS.containsKey(model)) {
            exchange.respond(400, WorkersAiRoutes.jsonHeaders(extra),
                    ReplyWire.failure(5007, "No such model " + (model == null ? "" : model) + " or task"));
            return;
        }
        List<String> inputs;
        try {
            inputs = EmbeddingWire.inputs(root.get(openAi ? "input" : "text"), openAi ? "input" : "text");
        } catch (ChatBody.InvalidBody e) {
            exchange.respond(400, WorkersAiRoutes.jsonHeaders(extra), ReplyWire.failure(5006, e.getMessage()));
            return;
        }
        WorkersAiRoutes.whole(exchange, openAi ? EmbeddingWire.openAi(model, inputs) : EmbeddingWire.rest(model, inputs),
                fault, extra, stallDuration);
    }
}
