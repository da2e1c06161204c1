package io.github.flare4j.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Agents chat WebSocket, frame for frame as in the recorded transcripts (JDK WebSocket client). */
class AgentsEndpointTest {

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

    /** The playground's agent has an initial state, so it always follows the identity. */
    @Test
    void serverGreetsWithIdentityItsInitialStateThenMcpServers() throws Exception {
        connect("wire-demo");

        assertThat(next()).isEqualTo(
                "{\"type\":\"cf_agent_identity\",\"name\":\"wire-demo\",\"agent\":\"playground\",\"stateFollows\":true}");
        assertThat(next()).isEqualTo("{\"type\":\"cf_agent_state\",\"state\":{\"model\":\"@cf/moonshotai/kimi-k2.6\","
                + "\"temperature\":1,\"stream\":true,\"system\":\"You are a helpful assistant that can do various tasks"
                + " using MCP tools.\",\"useExternalProvider\":false,\"externalProvider\":\"openai\","
                + "\"authMethod\":\"provider-key\"}}");
        assertThat(next()).isEqualTo(
                "{\"mcp\":{\"prompts\":[],\"resources\":[],\"servers\":{},\"tools\":[]},\"type\":\"cf_agent_mcp_servers\"}");
    }

    @Test
    void resumeProbeIsAnsweredWithNone() throws Exception {
        connect("wire-demo");
        skipGreeting();

        socket.sendText("{\"type\":\"cf_agent_stream_resume_request\",\"probeId\":\"d3ae5b9a\"}", true).join();

        assertThat(next()).isEqualTo("{\"type\":\"cf_agent_stream_resume_none\",\"reason\":\"idle\",\"probeId\":\"d3ae5b9a\"}");
    }

    @Test
    void chatTurnIsStreamedAsInTheTranscript() throws Exception {
        connect("wire-demo");
        skipGreeting();

        socket.sendText(REQUEST, true).join();

        assertThat(next()).matches("\\{\"body\":\"\\{\\\\\"type\\\\\":\\\\\"start\\\\\",\\\\\"messageId\\\\\":"
                + "\\\\\"assistant_\\d+_[0-9a-z]{9}\\\\\"\\}\",\"done\":false,\"id\":\"5d411aaf\","
                + "\"type\":\"cf_agent_use_chat_response\",\"seq\":0}");
        assertThat(next()).isEqualTo(response("{\\\"type\\\":\\\"start-step\\\"}", 1));
        assertThat(next()).isEqualTo(response("{\\\"type\\\":\\\"text-start\\\",\\\"id\\\":\\\"t0\\\"}", 2));
        assertThat(next()).isEqualTo(response(
                "{\\\"type\\\":\\\"text-delta\\\",\\\"id\\\":\\\"t0\\\",\\\"delta\\\":\\\"Echo: \\\"}", 3));
        assertThat(next()).isEqualTo(response(
                "{\\\"type\\\":\\\"text-delta\\\",\\\"id\\\":\\\"t0\\\",\\\"delta\\\":\\\"3\\\"}", 4));
        assertThat(next()).isEqualTo(response("{\\\"type\\\":\\\"text-end\\\",\\\"id\\\":\\\"t0\\\"}", 5));
        assertThat(next()).isEqualTo(response("{\\\"type\\\":\\\"finish-step\\\"}", 6));
        assertThat(next()).isEqualTo(response(
                "{\\\"type\\\":\\\"finish\\\",\\\"messageMetadata\\\":{\\\"finishReason\\\":\\\"stop\\\"}}", 7));
        assertThat(next()).isEqualTo("{\"body\":\"\",\"done\":true,\"id\":\"5d411aaf\","
                + "\"type\":\"cf_agent_use_chat_response\",\"messageIds\":[\"0ff083dfa7ac4839\"]}");
    }

    @Test
    void errorFrameFaultEndsLikeTheErrorTranscript() throws Exception {
        emulator.enqueueAgentFault(AgentFault.ERROR_FRAME);
        connect("wire-err");
        skipGreeting();

        socket.sendText(REQUEST, true).join();
        List<String> turn = new ArrayList<>();
        for (String frame = next(); !frame.contains("\"done\":true"); frame = next()) {
            turn.add(frame);
        }

        assertThat(turn.getLast()).isEqualTo("{\"error\":true,\"body\":\"mock model failure\",\"done\":false,"
                + "\"id\":\"5d411aaf\",\"type\":\"cf_agent_use_chat_response\",\"messageIds\":[\"0ff083dfa7ac4839\"]}");
        assertThat(emulator.takeAgentFrame(Duration.ofSeconds(5))).isEqualTo(REQUEST);
    }

    @Test
    void noFrameFaultLeavesTheRequestUnanswered() throws Exception {
        emulator.enqueueAgentFault(AgentFault.NO_FRAME);
        connect("wire-err");
        skipGreeting();

        socket.sendText(REQUEST, true).join();

        assertThat(frames.poll(500, TimeUnit.MILLISECONDS)).isNull();
    }

