package io.github.flare4j.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Reply} as the UI message chunks an {@code AIChatAgent} puts in its frames' {@code body},
 * in the transcript's shapes: {@code start} (with the message id), {@code start-step}, blocks of
 * {@code text-start}/{@code text-delta}/{@code text-end} (ids {@code t0}, {@code t1}, ...) and
 * {@code reasoning-*} (ids {@code r0}, ...), {@code tool-input-*} for tool calls, {@code finish-step},
 * then {@code finish} whose {@code messageMetadata} holds only the finish reason (the agent moves it
 * there and sends no usage). Not thread-safe; one per reply.
 */
final class AgentChunks {

    /** One chunk's JSON, and whether it carries a delta (text, reasoning or tool input). */
    record Chunk(String json, boolean delta) {
    }

    private final List<Chunk> chunks = new ArrayList<>();
    private String openType;
    private String openId;
    private int texts;
    private int reasonings;

    List<Chunk> reply(Reply reply) {
        add(type("start").string("messageId", reply.messageId()).toString());
        add(type("start-step").toString());
        for (ReplyPart part : reply.parts()) {
            switch (part) {
                case ReplyPart.Reasoning reasoning -> addDelta(type("reasoning-delta")
                        .string("id", open("reasoning")).string("delta", reasoning.delta()).toString());
                case ReplyPart.Text text -> addDelta(type("text-delta")
                        .string("id", open("text")).string("delta", text.delta()).toString());
                case ReplyPart.ToolInputStart start -> {
                    close();
                    add(type("tool-input-start").string("toolCallId", start.toolCallId())
                            .string("toolName", start.toolName()).toString());
                }
                case ReplyPart.ToolInputDelta delta -> addDelta(type("tool-input-delta")
                        .string("toolCallId", delta.toolCallId()).string("inputTextDelta", delta.inputTextDelta())
                        .toString());
                case ReplyPart.ToolCall call -> add(type("tool-input-available")
                        .string("toolCallId", call.toolCallId()).string("toolName", call.toolName())
                        .raw("input", call.inputJson()).toString());
            }
        }
        close();
        add(type("finish-step").toString());
        add(type("finish").object("messageMetadata",
                new JsonObject().string("finishReason", reply.finishReason().wireName())).toString());
        return chunks;
    }

    private void add(String json) {
        chunks.add(new Chunk(json, false));
    }

    private void addDelta(String json) {
        chunks.add(new Chunk(json, true));
    }

    private String open(String blockType) {
        if (!blockType.equals(openType)) {
            close();
            openType = blockType;
            openId = blockType.equals("text") ? "t" + texts++ : "r" + reasonings++;
            add(type(blockType + "-start").string("id", openId).toString());
        }
        return openId;
    }

    private void close() {
        if (openType != null) {
            add(type(openType + "-end").string("id", openId).toString());
            openType = null;
        }
    }

    private static JsonObject type(String type) {
        return new JsonObject().string("type", type);
    }
}
