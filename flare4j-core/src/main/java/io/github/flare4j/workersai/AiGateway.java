package io.github.flare4j.workersai;

import io.github.flare4j.internal.stream.Json;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import tools.jackson.core.JsonGenerator;

/**
 * A Cloudflare AI Gateway to reach Workers AI through: requests go to
 * {@code https://gateway.ai.cloudflare.com/v1/{account}/{gateway}/workers-ai/{model}} (REST) and
 * {@code .../workers-ai/v1/chat/completions} (OpenAI-compatible) instead of
 * {@code api.cloudflare.com}, with the gateway's own headers. Give one to
 * {@link WorkersAIBuilder#gateway} of {@link WorkersAI} or {@link WorkersAIOpenAI}.
 *
 * <pre>{@code
 * AiGateway gateway = AiGateway.builder("0123...cdef", "my-gateway")
 *     .authorization(System.getenv("CF_AIG_TOKEN"))   // an authenticated gateway
 *     .cacheTtl(Duration.ofMinutes(5))
 *     .metadata("user", "alice")
 *     .build();
 * }</pre>
 *
 * <p>The gateway answers with {@value #CACHE_STATUS_HEADER} ({@code HIT} or {@code MISS}) and
 * {@value #LOG_ID_HEADER}; read them from {@link io.github.flare4j.ChatStream#responseInfo()}.
 * Immutable and thread-safe. {@link #toString()} never shows the authorization token.
 *
 * @param accountId the account that owns the gateway
 * @param gatewayId the gateway's id (its name)
 * @param authorization the token of an authenticated gateway, sent as
 *     {@code cf-aig-authorization: Bearer <token>}; null for none
 * @param cacheTtl how long the gateway may cache a reply ({@code cf-aig-cache-ttl}, whole
 *     seconds); null for the gateway's setting
 * @param skipCache whether to bypass the gateway's cache ({@code cf-aig-skip-cache: true})
 * @param metadata up to five entries logged with the request ({@code cf-aig-metadata}, a flat JSON
 *     object); values are strings, numbers or booleans
 * @param baseUrl the gateway's address, {@value #DEFAULT_BASE_URL} unless testing
 */
