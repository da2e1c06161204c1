package io.github.flare4j.internal.http;

import io.github.flare4j.internal.text.ServerText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Headers;
import okhttp3.Request;

/**
 * What an error keeps of a response's headers, and of its body: an allow-list of headers that
 * say what happened (the wait asked for, the request id, the content type) and can hold no
 * secret; a body with the request's own credentials, and anything shaped like a token or a
 * cookie value, written as {@code ***}.
 *
 * <p>Never kept: {@code Set-Cookie}, {@code Cookie}, {@code Authorization},
 * {@code cf-aig-authorization}, nor any header not on the list.
 */
public final class SafeHeaders {
  /** The headers an error keeps, lower case. */
  static final Set<String> KEPT = Set.of(
      "retry-after", "retry-after-ms", "cf-ray", "cf-aig-log-id", "cf-aig-cache-status",
      "cf-mitigated", "cf-cache-status", "content-type", "content-length", "date", "server",
      "x-request-id", "request-id");

  /** Rate-limit counters (x-ratelimit-remaining-requests, ratelimit-reset, ...) are kept too. */
  private static final Pattern RATE_LIMIT_COUNTER = Pattern.compile("(x-)?ratelimit(-[a-z-]+)?");

  /** At most this many header names. */
  static final int MAX_NAMES = 32;

  /** At most this many values per name. */
  static final int MAX_VALUES = 4;

  /** At most this many characters per value. */
  static final int MAX_VALUE_CHARS = 200;

  /** The shortest echo of a credential that is replaced in a body (shorter would hit words). */
  private static final int MIN_SECRET = 6;

  /** A bearer token, a cookie or key written as name=value or "name":"value". */
  private static final Pattern TOKEN_LIKE = Pattern.compile(
      "(?i)(bearer\\s+|(?:cf_clearance|__cf_bm|_cfuvid|cf_chl_[a-z_]*|__cflb|session[a-z_]*"
          + "|api[_-]?key|api[_-]?token|access[_-]?token|token|secret|password|authorization"
          + "|cookie)[\"']?\\s*[:=]\\s*[\"']?(?:bearer\\s+)?)([^\\s\"',;&]{4,})");

  private SafeHeaders() {}

  /** The kept headers of {@code headers}, names in lower case, sorted, bounded and escaped. */
  public static Map<String, List<String>> of(Headers headers) {
    return keep(headers == null ? Map.of() : headers.toMultimap());
  }

  /**
   * The kept headers of {@code headers}: names on the allow-list only, in lower case and sorted;
   * at most {@value #MAX_NAMES} names of {@value #MAX_VALUES} values of
   * {@value #MAX_VALUE_CHARS} characters, control characters escaped. Immutable.
   */
  public static Map<String, List<String>> keep(Map<String, List<String>> headers) {
    if (headers == null || headers.isEmpty()) {
      return Map.of();
    }
    TreeMap<String, List<String>> kept = new TreeMap<>();
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if (header.getKey() == null || header.getValue() == null) {
        continue;
      }
      String name = header.getKey().strip().toLowerCase(Locale.ROOT);
      if (!isKept(name)) {
        continue;
      }
      List<String> values = kept.computeIfAbsent(name, n -> new ArrayList<>());
      for (String value : header.getValue()) {
        if (value != null && values.size() < MAX_VALUES) {
          values.add(ServerText.quote(value.strip(), MAX_VALUE_CHARS));
        }
      }
    }
    TreeMap<String, List<String>> bounded = new TreeMap<>();
    for (Map.Entry<String, List<String>> header : kept.entrySet()) {
      if (bounded.size() == MAX_NAMES) {
        break;
      }
      if (!header.getValue().isEmpty()) {
        bounded.put(header.getKey(), List.copyOf(header.getValue()));
      }
    }
    return Collections.unmodifiableMap(bounded);
  }

  /** Whether an error keeps the header {@code name} (lower case). */
  static boolean isKept(String name) {
    return KEPT.contains(name) || RATE_LIMIT_COUNTER.matcher(name).matches();
  }

  /**
   * The id the service gave the request, to quote to its support: Cloudflare's {@code cf-ray},
   * else AI Gateway's {@code cf-aig-log-id}, else {@code x-request-id}; null when none was sent.
   */
  public static String requestId(Map<String, List<String>> kept) {
    for (String name : List.of("cf-ray", "cf-aig-log-id", "x-request-id", "request-id")) {
      List<String> values = kept.get(name);
      if (values != null && !values.isEmpty() && !values.getFirst().isBlank()) {
        return values.getFirst();
      }
    }
    return null;
  }

  /**
   * {@code body} with the credentials {@code request} carried ({@code Authorization},
   * {@code cf-aig-authorization}, the values of its cookies) and anything shaped like a token or
   * a cookie value replaced by {@code ***}: a server that echoes them must not put them in a
   * message.
   *
   * @param request the request the body answers, or null
   */
  public static String redact(String body, Request request) {
    if (body == null || body.isEmpty()) {
      return body == null ? "" : body;
    }
    String redacted = body;
    if (request != null) {
      for (String secret : secrets(request)) {
        redacted = redacted.replace(secret, "***");
      }
    }
    Matcher matcher = TOKEN_LIKE.matcher(redacted);
    return matcher.find() ? matcher.replaceAll("$1***") : redacted;
  }

  private static List<String> secrets(Request request) {
    List<String> secrets = new ArrayList<>();
    for (String name : List.of("Authorization", "cf-aig-authorization", "Proxy-Authorization")) {
      for (String value : request.headers(name)) {
        String token = value.strip();
        int space = token.indexOf(' ');
        if (space > 0 && token.substring(0, space).matches("(?i)bearer|basic|token")) {
          token = token.substring(space + 1).strip();
        }
        secrets.add(token);
      }
    }
    for (String cookies : request.headers("Cookie")) {
      for (String pair : cookies.split(";")) {
        int eq = pair.indexOf('=');
        secrets.add(eq < 0 ? pair.strip() : pair.substring(eq + 1).strip());
      }
    }
    secrets.removeIf(secret -> secret.length() < MIN_SECRET);
    // the longest first, so that a token containing another is replaced whole
    secrets.sort((a, b) -> b.length() - a.length());
    return secrets;
  }
}
