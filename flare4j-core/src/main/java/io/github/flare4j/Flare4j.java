package io.github.flare4j;

import io.github.flare4j.cloudflare.Cloudflare;
import io.github.flare4j.http.ProxySpec;
import io.github.flare4j.http.Timeouts;
import io.github.flare4j.internal.browser.Browsers;
import io.github.flare4j.internal.http.HttpClients;
import io.github.flare4j.provider.CacheDirectory;
import io.github.flare4j.provider.CredentialStore;
import io.github.flare4j.provider.FileCredentialStore;
import io.github.flare4j.spi.BrowserSupport;
import io.github.flare4j.workersai.WorkersAI;
import io.github.flare4j.workersai.WorkersAIOpenAI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;

/**
 * The flare4j client: what every provider made from it shares. One HTTP client (one connection
 * pool and one dispatcher), the proxy, the connection limits, the defaults of a call (its time
 * limit, its retries, a listener for each call), where credentials are kept, and the browser that
 * passes Cloudflare's challenge.
 *
 * <pre>{@code
 * Flare4j flare4j = Flare4j.create();
 * ChatProvider playground = flare4j.playground();                      // no account needed
 * ChatProvider workersAi = flare4j.workersAi(accountId, apiToken);     // Workers AI's REST API
 * ChatResult reply = workersAi.complete(ChatRequest.of("Hello"));
 * }</pre>
 *
 * <p><b>Providers.</b> The shorthands {@link #playground()}, {@link #workersAi} and
 * {@link #workersAiOpenAi} make a provider with the client's settings; for more (another base
 * URL, a gateway, a transport) give the client to a provider's builder, e.g.
 * {@code Cloudflare.builder().client(flare4j).baseUrl(url).build()}: what the builder is told wins
 * over the client. Every provider is a {@link io.github.flare4j.provider.ChatProvider}.
 *
 * <p><b>Calls.</b> A call made without {@link CallOptions}, or with options that leave a setting
 * unset, uses the client's: its {@link #callTimeout()}, {@link #maxRetries()}, {@link #proxy()},
 * and a listener from its {@link #listenerFactory()}.
 *
 * <p><b>Browser.</b> When flare4j-browser ({@value BrowserSupport#ARTIFACT}) is on the class
 * path, the client finds it ({@link java.util.ServiceLoader}) and the playground uses it to pass
 * Cloudflare's challenge; without it, a challenge's message says to add it.
 * {@link Builder#noBrowser()} turns it off.
 *
 * <p><b>Threads and lifetime.</b> Immutable and thread-safe: make one and share it. Its threads are
 * daemons, so a program exits once its {@code main} returns, closed or not. {@link #close()}
 * releases the HTTP client's connections and threads at once when the client made it.
 * {@link #toString()} shows no password and no token.
 */
public final class Flare4j implements AutoCloseable {
  private final OkHttpClient httpClient;
  private final boolean ownsHttpClient;
  private final ProxySpec proxy;
  private final Timeouts timeouts;
  private final Duration callTimeout;
  private final int maxRetries;
  private final Path cacheDirectory;
  private final CredentialStore credentialStore;
  private final boolean credentialStoreGiven;
  private final CallListener.Factory listenerFactory;
  private final BrowserSupport browser;
  private final boolean browserGiven;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Flare4j(Builder builder) {
    this.ownsHttpClient = builder.httpClient == null;
    this.httpClient = ownsHttpClient ? HttpClients.newSharedClient() : builder.httpClient;
    this.proxy = builder.proxy;
    this.timeouts = builder.timeouts;
    this.callTimeout = builder.callTimeout;
    this.maxRetries = builder.maxRetries;
    this.cacheDirectory = CacheDirectory.resolve(builder.cacheDirectory);
    this.credentialStoreGiven = builder.credentialStore != null;
    this.credentialStore = credentialStoreGiven
        ? builder.credentialStore : new FileCredentialStore(cacheDirectory);
    this.listenerFactory = builder.listenerFactory;
    this.browserGiven = builder.browserSet;
    this.browser = builder.browserSet ? builder.browser : Browsers.find().orElse(null);
  }

