package io.github.flare4j.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The faults that report something inside a stream: Workers AI's rate limit as the playground
 * relays it, and a turn as newer versions of the protocols send it. Observed as raw bytes and
 * frames.
 */
class InStreamFaultsTest {

    private static final String BODY = PlaygroundRequest.user("one two three four").system(null).json();
    private static final String RATE_LIMIT_JSON = "{\"message\":\"Inference failed\","
            + "\"details\":\"3021: rate limiting: inference request per min rate reached\"}";
    private static final String REQUEST = "{\"id\":\"5d411aaf\",\"init\":{\"method\":\"POST\",\"body\":"
            + "\"{\\\"messages\\\":[{\\\"id\\\":\\\"0ff083dfa7ac4839\\\",\\\"role\\\":\\\"user\\\",\\\"parts\\\":"
            + "[{\\\"type\\\":\\\"text\\\",\\\"text\\\":\\\"3\\\"}]}],\\\"trigger\\\":\\\"submit-message\\\"}\"},"
            + "\"type\":\"cf_agent_use_chat_request\"}";

    private final Emulator emulator = Emulator.start();
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private WebSocket socket;

    @AfterEach
    void close() {
        if (socket != null) {
            socket.abort();
        }
        emulator.close();
    }

    @Test
    void rateLimitPartInV4IsCodeThreeWithTheJsonTextBeforeAnyText() throws Exception {
        emulator.enqueueFault(Fault.RATE_LIMIT_PART);

        RawHttp.Response response = inference();

        assertThat(response.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(response.chunks().subList(1, response.chunks().size()))
                .containsExactly("3:" + JsonText.quote(RATE_LIMIT_JSON) + "\n");
    }

    @Test
    void rateLimitPartInV5IsAnErrorChunkThenDone() throws Exception {
        RawHttp.Response response = inference("x-emulator-format: v5", "x-emulator-fault: rate-limit-part");

        assertThat(response.chunks()).endsWith(
                "data: {\"type\":\"start-step\"}\n\n",
                "data: " + new JsonObject().string("type", "error").string("errorText", RATE_LIMIT_JSON) + "\n\n",
                "data: [DONE]\n\n");
    }

    @Test
    void protocolDriftInV5SendsEveryNewChunkTypeAfterStartStepThenTheReply() throws Exception {
        RawHttp.Response response = inference("x-emulator-format: v5", "x-emulator-fault: protocol-drift");

        List<String> types = response.chunks().stream()
                .filter(chunk -> chunk.startsWith("data: {\"type\":\""))
                .map(chunk -> chunk.substring(15, chunk.indexOf('"', 15))).toList();
        assertThat(types).startsWith("start", "start-step", "reasoning-start").containsSubsequence(
                "tool-input-error", "tool-approval-request", "reset-step", "tool-approval-response",
                "tool-output-denied", "tool-output-available", "tool-output-error", "steering-message", "custom",
                "data-weather", "source-url", "source-document", "file", "message-metadata", "text-start",
                "text-delta", "finish-step", "finish");
        assertThat(types).contains("reasoning-file");
        assertThat(response.chunks()).last().isEqualTo("data: [DONE]\n\n");
    }

    @Test
    void protocolDriftLeavesV4Unchanged() throws Exception {
        RawHttp.Response drifted = inference("x-emulator-fault: protocol-drift");
        RawHttp.Response plain = inference();

        assertThat(drifted.chunks().subList(1, drifted.chunks().size()))
                .isEqualTo(plain.chunks().subList(1, plain.chunks().size()));
    }

    @Test
    void rateLimitFrameCarriesTheJsonTextBeforeAnyText() throws Exception {
        emulator.enqueueAgentFault(AgentFault.RATE_LIMIT_FRAME);

        List<String> turn = turn();

        assertThat(turn).noneMatch(frame -> frame.contains("text-delta"));
        assertThat(turn.get(turn.size() - 2)).isEqualTo(new JsonObject().bool("error", true)
                .string("body", RATE_LIMIT_JSON).bool("done", false).string("id", "5d411aaf")
                .string("type", "cf_agent_use_chat_response").raw("messageIds", "[\"0ff083dfa7ac4839\"]").toString());
        assertThat(turn.getLast()).contains("\"done\":true").contains("\"outcome\":\"error\"");
    }

    @Test
    void rateLimitTextFrameCarriesThePlainTextAfterText() throws Exception {
        emulator.enqueueAgentFault(AgentFault.RATE_LIMIT_TEXT_FRAME);

        List<String> turn = turn();

        assertThat(turn).anyMatch(frame -> frame.contains("text-delta"));
        assertThat(turn.get(turn.size() - 2)).startsWith("{\"error\":true,\"body\":"
                + "\"3021: rate limiting: inference request per min rate reached\",\"done\":false,");
        assertThat(turn.getLast()).contains("\"outcome\":\"error\"");
    }

    @Test
    void protocolDriftSendsTheNewFramesAroundTheTurn() throws Exception {
        emulator.enqueueAgentFault(AgentFault.PROTOCOL_DRIFT);

        List<String> turn = turn();

        List<String> types = turn.stream().filter(frame -> frame.startsWith("{\"type\":\""))
                .map(frame -> frame.substring(9, frame.indexOf('"', 9))).toList();
        assertThat(types).containsExactly("cf_agent_stream_pending", "cf_agent_chat_recovering", "cf_agent_session",
                "cf_agent_session_error", "cf_agent_state_error", "cf_agent_stream_resuming", "cf_mcp_agent_event",
                "cf_agent_chat_messages", "cf_agent_message_updated", "cf_agent_chat_recovering");
        assertThat(turn).anyMatch(frame -> frame.contains("reset-step"));
        assertThat(turn.getLast()).isEqualTo("{\"body\":\"\",\"done\":true,\"id\":\"5d411aaf\","
                + "\"type\":\"cf_agent_use_chat_response\",\"messageIds\":[\"0ff083dfa7ac4839\"]}");
    }

    /** Sends the chat request on a new socket and returns the turn's frames up to the done frame. */
    private List<String> turn() throws InterruptedException {
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(emulator.baseUrl().replace("http://", "ws://") + Emulator.AGENTS_PATH
                        + "/faults?_pk=b5adc38b-32ed-45e8-8e7a-d993e2793414"), new Collector()).join();
        assertThat(next()).contains("cf_agent_identity");
        assertThat(next()).contains("cf_agent_state");
        assertThat(next()).contains("cf_agent_mcp_servers");
        socket.sendText(REQUEST, true).join();
        List<String> turn = new ArrayList<>();
        do {
            turn.add(next());
        } while (!turn.getLast().contains("\"done\":true"));
        return turn;
    }

    private String next() throws InterruptedException {
        String frame = frames.poll(10, TimeUnit.SECONDS);
        assertThat(frame).as("a frame within 10 s").isNotNull();
        return frame;
    }

    private RawHttp.Response inference(String... headers) throws IOException {
        return RawHttp.exchange(emulator.port(), RawHttp.post(emulator.port(), "/api/inference", BODY, headers));
    }

    /** Collects whole text messages. */
    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
