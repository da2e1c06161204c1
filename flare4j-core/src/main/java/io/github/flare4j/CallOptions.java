package io.github.flare4j;

import io.github.flare4j.http.ProxySpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How one call is made, apart from what it asks ({@link ChatRequest}): the proxy, cookies to send,
 * the one time limit for the whole call (every attempt, a browser passing a challenge and a
 * fallback included), how often to retry, and who hears about it. Immutable; build one with
 * {@link #builder()}, or take {@link #defaults()}.
 *
 * <p><b>Unset means the client's.</b> A setting the builder was not given is unset: a provider
 * made by a {@link Flare4j} client takes it from that client (its call timeout, retries, proxy and
 * listener factory), any other provider from the library's defaults ({@link #DEFAULT_TIMEOUT},
 * {@link #DEFAULT_MAX_RETRIES}, no proxy but the provider's, no listener). The accessors give the
 * value that applies when nothing fills the gap; {@link #withDefaults} fills it.
 *
 * <p>{@link #toString()} shows no cookie value and no proxy password.
 */
public final class CallOptions {

  /** The default limit for a whole call, as in the seed. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);
  /** How many times a failed attempt is tried again by default. */
  public static final int DEFAULT_MAX_RETRIES = 2;

  private static final CallOptions DEFAULTS = builder().build();

  private final ProxySpec proxy;
  private final Map<String, String> cookies;
  private final Duration timeout;
  private final Integer maxRetries;
  private final CallListener listener;

  private CallOptions(ProxySpec proxy, Map<String, String> cookies, Duration timeout,
      Integer maxRetries, CallListener listener) {
    this.proxy = proxy;
    this.cookies = Map.copyOf(cookies);
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    this.timeout = timeout;
    if (maxRetries != null && maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be 0 or more, was " + maxRetries);
    }
    this.maxRetries = maxRetries;
    this.listener = listener;
  }

  /**
   * Nothing set: the provider's client decides everything (else no proxy but the provider's, no
   * cookies, 300 s, {@value #DEFAULT_MAX_RETRIES} retries, no listener).
   */
  public static CallOptions defaults() {
    return DEFAULTS;
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from these options, with what they set and leave unset. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.proxy = proxy;
    builder.cookies.putAll(cookies);
    builder.timeout = timeout;
    builder.maxRetries = maxRetries;
    builder.listener = listener;
    return builder;
  }

  /**
   * These options, with each setting they leave unset taken from {@code fallback}; cookies are
   * both's, these winning for a name in both. What {@code fallback} leaves unset stays unset.
   */
  public CallOptions withDefaults(CallOptions fallback) {
    Objects.requireNonNull(fallback, "fallback");
    Map<String, String> merged = new LinkedHashMap<>(fallback.cookies);
    merged.putAll(cookies);
    return new CallOptions(proxy != null ? proxy : fallback.proxy, merged,
        timeout != null ? timeout : fallback.timeout,
        maxRetries != null ? maxRetries : fallback.maxRetries,
        listener != null ? listener : fallback.listener);
  }

  /** The proxy, when one is set (else the provider's, if it has one). */
  public Optional<ProxySpec> proxy() {
    return Optional.ofNullable(proxy);
  }

  /** Cookies to send besides the provider's own. */
  public Map<String, String> cookies() {
    return cookies;
  }

  /** The limit for the whole call; {@link #DEFAULT_TIMEOUT} when unset. */
  public Duration timeout() {
    return timeout != null ? timeout : DEFAULT_TIMEOUT;
  }

  /**
   * How many times a failed attempt is tried again (0: never); only failures before the first item
   * reached the caller are retried. {@value #DEFAULT_MAX_RETRIES} when unset.
   */
  public int maxRetries() {
    return maxRetries != null ? maxRetries : DEFAULT_MAX_RETRIES;
  }

  /** Who hears how the call goes; {@link CallListener#NONE} when unset. */
  public CallListener listener() {
    return listener != null ? listener : CallListener.NONE;
  }

  /** True when a listener was set (even {@link CallListener#NONE}, which silences a client's). */
  public boolean hasListener() {
    return listener != null;
  }

  /** Equal when the same settings are set to equal values and the same are unset. */
  @Override
  public boolean equals(Object other) {
    return other instanceof CallOptions that && Objects.equals(proxy, that.proxy)
        && cookies.equals(that.cookies) && Objects.equals(timeout, that.timeout)
        && Objects.equals(maxRetries, that.maxRetries) && Objects.equals(listener, that.listener);
  }

  @Override
  public int hashCode() {
    return Objects.hash(proxy, cookies, timeout, maxRetries, listener);
  }

  /** The settings, cookie names only; an unset one is shown as {@code default}. */
  @Override
  public String toString() {
    return "CallOptions[proxy=" + (proxy == null ? "default" : proxy.toString())
        + ", cookies=" + cookies.keySet()
        + ", timeout=" + (timeout == null ? "default" : timeout.toString())
        + ", maxRetries=" + (maxRetries == null ? "default" : maxRetries.toString()) + "]";
  }

  /** Builds {@link CallOptions}. Not thread-safe. */
  public static final class Builder {
    private ProxySpec proxy;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private Duration timeout;
    private Integer maxRetries;
    private CallListener listener;

    private Builder() {}

    /** The proxy to use, or null for the provider's (or none). */
    public Builder proxy(ProxySpec proxy) {
      this.proxy = proxy;
      return this;
    }

    /**
     * The proxy as a URL ({@code http://}, {@code https://}, {@code socks5://}, with an optional
     * {@code user:password@}), or null for the provider's (or none).
     *
     * @throws IllegalArgumentException when the URL is not a proxy URL
     */
    public Builder proxy(String proxyUrl) {
      this.proxy = proxyUrl == null || proxyUrl.isBlank() ? null : ProxySpec.parse(proxyUrl);
      return this;
    }

    /** Adds a cookie to send. */
    public Builder cookie(String name, String value) {
      cookies.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Adds cookies to send. */
    public Builder cookies(Map<String, String> cookies) {
      cookies.forEach(this::cookie);
      return this;
    }

    /** The limit for the whole call; null for the client's (else 300 s). */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** How many times a failed attempt is tried again (0 disables retries; else the client's, or 2). */
    public Builder maxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * Who hears how the call goes, instead of the client's listener ({@link CallListener#NONE}
     * silences that one).
     */
    public Builder listener(CallListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Builds the options.
     *
     * @throws IllegalArgumentException when the timeout is not positive or the retries negative
     */
    public CallOptions build() {
      return new CallOptions(proxy, cookies, timeout, maxRetries, listener);
    }
  }
}
