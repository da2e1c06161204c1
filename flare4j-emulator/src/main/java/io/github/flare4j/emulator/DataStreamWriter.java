package io.github.flare4j.emulator;

import java.io.IOException;
import java.util.List;
import org.eclipse.jetty.http.HttpField;

/**
 * The AI SDK v4 data stream ({@code x-vercel-ai-data-stream: v1}): one {@code CODE:JSON\n} line per
 * part. Codes used: {@code f} start step, {@code g} reasoning, {@code 0} text, {@code b} tool call
 * streaming start, {@code c} tool call delta, {@code 9} tool call, {@code e} finish step, {@code d}
 * finish message, {@code 3} error.
 */
final class DataStreamWriter implements StreamWriter {

    private final FrameSink sink;

    DataStreamWriter(FrameSink sink) {
        this.sink = sink;
    }

    @Override
    public String sdkContentType() {
        return "text/plain; charset=utf-8";
    }

    @Override
    public List<HttpField> headers(String contentType, HttpField date) {
        return List.of(
                WireHeaders.verbatim("content-type", contentType),
                WireHeaders.verbatim("x-vercel-ai-data-stream", "v1"),
                date,
                WireHeaders.verbatim("Connection", "keep-alive"),
                WireHeaders.verbatim("Keep-Alive", "timeout=30"));
    }

    @Override
    public void start(String messageId) throws IOException {
        line('f', new JsonObject().string("messageId", messageId).toString());
    }

    @Override
    public void part(ReplyPart part) throws IOException {
        switch (part) {
            case ReplyPart.Reasoning reasoning -> line('g', JsonText.quote(reasoning.delta()));
            case ReplyPart.Text text -> line('0', JsonText.quote(text.delta()));
            case ReplyPart.ToolInputStart start -> line('b', new JsonObject()
                    .string("toolCallId", start.toolCallId())
                    .string("toolName", start.toolName()).toString());
            case ReplyPart.ToolInputDelta delta -> line('c', new JsonObject()
                    .string("toolCallId", delta.toolCallId())
                    .string("argsTextDelta", delta.inputTextDelta()).toString());
            case ReplyPart.ToolCall call -> line('9', new JsonObject()
                    .string("toolCallId", call.toolCallId())
                    .string("toolName", call.toolName())
                    .raw("args", call.inputJson()).toString());
        }
    }

    @Override
    public void finish(FinishReason reason, Usage usage) throws IOException {
        JsonObject usageJson = new JsonObject()
                .number("promptTokens", usage.promptTokens())
                .number("completionTokens", usage.completionTokens());
        line('e', new JsonObject()
                .string("finishReason", reason.wireName())
                .object("usage", usageJson)
                .bool("isContinued", false).toString());
        line('d', new JsonObject()
                .string("finishReason", reason.wireName())
                .object("usage", usageJson).toString());
    }

    @Override
    public void error(String message) throws IOException {
        line('3', JsonText.quote(message));
    }

    @Override
    public void malformed() throws IOException {
        sink.frame("0:{not json\n");
    }

    @Override
    public void emptyEvent() throws IOException {
        sink.frame("\n"); // the data stream has no events: a blank line, which decoders skip
    }

    private void line(char code, String json) throws IOException {
        sink.frame(code + ":" + json + "\n");
    }
}
