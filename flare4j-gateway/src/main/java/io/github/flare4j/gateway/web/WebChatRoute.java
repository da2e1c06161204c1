package io.github.flare4j.gateway.web;

import io.github.flare4j.gateway.http.Exchange;
import io.github.flare4j.gateway.http.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /}: the web chat, one static page ({@code index.html} next to this class) with its
 * CSS and JavaScript inline and nothing from elsewhere. It is open without a key: the page asks
 * for one when {@code /v1/models} answers 401, and sends it as {@code Authorization: Bearer}.
 *
 * <p>The page is served with a Content-Security-Policy that allows only its own inline script and
 * style (by their SHA-256) and requests to the gateway itself, so model text could not run code
 * even if it were ever put into the page as HTML (the page only ever sets text).
 */
public final class WebChatRoute implements Route {
  static final String RESOURCE = "index.html";
  private static final Pattern SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);
  private static final Pattern STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);

  private final byte[] page;
  private final Map<String, String> headers;

  /** Reads the page and computes its policy once. */
  public WebChatRoute() {
    String html = load();
    this.page = html.getBytes(StandardCharsets.UTF_8);
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Security-Policy", "default-src 'none'; script-src " + hashes(SCRIPT, html)
        + "; style-src " + hashes(STYLE, html) + "; connect-src 'self'; img-src 'self' data:;"
        + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    h.put("X-Content-Type-Options", "nosniff");
    h.put("X-Frame-Options", "DENY");
    h.put("Referrer-Policy", "no-referrer");
    h.put("Cache-Control", "no-cache");
    this.headers = Map.copyOf(h);
  }

  @Override
  public void handle(Exchange exchange) throws IOException {
    exchange.send(200, "text/html; charset=utf-8", page, headers);
  }

  private static String load() {
    try (InputStream in = WebChatRoute.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The web chat page " + RESOURCE + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the web chat page", e);
    }
  }

  private static String hashes(Pattern element, String html) {
    StringBuilder sources = new StringBuilder();
    Matcher matcher = element.matcher(html);
    while (matcher.find()) {
      sources.append(sources.isEmpty() ? "" : " ").append("'sha256-")
          .append(sha256(matcher.group(1))).append('\'');
    }
    return sources.isEmpty() ? "'none'" : sources.toString();
  }

  private static String sha256(String text) {
    try {
      return Base64.getEncoder().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java", e);
    }
  }
}
