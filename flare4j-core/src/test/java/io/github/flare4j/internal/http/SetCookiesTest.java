package io.github.flare4j.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.flare4j.spi.SessionArgs;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Set-Cookie headers from a loopback server, merged into args with their expiry. */
class SetCookiesTest {
  static final Instant EXPIRES = Instant.parse("2031-01-02T03:04:05Z");

  HttpServer server;
  final OkHttpClient client = new OkHttpClient();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      exchange.getResponseHeaders().put("Set-Cookie", List.of(
          "session=s; Path=/; HttpOnly",
          "cf_clearance=c; Path=/; Expires="
              + DateTimeFormatter.RFC_1123_DATE_TIME.format(EXPIRES.atOffset(ZoneOffset.UTC)),
          "__cf_bm=b; Path=/; Max-Age=1800",
          "gone=x; Path=/; Max-Age=0"));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  SessionArgs merged(SessionArgs args) throws Exception {
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
      return SetCookies.merge(args, response);
    }
  }

  @Test
  void eachCookieKeepsItsExpiryAndASessionCookieHasNone() throws Exception {
    long before = System.currentTimeMillis() / 1000;
    SessionArgs args = merged(new SessionArgs(Map.of(), Map.of("gone", "old")));
    long after = System.currentTimeMillis() / 1000 + 1;

    assertThat(args.cookies()).containsOnlyKeys("session", "cf_clearance", "__cf_bm");
    assertThat(args.expiry("session")).isEmpty();
    assertThat(args.expiry("cf_clearance")).contains(EXPIRES);
    assertThat(args.expiry("__cf_bm")).get().satisfies(expiry ->
        assertThat(expiry.getEpochSecond()).isBetween(before + 1800, after + 1800));
  }

  @Test
  void aCookieSetAgainWithoutExpiryLosesTheOldOne() throws Exception {
    SessionArgs held = new SessionArgs(Map.of(), Map.of("session", "old"),
        Map.of("session", Instant.parse("2020-01-01T00:00:00Z")));

    assertThat(merged(held).expiry("session")).isEmpty();
    assertThat(merged(held).cookies()).containsEntry("session", "s");
  }
}
