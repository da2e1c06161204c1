package io.github.flare4j.emulator.workersai;

import io.github.flare4j.emulator.Fault;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpField;

/**
 * {@code POST .../ai/run/{model}} (and AI Gateway's {@code .../workers-ai/{model}}): one path for every
 * task, so the model decides: an embedding goes to the {@link EmbeddingRoute}, anything else to the
 * {@link ChatRoute}.
 */
final class RunRoute implements WorkersAiRoute {

    private final Supplier<List<String>> models;
    private final WorkersAiRoute chat;
    private final WorkersAiRoute embeddings;

    RunRoute(Supplier<List<String>> models, WorkersAiRoute chat, WorkersAiRoute embeddings) {
        this.models = models;
        this.chat = chat;
        this.embeddings = embeddings;
    }

    @Override
    public void answer(RouteExchange exchange, String model, String body, Fault fault, List<HttpField> extra)
            throws IOException {
        (embeds(model, body) ? embeddings : chat).answer(exchange, model, body, fault, extra);
    }

    /**
     * Whether a REST request for {@code model} is an embedding: the model is one of
     * {@link EmbeddingWire#MODELS}, or no text generation model and the body has {@code text} (so
     * that an unknown embedding model gets the 5007 a chat model would).
     */
    private boolean embeds(String model, String body) {
        return EmbeddingWire.MODELS.containsKey(model)
                || (!model.isEmpty() && !models.get().contains(model) && body.contains("\"text\""));
    }
}
