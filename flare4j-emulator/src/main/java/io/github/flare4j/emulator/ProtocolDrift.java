package io.github.flare4j.emulator;

import java.util.List;

/**
 * What {@link Fault#PROTOCOL_DRIFT} and {@link AgentFault#PROTOCOL_DRIFT} add to a turn: the UI
 * message chunk types of AI SDK 6 and 7 (field names as in the SDK's {@code uiMessageChunkSchema})
 * and the frames of {@code agents} 0.32 that a client must know to ignore.
 *
 * <p>The chunks come after {@code start-step}: a first try at the step (reasoning
 * {@value #WITHDRAWN_REASONING}, text {@value #WITHDRAWN_TEXT}, a tool call that failed validation
 * ({@code tool-input-error}, call {@value #WITHDRAWN_CALL_ID}) and one still streaming), withdrawn
 * by {@code reset-step}; then one chunk of every other new type, none of which is part of the
 * reply's text. The reply itself follows unchanged, so a client that decodes them right gets
 * exactly the scripted reply, with no reasoning and no tool call.
 */
final class ProtocolDrift {

    /** The reasoning of the withdrawn step. */
    static final String WITHDRAWN_REASONING = "A first thought, withdrawn. ";
    /** The text of the withdrawn step. */
    static final String WITHDRAWN_TEXT = "A first draft, withdrawn. ";
    /** The tool call of the withdrawn step, whose input failed validation. */
    static final String WITHDRAWN_CALL_ID = "drift-call-1";

    private ProtocolDrift() {
    }

    /** The chunks to send right after {@code start-step}, in order. */
    static List<String> chunks() {
        return List.of(
                type("reasoning-start").string("id", "drift-r0").toString(),
                type("reasoning-delta").string("id", "drift-r0").string("delta", WITHDRAWN_REASONING).toString(),
                type("reasoning-end").string("id", "drift-r0").toString(),
                type("reasoning-file").string("url", "data:text/plain;base64,dGhvdWdodA==")
                        .string("mediaType", "text/plain").toString(),
                type("text-start").string("id", "drift-t0").toString(),
                type("text-delta").string("id", "drift-t0").string("delta", WITHDRAWN_TEXT).toString(),
                type("text-end").string("id", "drift-t0").toString(),
                type("tool-input-start").string("toolCallId", WITHDRAWN_CALL_ID).string("toolName", "weather")
                        .toString(),
                type("tool-input-delta").string("toolCallId", WITHDRAWN_CALL_ID).string("inputTextDelta", "{\"city\":")
                        .toString(),
                type("tool-input-error").string("toolCallId", WITHDRAWN_CALL_ID).string("toolName", "weather")
                        .raw("input", "{\"city\":42}").string("errorText", "city must be a string").toString(),
                type("tool-input-start").string("toolCallId", "drift-call-2").string("toolName", "weather")
                        .toString(),
                type("tool-approval-request").string("approvalId", "drift-approval-1")
                        .string("toolCallId", "drift-call-2").toString(),
                type("reset-step").toString(),
                type("tool-approval-response").string("approvalId", "drift-approval-1").bool("approved", false)
                        .string("reason", "the step was started over").toString(),
                type("tool-output-denied").string("toolCallId", "drift-call-2").toString(),
                type("tool-output-available").string("toolCallId", "drift-call-0")
                        .raw("output", "{\"temperature\":21}").toString(),
                type("tool-output-error").string("toolCallId", "drift-call-0").string("errorText", "no such call")
                        .toString(),
                type("steering-message").string("id", "drift-steer-1").string("text", "Also say it in French.")
                        .toString(),
                type("custom").string("kind", "emulator.note").string("note", "not part of the reply").toString(),
                type("data-weather").string("id", "drift-data-1").raw("data", "{\"city\":\"Paris\"}")
                        .bool("transient", true).toString(),
                type("source-url").string("sourceId", "drift-src-1").string("url", "https://example.com/")
                        .string("title", "Example").toString(),
                type("source-document").string("sourceId", "drift-src-2").string("mediaType", "text/plain")
                        .string("title", "Notes").string("filename", "notes.txt").toString(),
                type("file").string("url", "data:text/plain;base64,aGk=").string("mediaType", "text/plain")
                        .toString(),
                type("message-metadata").raw("messageMetadata", "{\"drift\":true}").toString());
    }

    /** The frames of {@code agents} 0.32 sent before the turn's first response frame. */
    static List<String> framesBefore(String requestId) {
        return List.of(
                frame("cf_agent_stream_pending").string("id", requestId).toString(),
                frame("cf_agent_chat_recovering").bool("recovering", true).string("id", requestId).toString(),
                frame("cf_agent_session").string("phase", "idle").number("tokenEstimate", 42)
                        .raw("tokenThreshold", "null").toString(),
                frame("cf_agent_session_error").string("error", "compaction skipped").toString(),
                frame("cf_agent_state_error").string("error", "State update rejected").toString(),
                frame("cf_agent_stream_resuming").string("id", "another-request").toString(),
                frame("cf_mcp_agent_event").string("event", "data: {}\n\n").bool("close", false).toString(),
                frame("cf_agent_chat_messages").raw("messages", "[]").toString());
    }

    /** The frames sent before the turn's {@code done} frame. */
    static List<String> framesAfter(String requestId) {
        return List.of(
                frame("cf_agent_message_updated").raw("message", new JsonObject().string("id", "drift-msg")
                        .string("role", "assistant")
                        .raw("parts", "[{\"type\":\"text\",\"text\":\"not part of the reply\"}]").toString())
                        .toString(),
                frame("cf_agent_chat_recovering").bool("recovering", false).string("id", requestId).toString());
    }

    private static JsonObject type(String type) {
        return new JsonObject().string("type", type);
    }

    private static JsonObject frame(String type) {
        return new JsonObject().string("type", type);
    }
}
