package io.github.flare4j.workersai;

import io.github.flare4j.Flare4j;
import io.github.flare4j.http.ProxySpec;
import io.github.flare4j.http.Timeouts;
import io.github.flare4j.internal.call.CallDefaults;
import io.github.flare4j.internal.http.HttpClients;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The settings both Workers AI providers share: the account, its API token, where to send
 * requests, and how. {@link WorkersAI.Builder} and {@link WorkersAIOpenAI.Builder} extend it; they
 * check the settings once, in {@code build()}. Not thread-safe. {@link #toString()} never shows
 * the token.
 *
 * <p>The credentials come from the builder, or from the environment variables
 * {@value #ACCOUNT_ID_ENV} and {@value #API_TOKEN_ENV} (the names Cloudflare's own tools use)
 * with {@link #fromEnvironment()}.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class WorkersAIBuilder<B extends WorkersAIBuilder<B>> {
  /** The environment variable with the account id. */
  public static final String ACCOUNT_ID_ENV = "CLOUDFLARE_ACCOUNT_ID";
  /** The environment variable with the API token. */
  public static final String API_TOKEN_ENV = "CLOUDFLARE_API_TOKEN";
  /** Cloudflare's API address. */
  public static final String DEFAULT_BASE_URL = "https://api.cloudflare.com";

  String accountId;
  String apiToken;
  HttpUrl baseUrl = HttpUrl.get(DEFAULT_BASE_URL);
  Flare4j flare4j;
  OkHttpClient client;
  Timeouts timeouts;
  ProxySpec proxy;
  boolean proxySet;
  AiGateway gateway;

  WorkersAIBuilder() {}

  abstract B self();

  /**
   * Takes the client's settings: its HTTP client (pool and dispatcher), proxy, timeouts and call
   * defaults (time limit, retries, listener). What this builder is told besides wins, in any
   * order.
   */
  public B client(Flare4j flare4j) {
    this.flare4j = Objects.requireNonNull(flare4j, "flare4j");
    return self();
  }

  /** The account id (32 hexadecimal digits, from the dashboard's URL or sidebar). */
  public B accountId(String accountId) {
    this.accountId = accountId;
    return self();
  }

  /** The API token, with the Workers AI permission; sent as {@code Authorization: Bearer}. */
  public B apiToken(String apiToken) {
    this.apiToken = apiToken;
    return self();
  }

  /** Reads the account id and token from {@value #ACCOUNT_ID_ENV} and {@value #API_TOKEN_ENV}. */
  public B fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /**
   * Reads the account id and token from {@code environment}'s {@value #ACCOUNT_ID_ENV} and
   * {@value #API_TOKEN_ENV}; a variable that is missing or blank leaves the setting as it was.
   */
  public B fromEnvironment(Map<String, String> environment) {
    String account = environment.get(ACCOUNT_ID_ENV);
    if (account != null && !account.isBlank()) {
      this.accountId = account.trim();
    }
    String token = environment.get(API_TOKEN_ENV);
    if (token != null && !token.isBlank()) {
      this.apiToken = token.trim();
    }
    return self();
  }

  /**
   * The API's address (default {@value #DEFAULT_BASE_URL}), e.g. the flare4j emulator; a path
   * prefix is kept.
   *
   * @throws IllegalArgumentException when it is not an http or https URL
   */
  public B baseUrl(String baseUrl) {
    HttpUrl parsed = HttpUrl.parse(Objects.requireNonNull(baseUrl, "baseUrl").trim());
    if (parsed == null) {
      throw new IllegalArgumentException(
          "Invalid base URL '" + baseUrl + "': expected http(s)://host[:port][/prefix]");
    }
    this.baseUrl = parsed.newBuilder().query(null).fragment(null).build();
    return self();
  }

  /**
   * The OkHttp client to share (its pool and dispatcher); by default the client's, else the
   * provider makes one.
   */
  public B httpClient(OkHttpClient client) {
    this.client = Objects.requireNonNull(client, "client");
    return self();
  }

  /** Connect, first-byte and idle limits (default: the client's, else {@link Timeouts#DEFAULT}). */
  public B timeouts(Timeouts timeouts) {
    this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    return self();
  }

  /**
   * The proxy for requests that name none, and for the model list (default: none).
   *
   * @throws IllegalArgumentException when the URL is not a proxy URL
   */
  public B proxy(String proxyUrl) {
    return proxy(proxyUrl == null || proxyUrl.isBlank() ? null : ProxySpec.parse(proxyUrl));
  }

  /**
   * The proxy for requests that name none, and for the model list; null for none (even when the
   * client has one).
   */
  public B proxy(ProxySpec proxy) {
    this.proxy = proxy;
    this.proxySet = true;
    return self();
  }

  /**
   * Sends chat requests through an AI Gateway (null for none). The model list is still asked of
   * the API. When no account id is set, the gateway's is used.
   */
  public B gateway(AiGateway gateway) {
    this.gateway = gateway;
    return self();
  }

  /** Checks the settings and takes a snapshot of them. */
  final WorkersAiTransport transport() {
    String account = accountId != null && !accountId.isBlank() ? accountId.trim()
        : gateway != null ? gateway.accountId() : null;
    if (account == null) {
      throw new IllegalStateException("Workers AI needs an account id: set " + ACCOUNT_ID_ENV
          + " or call accountId(...)");
    }
    if (account.contains("/")) {
      throw new IllegalArgumentException("Invalid account id: it must not contain '/'");
    }
    if (apiToken == null || apiToken.isBlank()) {
      throw new IllegalStateException("Workers AI needs an API token: set " + API_TOKEN_ENV
          + " or call apiToken(...)");
    }
    OkHttpClient http = client != null ? client
        : flare4j != null ? flare4j.httpClient() : HttpClients.newSharedClient();
    Timeouts limits = timeouts != null ? timeouts
        : flare4j != null ? flare4j.timeouts() : Timeouts.DEFAULT;
    ProxySpec via = proxySet ? proxy : flare4j != null ? flare4j.proxy().orElse(null) : null;
    CallDefaults defaults = flare4j == null ? CallDefaults.LIBRARY
        : new CallDefaults(flare4j.callTimeout(), flare4j.maxRetries(), flare4j.listenerFactory());
    return new WorkersAiTransport(account, apiToken.trim(), baseUrl, http, limits, via, gateway,
        defaults);
  }

  /** The settings, with the token shown as {@code ***}. */
  @Override
  public String toString() {
    return getClass().getSimpleName() + "[account=" + accountId
        + ", apiToken=" + (apiToken == null ? "none" : "***")
        + ", baseUrl=" + baseUrl
        + (proxy == null ? "" : ", proxy=" + proxy)
        + (flare4j == null ? "" : ", client=" + flare4j)
        + (gateway == null ? "" : ", gateway=" + gateway) + "]";
  }
}
