package io.github.flare4j.internal.http;

import java.io.IOException;
import java.net.InetAddress;

/** IP literal helpers that never perform a DNS lookup. */
public final class InetAddresses {
  private InetAddresses() {}

  /** True for a dotted IPv4 literal such as {@code 127.0.0.1}. */
  public static boolean isIpv4Literal(String host) {
    int parts = 0;
    int value = -1;
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c == '.') {
        if (value < 0) {
          return false;
        }
        parts++;
        value = -1;
      } else if (c >= '0' && c <= '9') {
        value = (value < 0 ? 0 : value * 10) + (c - '0');
        if (value > 255) {
          return false;
        }
      } else {
        return false;
      }
    }
    return parts == 3 && value >= 0;
  }

  /** The bytes of an IPv4 or IPv6 literal; {@link InetAddress#getByName} does no lookup for these. */
  public static byte[] bytes(String literal) throws IOException {
    return InetAddress.getByName(literal).getAddress();
  }
}