  /** A client with every default. */
  public static Flare4j create() {
    return builder().build();
  }

  /**
   * A builder with the defaults: its own HTTP client, no proxy, {@link Timeouts#DEFAULT}, calls
   * of at most {@link CallOptions#DEFAULT_TIMEOUT} with {@value CallOptions#DEFAULT_MAX_RETRIES}
   * retries and no listener, the default cache folder ({@link CacheDirectory}) and a
   * {@link FileCredentialStore} in it, and the browser found on the class path, if any.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder that starts from this client's settings, sharing its HTTP client (and so its
   * connection pool and dispatcher). This client is not changed.
   */
  public Builder newBuilder() {
    Builder builder = new Builder();
    builder.httpClient = httpClient;
    builder.proxy = proxy;
    builder.timeouts = timeouts;
    builder.callTimeout = callTimeout;
    builder.maxRetries = maxRetries;
    builder.cacheDirectory = cacheDirectory;
    builder.credentialStore = credentialStoreGiven ? credentialStore : null;
    builder.listenerFactory = listenerFactory;
    if (browserGiven) {
      builder.browser(browser);
    }
    return builder;
  }

  /**
   * The Cloudflare AI playground (no account needed) with this client's settings and the
   * defaults: the public playground, the transport that works.
   */
  public Cloudflare playground() {
    return Cloudflare.builder().client(this).build();
  }

  /**
   * Workers AI's REST API for an account, with this client's settings.
   *
   * @throws IllegalStateException when the account id or the API token is missing
   */
  public WorkersAI workersAi(String accountId, String apiToken) {
    return WorkersAI.builder().client(this).accountId(accountId).apiToken(apiToken).build();
  }

  /**
   * Workers AI's OpenAI-compatible endpoint for an account, with this client's settings.
   *
   * @throws IllegalStateException when the account id or the API token is missing
   */
  public WorkersAIOpenAI workersAiOpenAi(String accountId, String apiToken) {
    return WorkersAIOpenAI.builder().client(this).accountId(accountId).apiToken(apiToken).build();
  }

  /** The HTTP client every provider made from this client shares (its pool and dispatcher). */
  public OkHttpClient httpClient() {
    return httpClient;
  }

  /** The proxy for calls that name none, if any. */
  public Optional<ProxySpec> proxy() {
    return Optional.ofNullable(proxy);
  }

  /** The connect, first-byte and idle limits. */
  public Timeouts timeouts() {
    return timeouts;
  }

  /** The limit for a whole call whose {@link CallOptions} set none. */
  public Duration callTimeout() {
    return callTimeout;
  }

  /** How many times a failed attempt is tried again in a call whose {@link CallOptions} say not. */
  public int maxRetries() {
    return maxRetries;
  }

  /** The folder of the auth files. */
  public Path cacheDirectory() {
    return cacheDirectory;
  }

  /** Where providers keep the credentials they obtained. */
  public CredentialStore credentialStore() {
    return credentialStore;
  }

  /** Makes the listener of each call whose {@link CallOptions} name none. */
  public CallListener.Factory listenerFactory() {
    return listenerFactory;
  }

  /** The browser that passes challenges: found on the class path, or given; empty for none. */
  public Optional<BrowserSupport> browser() {
    return Optional.ofNullable(browser);
  }

  /**
   * Releases the HTTP client this client made: closes its idle connections and stops its
   * dispatcher's threads. A client given with {@link Builder#httpClient} is left to its owner;
   * so is a client shared through {@link #newBuilder()}, which the client that made it releases.
   * Calls in progress are not cancelled. Idempotent; providers should not be used afterwards.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && ownsHttpClient) {
      httpClient.dispatcher().executorService().shutdown();
      httpClient.connectionPool().evictAll();
    }
  }

  /** The settings; never a proxy password, never a credential. */
  @Override
  public String toString() {
    return "Flare4j[proxy=" + (proxy == null ? "none" : proxy.toString())
        + ", timeouts=" + timeouts + ", callTimeout=" + callTimeout + ", maxRetries=" + maxRetries
        + ", cacheDirectory=" + cacheDirectory
        + ", credentialStore=" + credentialStore.getClass().getSimpleName()
        + ", browser=" + (browser == null ? "none" : browser.name()) + "]";
  }

