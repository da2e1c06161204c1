package io.github.flare4j.emulator.workersai;

import io.github.flare4j.emulator.Fault;
import io.github.flare4j.emulator.FaultEffect;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpField;

/**
 * Text generation: {@code POST .../ai/run/{model}} (REST: streamed with {@code "stream":true}, else one
 * v4 envelope) and {@code POST .../ai/v1/chat/completions} (OpenAI-compatible), directly or through AI
 * Gateway. An unknown model is 5007, a body failing the schema 5006, a paid-only model on the Free plan
 * 5035, {@code rejectIfBusy} while busy 3040; body faults bend the stream or the JSON reply.
 */
final class ChatRoute implements WorkersAiRoute {

    private final Supplier<List<String>> models;
    private final Supplier<Duration> tokenDelay;
    private final Duration stallDuration;
    private final IntSupplier retryAfterSeconds;
    private final IntSupplier replyTokens;
    private final BooleanSupplier workersPaid;
    private final BooleanSupplier busy;

    ChatRoute(Supplier<List<String>> models, Supplier<Duration> tokenDelay, Duration stallDuration,
            IntSupplier retryAfterSeconds, IntSupplier replyTokens, BooleanSupplier workersPaid, BooleanSupplier busy) {
        this.models = models;
        this.tokenDelay = tokenDelay;
        this.stallDuration = stallDuration;
        this.retryAfterSeconds = retryAfterSeconds;
        this.replyTokens = replyTokens;
        this.workersPaid = workersPaid;
        this.busy = busy;
    }

    /**
     * Answers a chat request.
     *
     * @param runModel the model from the REST path, or null for the OpenAI route (model in the body)
     */
    @Override
    public void answer(RouteExchange exchange, String runModel, String body, Fault fault, List<HttpField> extra)
            throws IOException {
        if (!WorkersAiRoutes.requireMethod(exchange, "POST", extra)) {
            return;
        }
        ChatBody request;
        try {
            request = ChatBody.parse(body);
        } catch (ChatBody.InvalidBody e) {
            exchange.respond(400, WorkersAiRoutes.jsonHeaders(extra), ReplyWire.failure(5006, e.getMessage()));
            return;
        }
        boolean openAi = runModel == null;
        String model = openAi ? request.model() : runModel;
        if (model == null || !models.get().contains(model)) {
            exchange.respond(400, WorkersAiRoutes.jsonHeaders(extra),
                    ReplyWire.failure(5007, "No such model " + (model == null ? "" : model) + " or task"));
            return;
        }
        if (WorkersAiRoutes.PAID_ONLY.contains(model) && !workersPaid.getAsBoolean()) {
            exchange.respond(403, WorkersAiRoutes.jsonHeaders(extra), ReplyWire.failure(5035,
                    "This model requires the Workers Paid plan; upgrade the account to use " + model));
            return;
        }
        if (request.rejectIfBusy() && busy.getAsBoolean()) {
            List<HttpField> headers = new ArrayList<>(WorkersAiRoutes.jsonHeaders(extra));
            headers.add(WorkersAiRoutes.verbatim("Retry-After", Integer.toString(retryAfterSeconds.getAsInt())));
            exchange.respond(WorkersAiRoutes.statusOf(3040), headers, ReplyWire.failure(3040, WorkersAiRoutes.messageOf(3040)));
            return;
        }
        ChatReply reply = ChatReply.of(model, request, replyTokens.getAsInt());
        ReplyWire wire = new ReplyWire(model, "chatcmpl-" + WorkersAiRoutes.randomId(24), Instant.now().getEpochSecond());
        if (request.stream() && fault == Fault.HTML_PAGE) {
            exchange.respond(200, List.of(WorkersAiRoutes.verbatim("content-type", "text/html; charset=utf-8"), WorkersAiRoutes.date()), WorkersAiRoutes.HTML_PAGE);
        } else if (request.stream() && fault == Fault.JSON_BODY) {
            exchange.respond(200, WorkersAiRoutes.jsonHeaders(extra), openAi ? wire.completion(reply).toString() : wire.restJson(reply));
        } else if (request.stream()) {
            List<String> events = openAi ? wire.chunkEvents(reply, request.includeUsage()) : wire.restEvents(reply);
            stream(exchange, events, fault, extra, openAi);
        } else {
            String json = openAi ? wire.completion(reply).toString() : wire.restJson(reply);
            WorkersAiRoutes.whole(exchange, json, fault, extra, stallDuration);
        }
    }

    private void stream(RouteExchange exchange, List<String> events, Fault fault, List<HttpField> extra,
            boolean openAi) throws IOException {
        List<HttpField> headers = new ArrayList<>(List.of(
                WorkersAiRoutes.verbatim("content-type", "text/event-stream"),
                WorkersAiRoutes.verbatim("cache-control", "no-cache"),
                WorkersAiRoutes.verbatim("connection", "keep-alive"),
                WorkersAiRoutes.date()));
        headers.addAll(extra);
        FaultEffect effect = FaultEffect.onStream(fault, stallDuration);
        exchange.begin(200, headers);
        if (effect.declaredLength() >= 0) {
            exchange.contentLength(effect.declaredLength());
        }
        Duration delay = tokenDelay.get();
        for (int i = 0; i < events.size() && i < effect.cutAfter(); i++) {
            WorkersAiRoutes.pause(delay);
            exchange.write(events.get(i));
            if (i == 0) {
                switch (effect.injection()) {
                    case MALFORMED -> exchange.write("data: {not json\n\n");
                    case OVERSIZED_TEXT -> exchange.write(textEvent(openAi, "x".repeat(FaultEffect.OVERSIZED_LENGTH)));
                    case INVALID_UTF8_TEXT -> exchange.write(textEvent(openAi, FaultEffect.INVALID_UTF8_TEXT));
                    case EMPTY_EVENT -> exchange.write("data:\n\ndata: \n\n");
                    case NONE -> {
                    }
                }
            }
        }
        if (effect.errorAtEnd()) {
            exchange.write(ReplyWire.event(new Json().string("error", WorkersAiRoutes.ERROR_MESSAGE)));
        }
        exchange.end(fault, stallDuration);
    }

    /** One text event of the stream's kind, written here rather than by {@link ReplyWire}: faults only. */
    private static String textEvent(boolean openAi, String text) {
        String quoted = new Json().string("t", text).toString();
        String value = quoted.substring(quoted.indexOf(':') + 1, quoted.length() - 1);
        return openAi
                ? "data: {\"id\":\"chatcmpl-fault\",\"object\":\"chat.completion.chunk\",\"created\":0,"
                        + "\"model\":\"fault\",\"choices\":[{\"index\":0,\"delta\":{\"content\":" + value
                        + "},\"finish_reason\":null}]}\n\n"
                : "data: {\"response\":" + value + ",\"p\":\"abc\"}\n\n";
    }
}
