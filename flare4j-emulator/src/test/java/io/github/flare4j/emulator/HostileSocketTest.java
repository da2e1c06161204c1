package io.github.flare4j.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hostile Agents-socket faults, seen by the JDK's WebSocket client. */
class HostileSocketTest {

    private static final String REQUEST = "{\"id\":\"5d411aaf\",\"init\":{\"method\":\"POST\",\"body\":"
            + "\"{\\\"messages\\\":[{\\\"id\\\":\\\"0ff083dfa7ac4839\\\",\\\"role\\\":\\\"user\\\",\\\"parts\\\":"
            + "[{\\\"type\\\":\\\"text\\\",\\\"text\\\":\\\"3\\\"}]}],\\\"trigger\\\":\\\"submit-message\\\"}\"},"
            + "\"type\":\"cf_agent_use_chat_request\"}";

    private final Emulator emulator = Emulator.start();
    private WebSocket socket;

    @AfterEach
    void close() {
        if (socket != null) {
            socket.abort();
        }
        emulator.close();
    }

    @Test
    void noSocketFaultAnswersTheUpgradeWith404() {
        emulator.enqueueAgentFault(AgentFault.NO_SOCKET);

        assertThatThrownBy(() -> connect(new WebSocket.Listener() { }))
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> {
                    WebSocketHandshakeException refused = (WebSocketHandshakeException) e.getCause();
                    assertThat(refused.getResponse().statusCode()).isEqualTo(404);
                    assertThat(refused.getResponse().body()).hasToString(AgentsRoute.NO_SOCKET_BODY);
                });
    }

    @Test
    void pingFloodComesBeforeTheGreetingThenTheConnectionGoesOn() throws Exception {
        emulator.enqueueAgentFault(AgentFault.PING_FLOOD);
        AtomicInteger pings = new AtomicInteger();
        CompletableFuture<Integer> pingsBeforeIdentity = new CompletableFuture<>();

        socket = connect(new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
                assertThat(message.remaining()).isEqualTo(HostileSocket.PING_PAYLOAD);
                pings.incrementAndGet();
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                if (data.toString().contains("cf_agent_identity")) {
                    pingsBeforeIdentity.complete(pings.get());
                }
                webSocket.request(1);
                return null;
            }
        });

        assertThat(pingsBeforeIdentity.get(60, TimeUnit.SECONDS)).isEqualTo(HostileSocket.FLOOD_PINGS);
    }

    @Test
    void hugeMessageFaultAnswersTheRequestWithFiftyMegabytesInFragments() throws Exception {
        emulator.enqueueAgentFault(AgentFault.HUGE_MESSAGE);
        AtomicLong characters = new AtomicLong();
        AtomicInteger parts = new AtomicInteger();
        StringBuilder start = new StringBuilder();
        CompletableFuture<Long> whole = new CompletableFuture<>();

        socket = connect(new WebSocket.Listener() {
            private boolean inHuge;

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                if (!inHuge && data.toString().startsWith("{\"type\":\"cf_agent_use_chat_response\"")) {
                    inHuge = true;
                    start.append(data, 0, 60);
                }
                if (inHuge) {
                    characters.addAndGet(data.length()); // counted, never kept
                    parts.incrementAndGet();
                    if (last) {
                        whole.complete(characters.get());
                    }
                }
                webSocket.request(1);
                return null;
            }
        });
        socket.sendText(REQUEST, true).join();

        assertThat(whole.get(60, TimeUnit.SECONDS)).isEqualTo(HostileSocket.HUGE_MESSAGE_BYTES);
        assertThat(start).startsWith("{\"type\":\"cf_agent_use_chat_response\",\"body\":\"xxx");
        assertThat(parts.get()).as("sent in parts").isGreaterThan(1);
    }

    private WebSocket connect(WebSocket.Listener listener) {
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(emulator.baseUrl().replace("http://", "ws://") + Emulator.AGENTS_PATH
                        + "/hostile?_pk=b5adc38b-32ed-45e8-8e7a-d993e2793414"), listener).join();
    }
}