    /**
     * The turn is held after its first frame while the cancel goes in; an RPC sent after the cancel
     * is answered only once the cancel was handled (a socket's messages are handled in order).
     */
    @Test
    void cancelEndsTheTurnAsAborted() throws Exception {
        try (ReplyHold hold = emulator.holdReply(Emulator.AGENTS_PATH, 1)) {
            connect("wire-demo");
            skipGreeting();

            socket.sendText(REQUEST, true).join();
            next();
            hold.awaitHeld(Duration.ofSeconds(10));
            socket.sendText("{\"id\":\"5d411aaf\",\"type\":\"cf_agent_chat_request_cancel\"}", true).join();
            socket.sendText("{\"type\":\"rpc\",\"id\":\"r1\",\"method\":\"getModels\",\"args\":[]}", true)
                    .join();
            while (!next().contains("\"type\":\"rpc\"")) {
                // the turn sends nothing while held: only the RPC's answer comes
            }
        }
        String frame = next();
        while (!frame.contains("\"done\":true")) {
            frame = next();
        }

        assertThat(frame).contains("\"outcome\":\"aborted\"");
    }

    @Test
    void nonBrowserClientsCanBeRefused() {
        emulator.browsersOnlySockets(true);

        assertThatThrownBy(() -> connect("wire-demo"))
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> {
                    WebSocketHandshakeException refused = (WebSocketHandshakeException) e.getCause();
                    assertThat(refused.getResponse().statusCode()).isEqualTo(403);
                    assertThat(refused.getResponse().body()).hasToString(AgentsRoute.REFUSED_BODY);
                });
    }

    @Test
    void browserLikeHandshakeIsLetThroughWhenOthersAreRefused() throws Exception {
        emulator.browsersOnlySockets(true);

        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Origin", emulator.baseUrl())
                .header("Pragma", "no-cache")
                .buildAsync(URI.create(wsUrl("wire-demo")), new Collector()).join();

        assertThat(next()).contains("cf_agent_identity");
    }

    /** As a real agent (workerd, agents 0.32.0) answered: the state lives in the instance, not the socket. */
    @Test
    void stateIsKeptByTheInstanceAndSentToLaterSockets() throws Exception {
        connect("stateful");
        skipGreeting();
        socket.sendText("{\"type\":\"cf_agent_state\",\"state\":{\"model\":\"m\",\"system\":\"be brief\","
                + "\"max_tokens\":50}}", true).join();
        socket.sendText("{\"type\":\"cf_agent_stream_resume_request\",\"probeId\":\"p1\"}", true).join();
        assertThat(next()).as("the state is not echoed to its sender").contains("cf_agent_stream_resume_none");
        socket.abort();
        frames.clear();

        connect("stateful");

        assertThat(next()).isEqualTo(
                "{\"type\":\"cf_agent_identity\",\"name\":\"stateful\",\"agent\":\"playground\",\"stateFollows\":true}");
        assertThat(next()).isEqualTo(
                "{\"type\":\"cf_agent_state\",\"state\":{\"model\":\"m\",\"system\":\"be brief\",\"max_tokens\":50}}");
        assertThat(next()).contains("cf_agent_mcp_servers");
    }

    @Test
    void stateSetOnOneSocketIsBroadcastToTheOthersWhole() throws Exception {
        connect("shared");
        skipGreeting();
        BlockingQueue<String> otherFrames = new LinkedBlockingQueue<>();
        WebSocket other = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(wsUrl("shared")), new Collector(otherFrames)).join();
        try {
            assertThat(otherFrames.poll(10, TimeUnit.SECONDS)).contains("cf_agent_identity");
            assertThat(otherFrames.poll(10, TimeUnit.SECONDS)).contains("cf_agent_state");
            assertThat(otherFrames.poll(10, TimeUnit.SECONDS)).contains("cf_agent_mcp_servers");

            other.sendText("{\"type\":\"cf_agent_state\",\"state\":{\"model\":\"m\",\"max_tokens\":5}}", true).join();
            other.sendText("{\"type\":\"cf_agent_state\",\"state\":{\"model\":\"m2\"}}", true).join();

            assertThat(next()).isEqualTo("{\"state\":{\"model\":\"m\",\"max_tokens\":5},\"type\":\"cf_agent_state\"}");
            assertThat(next()).isEqualTo("{\"state\":{\"model\":\"m2\"},\"type\":\"cf_agent_state\"}");
            assertThat(otherFrames.poll(300, TimeUnit.MILLISECONDS)).as("not echoed to the sender").isNull();
        } finally {
            other.abort();
        }
    }

    @Test
    void replyFramesAreBroadcastToTheInstancesOtherSockets() throws Exception {
        connect("wire-demo");
        skipGreeting();
        BlockingQueue<String> otherFrames = new LinkedBlockingQueue<>();
        WebSocket other = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(wsUrl("wire-demo")), new Collector(otherFrames)).join();
        try {
            assertThat(otherFrames.poll(10, TimeUnit.SECONDS)).contains("cf_agent_identity");
            assertThat(otherFrames.poll(10, TimeUnit.SECONDS)).contains("cf_agent_state");
            assertThat(otherFrames.poll(10, TimeUnit.SECONDS)).contains("cf_agent_mcp_servers");

            socket.sendText(REQUEST, true).join();

            List<String> mine = new ArrayList<>();
            do {
                mine.add(next());
            } while (!mine.getLast().contains("\"done\":true"));
            List<String> theirs = new ArrayList<>();
            for (int i = 0; i < mine.size(); i++) {
                theirs.add(otherFrames.poll(10, TimeUnit.SECONDS));
            }
            assertThat(theirs).isEqualTo(mine);
        } finally {
            other.abort();
        }
    }

    @Test
    void turnRunsWithTheStateTheClientSetNotTheBodysFields() throws Exception {
        connect("state-turn");
        skipGreeting();
        socket.sendText("{\"type\":\"cf_agent_state\",\"state\":{\"model\":\"@cf/qwen/qwq-32b\",\"temperature\":0.2,"
                + "\"stream\":true,\"system\":\"s\"}}", true).join();

        socket.sendText(REQUEST.replace("\\\"trigger\\\"", "\\\"model\\\":\\\"@cf/ignored/model\\\",\\\"trigger\\\""), true)
                .join();

        assertThat(next()).contains("\\\"type\\\":\\\"start\\\"");
        assertThat(next()).contains("start-step");
        assertThat(next()).as("qwq-32b, the state's model, reasons first").contains("reasoning-start");
    }

    @Test
    void stateWithoutAModelMakesTheTurnFailWithNoFrame() throws Exception {
        connect("partial-state");
        skipGreeting();
        socket.sendText("{\"type\":\"cf_agent_state\",\"state\":{\"temperature\":0.2}}", true).join();

        socket.sendText(REQUEST, true).join();

        assertThat(frames.poll(500, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void getModelsRpcAnswersWithTheCatalogueOfEveryTask() throws Exception {
        emulator.models(List.of("@cf/test/one", "@cf/test/two"));
        connect("rpc");
        skipGreeting();

        socket.sendText("{\"type\":\"rpc\",\"id\":\"r1\",\"method\":\"getModels\",\"args\":[]}", true).join();
        String answer = next();
        socket.sendText("{\"type\":\"rpc\",\"id\":\"r2\",\"method\":\"nope\",\"args\":[]}", true).join();

        assertThat(answer).startsWith("{\"type\":\"rpc\",\"id\":\"r1\",\"success\":true,\"result\":[{\"id\":\"")
                .contains("\"name\":\"@cf/test/one\",\"description\":\"", "\"name\":\"@cf/test/two\"",
                        "\"name\":\"Text Generation\"", "\"name\":\"Text Embeddings\"", "\"name\":\"Text-to-Image\"")
                .endsWith("],\"done\":true}");
        assertThat(next()).isEqualTo("{\"type\":\"rpc\",\"id\":\"r2\",\"success\":false,\"error\":\"Method nope does not exist\"}");
    }

    @Test
    void rpcErrorFaultFailsGetModels() throws Exception {
        emulator.enqueueAgentFault(AgentFault.RPC_ERROR);
        connect("rpc-err");
        skipGreeting();

        socket.sendText("{\"type\":\"rpc\",\"id\":\"r1\",\"method\":\"getModels\",\"args\":[]}", true).join();

        assertThat(next()).isEqualTo("{\"type\":\"rpc\",\"id\":\"r1\",\"success\":false,\"error\":\""
                + AgentConnection.MODELS_FAILURE + "\"}");
    }

    private static String response(String body, int seq) {
        return "{\"body\":\"" + body + "\",\"done\":false,\"id\":\"5d411aaf\","
                + "\"type\":\"cf_agent_use_chat_response\",\"seq\":" + seq + "}";
    }

    private void connect(String instance) {
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(wsUrl(instance)), new Collector()).join();
    }

    private String wsUrl(String instance) {
        return emulator.baseUrl().replace("http://", "ws://") + Emulator.AGENTS_PATH + "/" + instance
                + "?_pk=b5adc38b-32ed-45e8-8e7a-d993e2793414";
    }

    /** Identity, state, MCP servers. */
    private void skipGreeting() throws InterruptedException {
        assertThat(next()).contains("cf_agent_identity");
        assertThat(next()).contains("cf_agent_state");
        assertThat(next()).contains("cf_agent_mcp_servers");
    }

    private String next() throws InterruptedException {
        String frame = frames.poll(10, TimeUnit.SECONDS);
        assertThat(frame).as("a frame within 10 s").isNotNull();
        return frame;
    }

    /** Collects whole text messages. */
    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private final BlockingQueue<String> into;

        Collector() {
            this(frames);
        }

        Collector(BlockingQueue<String> into) {
            this.into = into;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                into.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
