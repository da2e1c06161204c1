package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A proxy that refuses the connection is named as the culprit (without its user name and
 * password), whatever the transport; and no message names a Java class without {@code --debug}.
 */
class RefusedProxyTest {
  private int closedPort;

  @BeforeEach
  void closedLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort(); // nothing listens there once it is closed
    }
  }

  private CliRunner.Result chat(String proxy, String... more) {
    return CliRunner.run(CliRunner.args(java.util.List.of("chat", "--proxy", proxy,
        "--base-url", "http://127.0.0.1:9", "--no-browser", "--retries", "0"), more));
  }

  @Test
  void aRefusingHttpProxyIsNamedWithoutItsCredentials() {
    CliRunner.Result result = chat("http://alice:pa55word@127.0.0.1:" + closedPort,
        "--transport", "inference", "hi");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.NETWORK);
    assertThat(result.err()).contains("the proxy at http://127.0.0.1:" + closedPort
        + " (--proxy) refused the connection").contains("run without --proxy")
        .doesNotContain("pa55word").doesNotContain("alice");
  }

  @Test
  void aRefusingSocksProxyIsNamedOverTheAgentsSocketToo() {
    CliRunner.Result result = chat("socks5://127.0.0.1:" + closedPort, "--transport", "agents",
        "hi");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.NETWORK);
    assertThat(result.err()).contains("the proxy at socks5://127.0.0.1:" + closedPort
        + " (--proxy) refused the connection");
  }

  @Test
  void withJsonTheErrorEventNamesTheProxyToo() {
    CliRunner.Result result = chat("http://127.0.0.1:" + closedPort, "--transport", "inference",
        "--json", "hi");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.NETWORK);
    assertThat(result.out()).contains("\"type\":\"error\"")
        .contains("the proxy at http://127.0.0.1:" + closedPort);
  }

  @Test
  void withoutAProxyARefusedConnectionIsTheServersAsBefore() {
    CliRunner.Result result = CliRunner.run("chat", "--base-url", "http://127.0.0.1:" + closedPort,
        "--no-browser", "--retries", "0", "--transport", "inference", "hi");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.NETWORK);
    assertThat(result.err()).contains("the connection was refused").doesNotContain("proxy at");
  }

  @Test
  void anUnexpectedFailureNamesNoJavaClassWithoutDebug() {
    String plain = ErrorReporter.message(new IllegalStateException("the state is odd"), false);
    assertThat(plain).isEqualTo("internal error: the state is odd (rerun with --debug for the"
        + " stack trace)");
    assertThat(ErrorReporter.message(new IllegalStateException(), false))
        .doesNotContain("Exception").contains("an unexpected failure");
    String io = ErrorReporter.message(new UncheckedIOException("cannot read the prompt",
        new java.net.SocketException("Connection reset")), false);
    assertThat(io).isEqualTo("cannot read the prompt: the connection was reset");
    assertThat(ErrorReporter.message(new UncheckedIOException(new IOException("disk gone")), false))
        .doesNotContain("java.").doesNotContain("IOException").contains("disk gone");
  }
}