  /** Builds a {@link Flare4j} client. Not thread-safe. */
  public static final class Builder {
    private OkHttpClient httpClient;
    private ProxySpec proxy;
    private Timeouts timeouts = Timeouts.DEFAULT;
    private Duration callTimeout = CallOptions.DEFAULT_TIMEOUT;
    private int maxRetries = CallOptions.DEFAULT_MAX_RETRIES;
    private Path cacheDirectory;
    private CredentialStore credentialStore;
    private CallListener.Factory listenerFactory = CallListener.Factory.NONE;
    private BrowserSupport browser;
    private boolean browserSet;

    private Builder() {}

    /**
     * The OkHttp client to share (its pool, dispatcher, TLS settings); by default the client makes
     * one, whose threads are daemons. Each request derives its own proxy and limits from it and
     * never follows redirects.
     */
    public Builder httpClient(OkHttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /**
     * The proxy for calls that name none, and for model lists (default: none).
     *
     * @throws IllegalArgumentException when the URL is not a proxy URL
     */
    public Builder proxy(String proxyUrl) {
      this.proxy = proxyUrl == null || proxyUrl.isBlank() ? null : ProxySpec.parse(proxyUrl);
      return this;
    }

    /** The proxy for calls that name none, and for model lists; null for none. */
    public Builder proxy(ProxySpec proxy) {
      this.proxy = proxy;
      return this;
    }

    /** Connect, first-byte and idle limits (default {@link Timeouts#DEFAULT}). */
    public Builder timeouts(Timeouts timeouts) {
      this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
      return this;
    }

    /**
     * The limit for a whole call whose options set none (default 300 s).
     *
     * @throws IllegalArgumentException when it is not positive
     */
    public Builder callTimeout(Duration callTimeout) {
      Objects.requireNonNull(callTimeout, "callTimeout");
      if (callTimeout.isNegative() || callTimeout.isZero()) {
        throw new IllegalArgumentException("callTimeout must be positive, was " + callTimeout);
      }
      this.callTimeout = callTimeout;
      return this;
    }

    /**
     * How many times a failed attempt is tried again in a call whose options say not (default
     * {@value CallOptions#DEFAULT_MAX_RETRIES}; 0 disables retries).
     *
     * @throws IllegalArgumentException when it is negative
     */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries must be 0 or more, was " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /** The folder of the auth files; null for the default (see {@link CacheDirectory}). */
    public Builder cacheDirectory(Path cacheDirectory) {
      this.cacheDirectory = cacheDirectory;
      return this;
    }

    /**
     * Where providers keep their credentials between calls and processes; null (the default) for
     * a {@link FileCredentialStore} in the cache folder.
     */
    public Builder credentialStore(CredentialStore credentialStore) {
      this.credentialStore = credentialStore;
      return this;
    }

    /**
     * One listener for every call whose options name none; it hears concurrent calls, so it must
     * be thread-safe. Replaces a {@link #listenerFactory}.
     */
    public Builder listener(CallListener listener) {
      this.listenerFactory = CallListener.Factory.of(listener);
      return this;
    }

    /** Makes a listener for each call whose options name none (default: no listener). */
    public Builder listenerFactory(CallListener.Factory listenerFactory) {
      this.listenerFactory = Objects.requireNonNull(listenerFactory, "listenerFactory");
      return this;
    }

    /**
     * The browser that passes challenges, instead of the one found on the class path; null for
     * none (as {@link #noBrowser()}).
     */
    public Builder browser(BrowserSupport browser) {
      this.browser = browser;
      this.browserSet = true;
      return this;
    }

    /** No browser, even when flare4j-browser is on the class path: a challenge then fails. */
    public Builder noBrowser() {
      return browser(null);
    }

    /** Builds the client; finds the browser on the class path unless one was given. */
    public Flare4j build() {
      return new Flare4j(this);
    }
  }
}
