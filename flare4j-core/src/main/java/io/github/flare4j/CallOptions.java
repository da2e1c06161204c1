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
 * <p>{@link #toString()} shows no cookie value and no proxy password.
 *
 * @param proxy the proxy, when one is set (else the provider's, if it has one)
 * @param cookies cookies to send besides the provider's own
 * @param timeout the limit for the whole call
 * @param maxRetries how many times a failed attempt is tried again (0: never); only failures
 *     before the first item reached the caller are retried
 * @param listener hears how the call goes
 */
public record CallOptions(Optional<ProxySpec> proxy, Map<String, String> cookies,
    Duration timeout, int maxRetries, CallListener listener) {

  /** The default limit for a whole call, as in the seed. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);
  /** How many times a failed attempt is tried again by default. */
  public static final int DEFAULT_MAX_RETRIES = 2;

  private static final CallOptions DEFAULTS = builder().build();

  /** Checks and copies the parts. */
  public CallOptions {
    Objects.requireNonNull(proxy, "proxy");
    cookies = Map.copyOf(cookies);
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be 0 or more, was " + maxRetries);
    }
    Objects.requireNonNull(listener, "listener");
  }

  /** No proxy, no cookies, 300 s, {@value #DEFAULT_MAX_RETRIES} retries, no listener. */
  public static CallOptions defaults() {
    return DEFAULTS;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from these options. */
  public Builder toBuilder() {
    Builder builder = new Builder().timeout(timeout).maxRetries(maxRetries).listener(listener);
    proxy.ifPresent(builder::proxy);
    builder.cookies.putAll(cookies);
    return builder;
  }

  @Override
  public String toString() {
    return "CallOptions[proxy=" + proxy.map(ProxySpec::toString).orElse("none")
        + ", cookies=" + cookies.keySet() + ", timeout=" + timeout + ", maxRetries=" + maxRetries
        + "]";
  }

  /** Builds {@link CallOptions}. Not thread-safe. */
  public static final class Builder {
    private ProxySpec proxy;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private Duration timeout = DEFAULT_TIMEOUT;
    private int maxRetries = DEFAULT_MAX_RETRIES;
    private CallListener listener = CallListener.NONE;

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

    /** The limit for the whole call (default 300 s). */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** How many times a failed attempt is tried again (default 2; 0 disables retries). */
    public Builder maxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
      return this;
    }

    /** Who hears how the call goes (default: nobody). */
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
      return new CallOptions(Optional.ofNullable(proxy), cookies, timeout, maxRetries, listener);
    }
  }
}