public record AiGateway(
    String accountId,
    String gatewayId,
    String authorization,
    Duration cacheTtl,
    boolean skipCache,
    Map<String, Object> metadata,
    String baseUrl) {

  /** AI Gateway's public address. */
  public static final String DEFAULT_BASE_URL = "https://gateway.ai.cloudflare.com";
  /** The response header that says whether the reply came from the gateway's cache. */
  public static final String CACHE_STATUS_HEADER = "cf-aig-cache-status";
  /** The response header with the id of the gateway's log entry for the request. */
  public static final String LOG_ID_HEADER = "cf-aig-log-id";
  /** The most metadata entries the gateway takes. */
  public static final int MAX_METADATA_ENTRIES = 5;

  /** Checks the parts and copies the metadata, keeping its order. */
  public AiGateway {
    accountId = requireSegment(accountId, "accountId");
    gatewayId = requireSegment(gatewayId, "gatewayId");
    if (authorization != null && authorization.isBlank()) {
      authorization = null;
    }
    if (cacheTtl != null && (cacheTtl.isNegative() || cacheTtl.isZero())) {
      throw new IllegalArgumentException("cacheTtl must be positive, was " + cacheTtl);
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : (metadata == null ? Map.<String, Object>of() : metadata)
        .entrySet()) {
      Object value = entry.getValue();
      if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
        throw new IllegalArgumentException("gateway metadata '" + entry.getKey()
            + "' must be a string, a number or a boolean");
      }
      copy.put(Objects.requireNonNull(entry.getKey(), "metadata key"), value);
    }
    if (copy.size() > MAX_METADATA_ENTRIES) {
      throw new IllegalArgumentException("AI Gateway takes at most " + MAX_METADATA_ENTRIES
          + " metadata entries, got " + copy.size());
    }
    metadata = Collections.unmodifiableMap(copy);
    baseUrl = baseUrl == null ? DEFAULT_BASE_URL : baseUrl;
    if (HttpUrl.parse(baseUrl) == null) {
      throw new IllegalArgumentException("Invalid gateway base URL '" + baseUrl + "'");
    }
  }

  /** A gateway with no options. */
  public static AiGateway of(String accountId, String gatewayId) {
    return builder(accountId, gatewayId).build();
  }

  /**
   * Parses {@code ACCOUNT/GATEWAY}, as the command line's {@code --gateway} takes it.
   *
   * @throws IllegalArgumentException when it is not two non-empty parts
   */
  public static AiGateway parse(String accountSlashGateway) {
    String value = Objects.requireNonNull(accountSlashGateway, "gateway").trim();
    int slash = value.indexOf('/');
    if (slash <= 0 || slash == value.length() - 1 || value.indexOf('/', slash + 1) >= 0) {
      throw new IllegalArgumentException(
          "Invalid gateway '" + value + "': expected ACCOUNT_ID/GATEWAY_ID");
    }
    return of(value.substring(0, slash), value.substring(slash + 1));
  }

  /** A builder for the gateway {@code gatewayId} of {@code accountId}. */
  public static Builder builder(String accountId, String gatewayId) {
    return new Builder(accountId, gatewayId);
  }

  /** {@code {base}/v1/{account}/{gateway}/workers-ai/{model}}, the model's slashes kept. */
  public HttpUrl runUrl(String model) {
    return workersAi().addPathSegments(model).build();
  }

  /** {@code {base}/v1/{account}/{gateway}/workers-ai/v1/chat/completions}. */
  public HttpUrl chatCompletionsUrl() {
    return workersAi().addPathSegments("v1/chat/completions").build();
  }

  /** The {@code cf-aig-*} request headers these options stand for, in a stable order. */
  public Map<String, String> requestHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    if (authorization != null) {
      headers.put("cf-aig-authorization", "Bearer " + authorization);
    }
    if (cacheTtl != null) {
      headers.put("cf-aig-cache-ttl", Long.toString(Math.max(1, cacheTtl.toSeconds())));
    }
    if (skipCache) {
      headers.put("cf-aig-skip-cache", "true");
    }
    if (!metadata.isEmpty()) {
      headers.put("cf-aig-metadata", metadataJson());
    }
    return headers;
  }

  private String metadataJson() {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = Json.generator(out)) {
      json.writeStartObject();
      for (Map.Entry<String, Object> entry : metadata.entrySet()) {
        json.writeName(entry.getKey());
        switch (entry.getValue()) {
          case String s -> json.writeString(s);
          case Boolean b -> json.writeBoolean(b);
          case Integer i -> json.writeNumber(i);
          case Long l -> json.writeNumber(l);
          case Number n -> json.writeNumber(n.doubleValue());
          default -> throw new IllegalStateException("checked in the constructor");
        }
      }
      json.writeEndObject();
    }
    return out.toString();
  }

  private HttpUrl.Builder workersAi() {
    return HttpUrl.get(baseUrl).newBuilder()
        .addPathSegment("v1")
        .addPathSegment(accountId)
        .addPathSegment(gatewayId)
        .addPathSegment("workers-ai");
  }

  /** Shows the account, gateway and options; the authorization token as {@code ***}. */
  @Override
  public String toString() {
    return "AiGateway[" + accountId + "/" + gatewayId
        + (authorization == null ? "" : ", authorization=***")
        + (cacheTtl == null ? "" : ", cacheTtl=" + cacheTtl)
        + (skipCache ? ", skipCache" : "")
        + (metadata.isEmpty() ? "" : ", metadata=" + metadata.keySet())
        + (DEFAULT_BASE_URL.equals(baseUrl) ? "" : ", baseUrl=" + baseUrl) + "]";
  }

  private static String requireSegment(String value, String name) {
    Objects.requireNonNull(value, name);
    String trimmed = value.trim();
    if (trimmed.isEmpty() || trimmed.contains("/")) {
      throw new IllegalArgumentException(name + " must be a non-empty name without '/'");
    }
    return trimmed;
  }

  /** Builds an {@link AiGateway}. Not thread-safe. */
  public static final class Builder {
    private final String accountId;
    private final String gatewayId;
    private String authorization;
    private Duration cacheTtl;
    private boolean skipCache;
    private final Map<String, Object> metadata = new LinkedHashMap<>();
    private String baseUrl = DEFAULT_BASE_URL;

    private Builder(String accountId, String gatewayId) {
      this.accountId = accountId;
      this.gatewayId = gatewayId;
    }

    /** The token of an authenticated gateway ({@code cf-aig-authorization}); null for none. */
    public Builder authorization(String token) {
      this.authorization = token;
      return this;
    }

    /** How long the gateway may cache replies; null for the gateway's setting. */
    public Builder cacheTtl(Duration ttl) {
      this.cacheTtl = ttl;
      return this;
    }

    /** Whether to bypass the gateway's cache (default false). */
    public Builder skipCache(boolean skipCache) {
      this.skipCache = skipCache;
      return this;
    }

    /** Adds a metadata entry: a string, a number or a boolean. */
    public Builder metadata(String key, Object value) {
      metadata.put(Objects.requireNonNull(key, "key"), value);
      return this;
    }

    /** The gateway's address (default {@value AiGateway#DEFAULT_BASE_URL}), e.g. an emulator. */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      return this;
    }

    /**
     * Builds the gateway.
     *
     * @throws IllegalArgumentException when a part is invalid
     */
    public AiGateway build() {
      return new AiGateway(accountId, gatewayId, authorization, cacheTtl, skipCache, metadata,
          baseUrl);
    }
  }
}
