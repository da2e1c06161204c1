package io.github.flare4j.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** Starting, addressing and closing an emulator. */
class EmulatorLifecycleTest {

    @Test
    void startsOnLoopbackAndAnEphemeralPort() {
        try (Emulator emulator = Emulator.start()) {
            assertThat(emulator.port()).isPositive();
            assertThat(emulator.host()).isEqualTo("127.0.0.1");
            assertThat(emulator.baseUrl()).isEqualTo("http://127.0.0.1:" + emulator.port());
            assertThat(emulator.format()).isEqualTo(StreamFormat.V4);
        }
    }

    @Test
    void listensOnTheRequestedPort() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (Emulator emulator = Emulator.builder().port(port).host("127.0.0.1").format(StreamFormat.V5).start()) {
            assertThat(emulator.port()).isEqualTo(port);
            assertThat(emulator.format()).isEqualTo(StreamFormat.V5);
            assertThat(RawHttp.exchange(port, RawHttp.get(port, "/api/models")).status()).isEqualTo(200);
        }
    }

    @Test
    void aBusyPortIsReported() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> Emulator.builder().port(busy.getLocalPort()).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(String.valueOf(busy.getLocalPort()));
        }
    }

    @Test
    void closeStopsListeningAndCanBeRepeated() {
        Emulator emulator = Emulator.start();
        int port = emulator.port();

        emulator.close();
        emulator.close();

        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void awaitTerminationReturnsOnceClosed() throws Exception {
        Emulator emulator = Emulator.start();
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                emulator.awaitTermination();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        emulator.close();

        assertThat(waiter.join(java.time.Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void faultAndFormatNamesAreForgiving() {
        assertThat(Fault.parse(" Malformed-Line ")).isEqualTo(Fault.MALFORMED_LINE);
        assertThat(Fault.parse("stall")).isEqualTo(Fault.STALL);
        assertThat(StreamFormat.parse("v5")).isEqualTo(StreamFormat.V5);
        assertThat(Fault.CHALLENGE.isErrorStatus()).isTrue();
        assertThat(Fault.STALL.isErrorStatus()).isFalse();
    }
}
