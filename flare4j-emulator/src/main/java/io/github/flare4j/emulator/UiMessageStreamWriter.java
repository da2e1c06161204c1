package io.github.flare4j.emulator;

import java.io.IOException;
import java.util.List;
import org.eclipse.jetty.http.HttpField;

/**
 * The AI SDK v5 UI message stream ({@code x-vercel-ai-ui-message-stream: v1}): server-sent events
 * {@code data: {"type":...}\n\n}, ended by {@code data: [DONE]\n\n}.
 *
 * <p>Reasoning and text arrive in blocks opened by {@code *-start} and closed by {@code *-end},
 * each with an id; this writer opens a block on its first delta and closes it when a part of
 * another kind follows or the stream finishes. Tool calls are {@code tool-input-start},
 * {@code tool-input-delta} and {@code tool-input-available}.
 */
final class UiMessageStreamWriter implements StreamWriter {

    private final FrameSink sink;
    private String openBlockType;
    private String openBlockId;
    private int textBlocks;
    private int reasoningBlocks;

    UiMessageStreamWriter(FrameSink sink) {
        this.sink = sink;
    }

    @Override
    public String sdkContentType() {
        return "text/event-stream";
    }

    @Override
    public List<HttpField> headers(String contentType, HttpField date) {
        return List.of(
                WireHeaders.verbatim("cache-control", "no-cache"),
                WireHeaders.verbatim("connection", "keep-alive"),
                WireHeaders.verbatim("content-type", contentType),
                WireHeaders.verbatim("x-accel-buffering", "no"),
                WireHeaders.verbatim("x-vercel-ai-ui-message-stream", "v1"),
                date);
    }

    @Override
    public void start(String messageId) throws IOException {
        event(type("start").string("messageId", messageId));
        event(type("start-step"));
    }

    @Override
    public void part(ReplyPart part) throws IOException {
        switch (part) {
            case ReplyPart.Reasoning reasoning -> {
                String id = openBlock("reasoning");
                event(type("reasoning-delta").string("id", id).string("delta", reasoning.delta()));
            }
            case ReplyPart.Text text -> {
                String id = openBlock("text");
                event(type("text-delta").string("id", id).string("delta", text.delta()));
            }
            case ReplyPart.ToolInputStart start -> {
                closeBlock();
                event(type("tool-input-start")
                        .string("toolCallId", start.toolCallId())
                        .string("toolName", start.toolName()));
            }
            case ReplyPart.ToolInputDelta delta -> event(type("tool-input-delta")
                    .string("toolCallId", delta.toolCallId())
                    .string("inputTextDelta", delta.inputTextDelta()));
            case ReplyPart.ToolCall call -> event(type("tool-input-available")
                    .string("toolCallId", call.toolCallId())
                    .string("toolName", call.toolName())
                    .raw("input", call.inputJson()));
        }
    }

    @Override
    public void finish(FinishReason reason, Usage usage) throws IOException {
        closeBlock();
        event(type("finish-step"));
        JsonObject usageJson = new JsonObject()
                .number("inputTokens", usage.promptTokens())
                .number("outputTokens", usage.completionTokens())
                .number("totalTokens", usage.totalTokens());
        event(type("finish")
                .string("finishReason", reason.wireName())
                .object("messageMetadata", new JsonObject().object("usage", usageJson)));
        done();
    }

    @Override
    public void error(String message) throws IOException {
        event(type("error").string("errorText", message));
        done();
    }

    @Override
    public void drift() throws IOException {
        for (String chunk : ProtocolDrift.chunks()) {
            sink.frame("data: " + chunk + "\n\n");
        }
    }

    @Override
    public void malformed() throws IOException {
        sink.frame("data: {not json\n\n");
    }

    @Override
    public void emptyEvent() throws IOException {
        sink.frame("data:\n\ndata: \n\n");
    }

    /** Opens a block of the given type unless one is open; returns the open block's id. */
    private String openBlock(String blockType) throws IOException {
        if (!blockType.equals(openBlockType)) {
            closeBlock();
            openBlockType = blockType;
            openBlockId = blockType.equals("text") ? "txt-" + textBlocks++ : "reasoning-" + reasoningBlocks++;
            event(type(blockType + "-start").string("id", openBlockId));
        }
        return openBlockId;
    }

    private void closeBlock() throws IOException {
        if (openBlockType != null) {
            event(type(openBlockType + "-end").string("id", openBlockId));
            openBlockType = null;
            openBlockId = null;
        }
    }

    private void done() throws IOException {
        sink.frame("data: [DONE]\n\n");
    }

    private void event(JsonObject json) throws IOException {
        sink.frame("data: " + json + "\n\n");
    }

    private static JsonObject type(String type) {
        return new JsonObject().string("type", type);
    }
}
