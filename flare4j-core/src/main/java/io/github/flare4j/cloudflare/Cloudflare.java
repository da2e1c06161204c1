package io.github.flare4j.cloudflare;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.ChatStream;
import io.github.flare4j.GenerationOptions;
import io.github.flare4j.Message;
import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.error.ModelNotFoundException;
import io.github.flare4j.error.ResponseStatusException;
import io.github.flare4j.http.ProxySpec;
import io.github.flare4j.http.Timeouts;
import io.github.flare4j.internal.auth.AuthFile;
import io.github.flare4j.internal.http.HttpClients;
import io.github.flare4j.internal.http.SetCookies;
import io.github.flare4j.internal.http.StatusErrors;
import io.github.flare4j.internal.http.StreamingCall;
import io.github.flare4j.internal.model.ModelCatalog;
import io.github.flare4j.provider.ArgsAcquirer;
import io.github.flare4j.provider.AsyncGeneratorProvider;
import io.github.flare4j.provider.AuthFileMixin;
import io.github.flare4j.provider.CacheDirectory;
import io.github.flare4j.provider.ProviderModelMixin;
import io.github.flare4j.provider.SessionArgs;
import io.github.flare4j.provider.WebSocketRelay;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The free Cloudflare AI playground ({@code https://playground.ai.cloudflare.com}), no account
 * needed: the seed's {@code Cloudflare} provider.
 *
 * <pre>{@code
 * Cloudflare cloudflare = Cloudflare.create();
 * try (ChatStream stream = cloudflare.createAsyncGenerator(ChatRequest.of("Hello, how are you?"))) {
 *   for (ResponseItem item : stream) {
 *     if (item instanceof TextDelta text) System.out.print(text.text());
 *   }
 * }
 * }</pre>
 *
 * <p><b>Credentials.</b> The provider sends browser-like headers and the cookies the playground
 * hands out. It keeps them in memory and in its auth file ({@link #getCacheFile()}), and reuses
 * them on the next call, even in another process. When the service refuses a request
 * ({@link ResponseStatusException}), both are dropped so the next call starts fresh. When no
 * credentials are cached and an {@link ArgsAcquirer} (a headless browser) is configured, fresh
 * ones come from it. A Cloudflare challenge on a request drops them, gets fresh ones from the
 * browser and retries once; with no browser, the error says one is needed.
 *
 * <p><b>Transports.</b> The playground speaks the Cloudflare Agents chat protocol over a WebSocket
 * today and {@code POST /api/inference} before; {@link Builder#transport} chooses:
 * {@link Transport#AUTO} is the one that worked last, else the socket, else the HTTP endpoint;
 * {@link Transport#INFERENCE} is the default, for compatibility. When the service refuses a plain
 * client's socket and a {@link WebSocketRelay} is configured, the socket runs inside the browser.
 *
 * <p><b>URLs.</b> Every URL derives from one base URL ({@link Builder#baseUrl}), which may point at
 * a mirror or the flare4j emulator and may carry a path prefix.
 *
 * <p><b>Threads.</b> Instances are immutable apart from their credential and model caches, and
 * thread-safe; share one. The OkHttp client (connection pool) is shared by all requests.
 */
public final class Cloudflare implements AsyncGeneratorProvider, ProviderModelMixin, AuthFileMixin {

  /** The playground's public address. */
  public static final String DEFAULT_URL = "https://playground.ai.cloudflare.com";
  /** The inference endpoint's path, relative to the base URL. */
  public static final String API_ENDPOINT = "/api/inference";
  /** The model list's path, relative to the base URL. */
  public static final String MODELS_PATH = "/api/models";
  /** The Agents socket's path prefix, relative to the base URL: the agent binding in kebab case. */
  public static final String AGENTS_PATH = "/agents/playground";
  private static final Duration MODELS_TIMEOUT = Duration.ofSeconds(60);

  private final HttpUrl baseUrl;
  private final String url;
  private final OkHttpClient client;
  private final Timeouts timeouts;
  private final Path cacheDirectory;
  private final ArgsAcquirer argsAcquirer;
  private final ProxySpec proxy;
  private final Transport transport;
  private final WebSocketRelay relay;
  private final PlaygroundSession session;
  private final ModelCatalog models;

  private Cloudflare(Builder builder) {
    this.baseUrl = builder.baseUrl;
    this.url = stripTrailingSlash(builder.baseUrl.toString());
    this.client = builder.client != null ? builder.client : HttpClients.newSharedClient();
    this.timeouts = builder.timeouts;
    this.cacheDirectory = CacheDirectory.resolve(builder.cacheDirectory);
    this.argsAcquirer = builder.argsAcquirer;
    this.proxy = builder.proxy;
    this.transport = builder.transport;
    this.relay = builder.relay;
    this.session = new PlaygroundSession(argsAcquirer, this::authFile, this::defaultArgs);
    this.models = new ModelCatalog(this::builtInModels);
  }

  /** A provider for the public playground with every default. */
  public static Cloudflare create() {
    return builder().build();
  }

  /** A builder with the defaults: the public playground, the default cache folder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String label() {
    return "Cloudflare AI";
  }

  /** {@code "Cloudflare"}: the name in the auth file's name. */
  @Override
  public String providerName() {
    return "Cloudflare";
  }

  /** The base URL every endpoint derives from, without a trailing slash. */
  @Override
  public String url() {
    return url;
  }

  /** Whether a headless browser is used to obtain credentials (when one is configured). */
  public boolean useNodriver() {
    return true;
  }

  /** True when an {@link ArgsAcquirer} (a headless browser) was configured. */
  public boolean hasBrowser() {
    return argsAcquirer != null;
  }

  /** The transport chosen with {@link Builder#transport} ({@link Transport#INFERENCE} by default). */
  public Transport transport() {
    return transport;
  }

  /**
   * The transport that last worked (kept in the auth file), if one did; {@link Transport#AUTO}
   * tries it first.
   */
  public Optional<Transport> workedTransport() {
    return session.workedTransport();
  }

  /** The Agents socket's URL for an agent instance: {@code ws(s)://host/agents/playground/<name>}. */
  public String agentsUrl(String instanceName) {
    String scheme = baseUrl.isHttps() ? "wss" : "ws";
    return scheme + url.substring(url.indexOf(':')) + AGENTS_PATH + "/" + instanceName;
  }

  /** The inference endpoint: the base URL plus {@value #API_ENDPOINT}. */
  public String apiEndpoint() {
    return url + API_ENDPOINT;
  }

  /** The model list's URL: the base URL plus {@value #MODELS_PATH}. */
  public String modelsUrl() {
    return url + MODELS_PATH;
  }

  @Override
  public String defaultModel() {
    return PlaygroundModels.DEFAULT_MODEL;
  }

  @Override
  public Map<String, String> modelAliases() {
    return PlaygroundModels.ALIASES;
  }

  /**
   * The playground's text generation models, fetched once and cached; the alias targets and the
   * default model when the list cannot be had (logged as a warning that names what failed; see
   * {@link #fetchModels()} to get the error instead).
   */
  @Override
  public List<String> getModels() {
    return models.get(() -> fetchModels(proxy));
  }

  /**
   * Resolves a model name: an alias is its target, refused with a {@link ModelNotFoundException}
   * naming the closest listed models when the live list does not have it (Cloudflare retires
   * models); otherwise the {@link ProviderModelMixin} rules.
   */
  @Override
  public String getModel(String nameOrAlias) {
    if (nameOrAlias != null && modelAliases().containsKey(nameOrAlias.trim())) {
      return PlaygroundModels.resolve(label(), nameOrAlias,
          models.live(() -> fetchModels(proxy)), Optional.empty());
    }
    return ProviderModelMixin.super.getModel(nameOrAlias);
  }

  /**
   * Asks the playground for its models, bypassing the cache, through the provider's proxy: the
   * agent's {@code getModels} RPC over its socket (the playground today), then
   * {@code GET /api/models} (the older playground); only the latter with
   * {@link Transport#INFERENCE}.
   *
   * @throws Flare4jException when the list cannot be had; the message names each way that failed
   */
  public List<String> fetchModels() {
    return fetchModels(proxy);
  }

  private List<String> fetchModels(ProxySpec via) {
    if (transport == Transport.INFERENCE) {
      return fetchListedModels(via);
    }
    Flare4jException rpcFailed;
    try {
      return AgentModels.fetch(this, via, MODELS_TIMEOUT);
    } catch (Flare4jException e) {
      rpcFailed = e;
    }
    try {
      return fetchListedModels(via);
    } catch (Flare4jException httpFailed) {
      Flare4jException both = new Flare4jException("the agent's getModels failed ("
          + rpcFailed.getMessage() + "), and so did the older list (" + httpFailed.getMessage()
          + ")", httpFailed);
      both.addSuppressed(rpcFailed);
      throw both;
    }
  }

  /** {@code GET /api/models}, the older playground's list. */
  private List<String> fetchListedModels(ProxySpec via) {
    SessionArgs current = session.current().orElseGet(() -> defaultArgs(Map.of()));
    Request request = new Request.Builder()
        .url(modelsUrl())
        .headers(PlaygroundRequests.headers(current))
        .get()
        .build();
    StreamingCall call = StreamingCall.prepare(
        HttpClients.forRequest(client, via, timeouts, MODELS_TIMEOUT), request, timeouts,
        MODELS_TIMEOUT);
    try (call) {
      Response response = call.execute();
      if (!response.isSuccessful()) {
        throw StatusErrors.of(response, call.endpoint(), challengeAdvice());
      }
      session.update(old -> SetCookies.merge(old, response));
      return ModelListParser.parse(call, response);
    }
  }

  @Override
  public Path cacheDirectory() {
    return cacheDirectory;
  }

  /** The headers and cookies currently held in memory, if any. */
  public Optional<SessionArgs> args() {
    return session.current();
  }

  /**
   * Starts a reply from the playground. The request is sent when the first item is read.
   *
   * <p>Items: {@link io.github.flare4j.TextDelta}s (and {@link io.github.flare4j.ReasoningDelta}s,
   * {@link io.github.flare4j.ToolCall}s), then a {@link io.github.flare4j.Usage} when the service
   * reports one, then one {@link io.github.flare4j.FinishReason}. Reading throws
   * {@link ResponseStatusException} when the playground refuses (after dropping the cached
   * credentials), {@link io.github.flare4j.error.StreamProtocolException} for a broken or failed
   * stream and {@link io.github.flare4j.error.NetworkException} for connection failures and
   * timeouts.
   *
   * @throws IllegalArgumentException when the request sets sampling options other than the
   *     temperature (any, over {@link Transport#INFERENCE}) or JSON mode, which the playground does
   *     not take
   */
  @Override
  public ChatStream createAsyncGenerator(ChatRequest request) {
    Objects.requireNonNull(request, "request");
    rejectUnsupported(request);
    return ChatStream.of(switch (transport) {
      case INFERENCE -> new PlaygroundExchange(this, request, null);
      case AGENTS -> new AgentsExchange(this, request, null);
      case AUTO -> workedTransport().orElse(Transport.AGENTS) == Transport.INFERENCE
          ? new PlaygroundExchange(this, request, null)
          : new AgentsExchange(this, request,
              deadline -> new PlaygroundExchange(this, request, deadline));
    });
  }

  /**
   * The playground has no field for these; dropping them silently would mislead. The agent takes
   * a temperature ({@link Transport#AGENTS}, {@link Transport#AUTO}); {@code /api/inference} takes
   * none (a fallback to it under {@code AUTO} says so in the stream's response info).
   */
  private void rejectUnsupported(ChatRequest request) {
    GenerationOptions options = request.options();
    GenerationOptions beyondTemperature = new GenerationOptions(null, options.topP(),
        options.topK(), options.seed(), options.repetitionPenalty(), options.frequencyPenalty(),
        options.presencePenalty());
    if (!beyondTemperature.isEmpty()
        || (transport == Transport.INFERENCE && options.temperature() != null)) {
      throw new IllegalArgumentException("The Cloudflare AI playground takes no sampling options ("
          + (transport == Transport.INFERENCE ? options : beyondTemperature) + ") "
          + (transport == Transport.INFERENCE ? "over /api/inference" : "but temperature")
          + "; use the Workers AI provider for them");
    }
    if (request.responseFormat().isPresent()) {
      throw new IllegalArgumentException(
          "The Cloudflare AI playground has no JSON mode; use the Workers AI provider for it");
    }
  }

  /** Starts a reply with the default options: {@code model} may be an alias, or empty. */
  public ChatStream createAsyncGenerator(String model, List<Message> messages) {
    return createAsyncGenerator(ChatRequest.builder().model(model).messages(messages).build());
  }

  // ---- used by PlaygroundExchange ------------------------------------------------------------

  OkHttpClient clientFor(ChatRequest request, Duration total) {
    return HttpClients.forRequest(client, proxyFor(request), timeouts, total);
  }

  /** The request's proxy, else the provider's, else none. */
  ProxySpec proxyFor(ChatRequest request) {
    return request.proxy().orElse(proxy);
  }

  /**
   * Resolves the request's model for {@code /api/inference} ({@link PlaygroundModels#resolve}):
   * an alias is checked against the list when one is cached; a name the provider does not know is
   * sent as given, as the seed does, after fetching the older list the way the request goes (which
   * caches it).
   */
  String modelFor(ChatRequest request) {
    String name = request.model().trim();
    boolean known = name.isEmpty() || modelAliases().containsKey(name)
        || name.equals(defaultModel()) || modelAliases().containsValue(name);
    Optional<List<String>> live = known ? models.cached()
        : models.live(() -> fetchListedModels(proxyFor(request)));
    return PlaygroundModels.resolve(label(), name, live, Optional.empty());
  }

  /** The model list's cache, which the Agents transport fills from its socket. */
  ModelCatalog catalog() {
    return models;
  }

  Timeouts timeouts() {
    return timeouts;
  }

  PlaygroundSession session() {
    return session;
  }

  OkHttpClient client() {
    return client;
  }

  WebSocketRelay relay() {
    return relay;
  }

  String challengeAdvice() {
    return argsAcquirer == null
        ? PlaygroundSession.NO_BROWSER_ADVICE
        : "The browser's credentials were not accepted; try again later";
  }

  SessionArgs defaultArgs(Map<String, String> cookies) {
    HttpUrl origin = baseUrl.newBuilder().encodedPath("/").build();
    return BrowserHeaders.defaults(stripTrailingSlash(origin.toString()), url + "/", cookies);
  }

  private AuthFile authFile() {
    return new AuthFile(getCacheFile());
  }

  private static String stripTrailingSlash(String value) {
    return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
  }

  @Override
  public String toString() {
    return "Cloudflare[" + url + "]";
  }

  /** Builds a {@link Cloudflare} provider. Not thread-safe. */
  public static final class Builder {
    private HttpUrl baseUrl = HttpUrl.get(DEFAULT_URL);
    private OkHttpClient client;
    private Timeouts timeouts = Timeouts.DEFAULT;
    private Path cacheDirectory;
    private ArgsAcquirer argsAcquirer;
    private ProxySpec proxy;
    private Transport transport = Transport.AUTO;
    private WebSocketRelay relay;

    private Builder() {}

    /**
     * How to talk to the playground. The default, {@link Transport#AUTO}, reaches the playground as
     * it is today (the Agents socket) and falls back to {@code /api/inference} where only that
     * answers; force one with {@link Transport#AGENTS} or {@link Transport#INFERENCE}.
     */
    public Builder transport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * Runs the Agents socket inside a browser when the service refuses a plain client's socket
     * (default: none, and such a refusal falls back to {@code /api/inference} under
     * {@link Transport#AUTO}).
     */
    public Builder webSocketRelay(WebSocketRelay relay) {
      this.relay = relay;
      return this;
    }

    /**
     * The proxy for requests that name none, and for the model list (default: none).
     *
     * @throws IllegalArgumentException when the URL is not a proxy URL
     */
    public Builder proxy(String proxyUrl) {
      this.proxy = proxyUrl == null || proxyUrl.isBlank() ? null : ProxySpec.parse(proxyUrl);
      return this;
    }

    /** The proxy for requests that name none, and for the model list; null for none. */
    public Builder proxy(ProxySpec proxy) {
      this.proxy = proxy;
      return this;
    }

    /**
     * The base URL every endpoint derives from (default {@value Cloudflare#DEFAULT_URL}); a path
     * prefix is kept, e.g. {@code http://127.0.0.1:8787/mirror}.
     *
     * @throws IllegalArgumentException when it is not an http or https URL
     */
    public Builder baseUrl(String baseUrl) {
      HttpUrl parsed = HttpUrl.parse(Objects.requireNonNull(baseUrl, "baseUrl").trim());
      if (parsed == null) {
        throw new IllegalArgumentException(
            "Invalid base URL '" + baseUrl + "': expected http(s)://host[:port][/prefix]");
      }
      this.baseUrl = parsed.newBuilder().query(null).fragment(null).build();
      return this;
    }

    /** The OkHttp client to share (its pool and dispatcher); by default the provider makes one. */
    public Builder httpClient(OkHttpClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /** Connect, first-byte and idle limits (default {@link Timeouts#DEFAULT}). */
    public Builder timeouts(Timeouts timeouts) {
      this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
      return this;
    }

    /** The folder of the auth file; null for the default (see {@link CacheDirectory}). */
    public Builder cacheDirectory(Path cacheDirectory) {
      this.cacheDirectory = cacheDirectory;
      return this;
    }

    /** Where fresh credentials come from when none are cached (a headless browser). */
    public Builder argsAcquirer(ArgsAcquirer argsAcquirer) {
      this.argsAcquirer = argsAcquirer;
      return this;
    }

    /** Builds the provider. */
    public Cloudflare build() {
      return new Cloudflare(this);
    }
  }
}
