package io.github.flare4j.internal.ws;

import io.github.flare4j.internal.text.ServerText;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import okhttp3.Headers;

/**
 * The status line and headers of an HTTP/1.1 answer (to an upgrade, or to a proxy's
 * {@code CONNECT}), read byte by byte so that nothing after the blank line is consumed: the
 * WebSocket's first frames may follow at once. At most {@value #MAX_LINE} bytes a line and
 * {@value #MAX_HEADERS} headers, so a hostile server cannot fill memory.
 *
 * @param code the status code
 * @param message the reason phrase (may be empty)
 * @param headers the headers
 */
record ResponseHead(int code, String message, Headers headers) {
  static final int MAX_LINE = 8 * 1024;
  static final int MAX_HEADERS = 200;

  /**
   * Reads the head.
   *
   * @throws WebSocketProtocolException when it is not an HTTP/1.x answer or is over the limits
   * @throws IOException when the connection fails or ends first
   */
  static ResponseHead read(InputStream in, String from) throws IOException {
    String status = line(in, from);
    // HTTP/1.1 101 Switching Protocols
    if (!status.startsWith("HTTP/1.") || status.length() < 12 || status.charAt(8) != ' ') {
      throw new WebSocketProtocolException(from + " did not answer with HTTP/1.1: \""
          + ServerText.quote(status, 100) + "\"");
    }
    int code;
    try {
      code = Integer.parseInt(status.substring(9, 12));
    } catch (NumberFormatException e) {
      throw new WebSocketProtocolException(from + " sent a malformed status line: \""
          + ServerText.quote(status, 100) + "\"");
    }
    String message = status.length() > 13 ? status.substring(13) : "";
    Headers.Builder headers = new Headers.Builder();
    for (int count = 0; ; count++) {
      String header = line(in, from);
      if (header.isEmpty()) {
        break;
      }
      if (count == MAX_HEADERS) {
        throw new WebSocketProtocolException(from + " sent more than " + MAX_HEADERS + " headers");
      }
      int colon = header.indexOf(':');
      if (colon <= 0) {
        throw new WebSocketProtocolException(from + " sent a malformed header: \""
            + ServerText.quote(header, 100) + "\"");
      }
      headers.addUnsafeNonAscii(header.substring(0, colon).strip(),
          header.substring(colon + 1).strip());
    }
    return new ResponseHead(code, message, headers.build());
  }

  /** Whether a comma-separated header holds {@code token}, ignoring case. */
  boolean headerHasToken(String name, String token) {
    for (String value : headers.values(name)) {
      for (String part : value.split(",")) {
        if (part.strip().toLowerCase(Locale.ROOT).equals(token)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String line(InputStream in, String from) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException(from + " closed the connection before the end of its answer's head");
      }
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r'
            ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
      }
      if (line.size() == MAX_LINE) {
        throw new WebSocketProtocolException(
            from + " sent a header line longer than " + MAX_LINE + " bytes");
      }
      line.write(b);
    }
  }
}
