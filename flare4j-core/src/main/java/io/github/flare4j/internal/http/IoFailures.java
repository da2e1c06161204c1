package io.github.flare4j.internal.http;

import io.github.flare4j.internal.text.ServerText;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * A network failure in words a person reads, never a Java class name: "the host name
 * playground.ai.cloudflare.com cannot be resolved (is there a network connection?)", "the
 * connection was refused". The detail a library gives (OkHttp quotes a server in some) is escaped.
 */
public final class IoFailures {
  private IoFailures() {}

  /** What went wrong, for the end of a message such as "{endpoint} could not be reached: ". */
  public static String describe(IOException e) {
    String detail = e.getMessage() == null || e.getMessage().isBlank() ? ""
        : ServerText.quote(e.getMessage());
    String lower = detail.toLowerCase(Locale.ROOT);
    return switch (e) {
      case UnknownHostException unknown -> "the host name " + (detail.isEmpty() ? "" : detail + " ")
          + "cannot be resolved (is there a network connection?)";
      case NoRouteToHostException noRoute -> "there is no route to the host (is there a network"
          + " connection?)";
      case ConnectException refused -> "the connection was refused (is the address right, and"
          + " the server running?)";
      case SSLException tls -> "the TLS handshake failed" + (detail.isEmpty() ? "" : ": " + detail);
      case EOFException eof -> "the connection closed early";
      case SocketException socket when lower.contains("reset") -> "the connection was reset";
      case SocketException socket when lower.contains("proxy") || lower.contains("socks") ->
          "the proxy failed" + (detail.isEmpty() ? "" : ": " + detail);
      default -> detail.isEmpty() ? "an input/output error" : detail;
    };
  }
}
