package io.github.flare4j.emulator;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpField;

/**
 * {@code POST /api/inference}: parses the playground's request body and streams the
 * {@link ReplyScript scripted} reply in the requested {@link StreamFormat}, one flushed chunk per
 * frame, with a {@code __cf_bm} cookie. A body that is not valid JSON, or lacks messages, gets
 * {@code 400} with a JSON error.
 */
final class InferenceRoute implements Route {

    /** The content type the real playground sent for both formats, overriding the AI SDK's. */
    static final String PLAYGROUND_CONTENT_TYPE = "text/x-unknown";

    private final EmulatorSettings settings;
    private final RandomTokens tokens;

    InferenceRoute(EmulatorSettings settings, RandomTokens tokens) {
        this.settings = settings;
        this.tokens = tokens;
    }

    @Override
    public void answer(Exchange exchange, RouteCall call) throws IOException {
        String body = call.body();
        StreamFormat format = call.format();
        Fault fault = call.fault();
        InferenceRequest request;
        try {
            request = InferenceRequest.parse(body);
        } catch (BadRequestException e) {
            exchange.respondError(400, e.getMessage());
            return;
        }
        Reply reply = ReplyScript.reply(request, tokens.messageId(), settings.replyTokens());
        if (fault == Fault.HTML_PAGE) {
            StatusFaults.htmlPage(exchange);
            return;
        }
        if (fault == Fault.JSON_BODY) {
            exchange.respond(200, List.of(WireHeaders.verbatim("content-type", "application/json"), WireHeaders.date()),
                    new JsonObject().string("response", reply.text()).toString());
            return;
        }
        Duration delay = settings.tokenDelay();
        StreamWriter writer = StreamWriter.of(format, frame -> {
            pause(delay);
            exchange.write(frame);
        });
        String contentType = settings.sdkContentTypes() ? writer.sdkContentType() : PLAYGROUND_CONTENT_TYPE;
        List<HttpField> headers = new ArrayList<>(writer.headers(contentType, WireHeaders.date()));
        headers.add(WireHeaders.verbatim("Set-Cookie", "__cf_bm=" + tokens.cookieValue() + "; Path=/; HttpOnly; SameSite=None"));
        exchange.begin(200, headers);
        FaultEffect effect = FaultEffect.onStream(fault, settings.stallDuration());
        if (effect.declaredLength() >= 0) {
            exchange.contentLength(effect.declaredLength());
        }
        ReplyStreamer.stream(reply, writer, fault);
        exchange.end(effect.ending(), effect.stallDuration());
    }

    private static void pause(Duration delay) throws InterruptedIOException {
        if (delay.isPositive()) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted between frames");
            }
        }
    }
}
