package io.github.flare4j.cloudflare;

import io.github.flare4j.CallOptions;
import io.github.flare4j.Flare4j;
import io.github.flare4j.ChatRequest;
import io.github.flare4j.ChatStream;
import io.github.flare4j.Message;
import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.error.ModelNotFoundException;
import io.github.flare4j.error.ResponseStatusException;
import io.github.flare4j.http.ProxySpec;
import io.github.flare4j.http.Timeouts;
import io.github.flare4j.internal.browser.Browsers;
import io.github.flare4j.internal.call.CallDefaults;
import io.github.flare4j.internal.call.CallEngine;
import io.github.flare4j.internal.http.HttpClients;
import io.github.flare4j.spi.ArgsAcquirer;
import io.github.flare4j.provider.CacheDirectory;
import io.github.flare4j.provider.Capabilities;
import io.github.flare4j.provider.CredentialStore;
import io.github.flare4j.provider.FileCredentialStore;
import io.github.flare4j.provider.ChatProvider;
import io.github.flare4j.provider.ModelInfo;
import io.github.flare4j.spi.BrowserSupport;
import io.github.flare4j.spi.SessionArgs;
import io.github.flare4j.spi.WebSocketRelay;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The free Cloudflare AI playground ({@code https://playground.ai.cloudflare.com}), no account
 * needed: the seed's {@code Cloudflare} provider.
 *
 * <pre>{@code
 * Cloudflare cloudflare = Flare4j.create().playground();   // or Cloudflare.create()
 * try (ChatStream stream = cloudflare.stream(ChatRequest.of("Hello, how are you?"))) {
 *   for (ResponseItem item : stream) {
 *     if (item instanceof TextDelta text) System.out.print(text.text());
 *   }
 * }
 * }</pre>
 *
 * <p><b>Credentials.</b> The provider sends browser-like headers and the cookies the playground
 * hands out. It keeps them in memory and in its {@link CredentialStore} (by default a
 * {@link FileCredentialStore}: the auth file {@link #getCacheFile()}, written atomically under a
 * lock, owner-only), and reuses them on the next call, even in another process. Cookies that have
 * expired are not sent. When the service refuses a request ({@link ResponseStatusException}),
 * both are dropped so the next call starts fresh. When no credentials are cached, or the cached
 * {@code cf_clearance} has expired, and an {@link ArgsAcquirer} (a headless browser) is
 * configured, fresh ones come from it. A Cloudflare challenge on a request drops them, gets fresh
 * ones from the browser and retries once; with no browser, the error says one is needed and which
 * artifact brings it.
 *
 * <p><b>Browser.</b> When flare4j-browser ({@value BrowserSupport#ARTIFACT}) is on the class path
 * it is found ({@link java.util.ServiceLoader}, or the {@link Flare4j} client's) and used by
 * default, for both the {@link ArgsAcquirer} and the {@link WebSocketRelay};
 * {@link Builder#argsAcquirer}, {@link Builder#webSocketRelay} and {@link Builder#browser}
 * override it, {@link Builder#noBrowser()} turns it off.
 *
 * <p><b>Seed names.</b> The seed's surface is kept: {@link #label()}, {@link #url()},
 * {@link #defaultModel()}, {@link #modelAliases()}, {@link #getModels()}, {@link #getModel},
 * {@link #getCacheFile()} and {@link #createAsyncGenerator(ChatRequest, CallOptions)} (an alias of
 * {@link #stream(ChatRequest, CallOptions)}).
 *
 * <p><b>Transports.</b> The playground speaks the Cloudflare Agents chat protocol over a WebSocket
 * today and {@code POST /api/inference} before; {@link Builder#transport} chooses:
 * {@link Transport#AUTO} (the default) is the one that worked last, else the socket, else the HTTP
 * endpoint. When the service refuses a plain
 * client's socket and a {@link WebSocketRelay} is configured, the socket runs inside the browser.
 * The agent behind the socket has no {@code max_tokens} setting: there a request's
 * {@link ChatRequest#maxTokens()} is a cap flare4j applies itself, by an estimate (see
 * {@link #capabilities()}).
 *
 * <p><b>URLs.</b> Every URL derives from one base URL ({@link Builder#baseUrl}), which may point at
 * a mirror or the flare4j emulator and may carry a path prefix.
 *
 * <p><b>Threads.</b> Instances are immutable apart from their credential and model caches, and
 * thread-safe; share one. The OkHttp client (connection pool) is shared by all requests.
 */
public final class Cloudflare implements ChatProvider {

  /** The playground's public address. */
  public static final String DEFAULT_URL = "https://playground.ai.cloudflare.com";
  /** The inference endpoint's path, relative to the base URL. */
  public static final String API_ENDPOINT = "/api/inference";
  /** The model list's path, relative to the base URL. */
  public static final String MODELS_PATH = "/api/models";
  /** The Agents socket's path prefix, relative to the base URL: the agent binding in kebab case. */
  public static final String AGENTS_PATH = "/agents/playground";
  private final PlaygroundRuntime runtime;
  private final Path cacheDirectory;
  private final CredentialStore credentialStore;

  private Cloudflare(Builder builder) {
    Flare4j from = builder.flare4j;
    this.cacheDirectory = builder.cacheDirectory != null ? builder.cacheDirectory
        : from != null ? from.cacheDirectory() : CacheDirectory.resolve(null);
    this.credentialStore = builder.credentialStore != null ? builder.credentialStore
        : from != null && builder.cacheDirectory == null ? from.credentialStore()
        : new FileCredentialStore(cacheDirectory);
    OkHttpClient client = builder.client != null ? builder.client
        : from != null ? from.httpClient() : HttpClients.newSharedClient();
    Timeouts timeouts = builder.timeouts != null ? builder.timeouts
        : from != null ? from.timeouts() : Timeouts.DEFAULT;
    ProxySpec proxy = builder.proxySet ? builder.proxy
        : from != null ? from.proxy().orElse(null) : null;
    CallDefaults defaults = from == null ? CallDefaults.LIBRARY
        : new CallDefaults(from.callTimeout(), from.maxRetries(), from.listenerFactory());
    BrowserSupport browser = builder.browserSet ? builder.browser
        : from != null ? from.browser().orElse(null) : Browsers.find().orElse(null);
    ArgsAcquirer acquirer = builder.argsAcquirerSet ? builder.argsAcquirer
        : browser != null ? browser.argsAcquirer() : null;
    WebSocketRelay relay = builder.relaySet ? builder.relay
        : browser != null ? browser.webSocketRelay() : null;
    // Without a browser, a challenge says why there is none: turned off, or not on the class path.
    String noBrowserAdvice = acquirer != null ? PlaygroundSession.NO_BROWSER_ADVICE
        : Browsers.find().isPresent() ? Browsers.TURNED_OFF_ADVICE
        : Browsers.NOT_ON_CLASS_PATH_ADVICE;
    this.runtime = new PlaygroundRuntime(label(), builder.baseUrl, client, timeouts, proxy,
        builder.transport, relay, acquirer, credentialStore, providerName(), defaults,
        noBrowserAdvice, browser != null ? browser.name() : "the browser");
  }

  /** A provider for the public playground with every default. */
  public static Cloudflare create() {
    return builder().build();
  }

  /**
   * A builder with the defaults: the public playground, the default cache folder, the browser found
   * on the class path; {@link Builder#client} takes a {@link Flare4j} client's settings.
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String label() {
    return "Cloudflare AI";
  }

  /** {@code "Cloudflare"}: the name in the auth file's name, and the credential store's key. */
  public String providerName() {
    return "Cloudflare";
  }

  /** The base URL every endpoint derives from, without a trailing slash. */
  @Override
  public String url() {
    return runtime.url;
  }

  /**
   * The seed's {@code use_nodriver}: a browser (when one is configured) is asked for credentials
   * when none are cached, and to pass a challenge.
   */
  public boolean useNodriver() {
    return true;
  }

  /** True when an {@link ArgsAcquirer} (a headless browser) was configured. */
  public boolean hasBrowser() {
    return runtime.hasBrowser;
  }

  /** The transport chosen with {@link Builder#transport} ({@link Transport#AUTO} by default). */
  public Transport transport() {
    return runtime.transport;
  }

  /**
   * The transport that last worked (kept in the auth file), if one did; {@link Transport#AUTO}
   * tries it first.
   */
  public Optional<Transport> workedTransport() {
    return runtime.workedTransport();
  }

  /** The Agents socket's URL for an agent instance: {@code ws(s)://host/agents/playground/<name>}. */
  public String agentsUrl(String instanceName) {
    return runtime.agentsUrl(instanceName);
  }

  /** The inference endpoint: the base URL plus {@value #API_ENDPOINT}. */
  public String apiEndpoint() {
    return runtime.apiEndpoint();
  }

  /** The model list's URL: the base URL plus {@value #MODELS_PATH}. */
  public String modelsUrl() {
    return runtime.modelsUrl();
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
   * What the playground does with a request on the chosen transport: the agent takes a
   * temperature and no tools, and its replies carry no usage; {@code /api/inference} takes tools
   * and {@code max_tokens} and no sampling option; {@link Transport#AUTO} takes a temperature,
   * {@code max_tokens} and tools (a request with tools goes to {@code /api/inference}). None takes
   * JSON output, images, stop sequences, tool choice, reasoning effort, an end user or extra body
   * members.
   *
   * <p>The agent has no {@code max_tokens} setting, so on its socket flare4j caps the reply itself,
   * approximately: it counts the text, reasoning and tool call arguments as they stream at 4
   * characters a token (rounded up), cuts the reply where that estimate would pass
   * {@code maxTokens}, ends it with finish reason {@code length} and cancels the rest of the turn.
   * A reply cut so carries no usage. The model's tokenizer may count the same text as more or
   * fewer tokens.
   */
  @Override
  public Capabilities capabilities() {
    return PlaygroundTransports.capabilities(runtime.transport);
  }

  /**
   * The playground's text generation models, fetched once and cached; the alias targets and the
   * default model when the list cannot be had (logged as a warning that names what failed; see
   * {@link #fetchModels()} to get the error instead).
   */
  @Override
  public List<String> getModels() {
    return runtime.catalog.get(() -> runtime.fetchModels(runtime.proxy));
  }

  /**
   * The playground's text generation models, with the context window and features its list
   * gives for each (the agent's {@code getModels} answers with Workers AI's model objects), cached
   * with {@link #getModels()}; the built-in ones, not described, when the list cannot be had.
   */
  @Override
  public List<ModelInfo> models() {
    return runtime.catalog.models(() -> runtime.fetchModels(runtime.proxy));
  }

  /**
   * The model {@code nameOrAlias} stands for, by the rule of {@link #getModel}, as the playground's
   * list describes it.
   *
   * @throws ModelNotFoundException as {@link #getModel} says
   */
  @Override
  public ModelInfo model(String nameOrAlias) {
    return runtime.catalog.lookup(nameOrAlias, () -> runtime.fetchModels(runtime.proxy));
  }

  /**
   * Resolves a model name by the same rule as a chat
   * ({@link io.github.flare4j.internal.model.ModelResolver}): empty is the default, an id
   * ({@code @cf/...}) itself, an alias its target, and another name the one listed model whose id
   * ends in it ({@code glm-5.2} is {@code @cf/zai-org/glm-5.2}). The live list is fetched (and
   * cached) for an alias or a short name; when it cannot be had, a short name is matched against
   * the built-in list.
   *
   * @throws ModelNotFoundException for an alias whose model the live list lacks, a name that
   *     matches no listed model (naming the closest), or several (naming them)
   */
  @Override
  public String getModel(String nameOrAlias) {
    return runtime.catalog.resolve(nameOrAlias, () -> runtime.fetchModels(runtime.proxy),
        Optional.empty());
  }

  /**
   * Asks the playground for its models, bypassing the cache (which then holds what came, for
   * {@link #models()}), through the provider's proxy: the
   * agent's {@code getModels} RPC over its socket (the playground today), then
   * {@code GET /api/models} (the older playground); only the latter with
   * {@link Transport#INFERENCE}.
   *
   * @throws Flare4jException when the list cannot be had; the message names each way that failed
   */
  @Override
  public List<String> fetchModels() {
    return runtime.catalog.refresh(runtime.fetchModels(runtime.proxy));
  }

  /** The folder that holds the auth file (see {@link CacheDirectory}). */
  public Path cacheDirectory() {
    return cacheDirectory;
  }

  /**
   * The seed's auth file, {@code <cache dir>/auth_Cloudflare.json}: where the default
   * {@link FileCredentialStore} keeps the credentials (another {@link CredentialStore} does not
   * use it).
   */
  public Path getCacheFile() {
    return cacheDirectory.resolve("auth_" + providerName() + ".json");
  }

  /**
   * Where the credentials are kept under {@link #providerName()}: the one given to
   * {@link Builder#credentialStore}, else a {@link FileCredentialStore} in the cache folder.
   */
  public CredentialStore credentialStore() {
    return credentialStore;
  }

  /** The headers and cookies currently held in memory, if any. */
  public Optional<SessionArgs> args() {
    return runtime.session.current();
  }

  /**
   * Starts a reply from the playground. The request is sent when the first item is read.
   *
   * <p>Items: one {@link io.github.flare4j.ResponseStart} (its id the stream's {@code messageId}),
   * {@link io.github.flare4j.TextDelta}s (and {@link io.github.flare4j.ReasoningDelta}s,
   * {@link io.github.flare4j.ToolCallDelta}s and {@link io.github.flare4j.ToolCall}s), then a {@link io.github.flare4j.Usage} when the service
   * reports one, then one {@link io.github.flare4j.FinishReason}. Reading throws
   * {@link ResponseStatusException} when the playground refuses (after dropping the cached
   * credentials), {@link io.github.flare4j.error.StreamProtocolException} for a broken or failed
   * stream and {@link io.github.flare4j.error.NetworkException} for connection failures and
   * timeouts. Failures before the first item are retried as {@code call} allows.
   *
   * @throws IllegalArgumentException when the request asks for what {@link #capabilities()} lacks
   */
  @Override
  public ChatStream stream(ChatRequest request, CallOptions given) {
    Objects.requireNonNull(request, "request");
    CallOptions call = runtime.callDefaults.apply(given);
    capabilities().check(request, "The Cloudflare AI playground"
        + (runtime.transport == Transport.INFERENCE ? " over " + API_ENDPOINT : ""),
        "use the Workers AI provider for them");
    return ChatStream.of(new CallEngine(label(), request.model(), call,
        context -> PlaygroundTransports.open(runtime, request, context)));
  }

  /**
   * The seed's call: starts a reply with the default options; {@code model} may be an alias, or
   * empty.
   */
  public ChatStream createAsyncGenerator(String model, List<Message> messages) {
    return stream(ChatRequest.builder().model(model).messages(messages).build());
  }

  @Override
  public String toString() {
    return "Cloudflare[" + runtime.url + "]";
  }

  /** Builds a {@link Cloudflare} provider. Not thread-safe. */
  public static final class Builder {
    private HttpUrl baseUrl = HttpUrl.get(DEFAULT_URL);
    private Flare4j flare4j;
    private OkHttpClient client;
    private Timeouts timeouts;
    private Path cacheDirectory;
    private ArgsAcquirer argsAcquirer;
    private boolean argsAcquirerSet;
    private ProxySpec proxy;
    private boolean proxySet;
    private Transport transport = Transport.AUTO;
    private WebSocketRelay relay;
    private boolean relaySet;
    private BrowserSupport browser;
    private boolean browserSet;
    private CredentialStore credentialStore;

    private Builder() {}

    /**
     * Takes the client's settings: its HTTP client (pool and dispatcher), proxy, timeouts, call
     * defaults (time limit, retries, listener), cache folder, credential store and browser. What
     * this builder is told besides wins, in any order.
     */
    public Builder client(Flare4j flare4j) {
      this.flare4j = Objects.requireNonNull(flare4j, "flare4j");
      return this;
    }

    /**
     * The browser for both the credentials and the relayed socket, instead of the one found on
     * the class path (or the client's); null for none.
     */
    public Builder browser(BrowserSupport browser) {
      this.browser = browser;
      this.browserSet = true;
      return this;
    }

    /**
     * No browser at all, even when flare4j-browser is on the class path: no fresh credentials from
     * a browser, no relayed socket, and a challenge fails with a message that says so. An
     * {@link #argsAcquirer} or {@link #webSocketRelay} given as well is still used.
     */
    public Builder noBrowser() {
      return browser(null);
    }

    /**
     * Where credentials are kept between calls and processes, under {@code "Cloudflare"}; null (the
     * default) for the client's, else a {@link FileCredentialStore} in the cache folder, whose file
     * is {@link Cloudflare#getCacheFile()}.
     */
    public Builder credentialStore(CredentialStore credentialStore) {
      this.credentialStore = credentialStore;
      return this;
    }

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
     * (default: the browser's, if any; null for none, and such a refusal falls back to
     * {@code /api/inference} under {@link Transport#AUTO}).
     */
    public Builder webSocketRelay(WebSocketRelay relay) {
      this.relay = relay;
      this.relaySet = true;
      return this;
    }

    /**
     * The proxy for requests that name none, and for the model list (default: none).
     *
     * @throws IllegalArgumentException when the URL is not a proxy URL
     */
    public Builder proxy(String proxyUrl) {
      return proxy(proxyUrl == null || proxyUrl.isBlank() ? null : ProxySpec.parse(proxyUrl));
    }

    /**
     * The proxy for requests that name none, and for the model list; null for none (even when the
     * client has one).
     */
    public Builder proxy(ProxySpec proxy) {
      this.proxy = proxy;
      this.proxySet = true;
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

    /**
     * The OkHttp client to share (its pool and dispatcher); by default the client's, else the
     * provider makes one, whose threads are daemons. The Agents socket, which flare4j's own WebSocket client opens, takes this
     * client's TLS socket factory (the certificates it trusts) and DNS.
     */
    public Builder httpClient(OkHttpClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /** Connect, first-byte and idle limits (default: the client's, else {@link Timeouts#DEFAULT}). */
    public Builder timeouts(Timeouts timeouts) {
      this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
      return this;
    }

    /**
     * The folder of the auth file; null for the client's, else the default (see
     * {@link CacheDirectory}). Given here, the credentials are kept in a file there rather than in
     * the client's store, unless a {@link #credentialStore} is given too.
     */
    public Builder cacheDirectory(Path cacheDirectory) {
      this.cacheDirectory = cacheDirectory;
      return this;
    }

    /**
     * Where fresh credentials come from when none are cached (default: the browser's, if any; null
     * for none).
     */
    public Builder argsAcquirer(ArgsAcquirer argsAcquirer) {
      this.argsAcquirer = argsAcquirer;
      this.argsAcquirerSet = true;
      return this;
    }

    /** Builds the provider. */
    public Cloudflare build() {
      return new Cloudflare(this);
    }
  }
}
