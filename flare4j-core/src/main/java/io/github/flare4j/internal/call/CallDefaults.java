package io.github.flare4j.internal.call;

import io.github.flare4j.CallListener;
import io.github.flare4j.CallOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * What a provider's calls use for what their {@link CallOptions} leave unset: its client's call
 * timeout, retries and listener factory (the proxy is the provider's own, which the call already
 * falls back to).
 *
 * @param timeout the limit for a whole call
 * @param maxRetries how many times a failed attempt is tried again
 * @param listeners makes the listener of a call that names none
 */
public record CallDefaults(Duration timeout, int maxRetries, CallListener.Factory listeners) {

  /** The library's: 300 s, 2 retries, no listener. */
  public static final CallDefaults LIBRARY = new CallDefaults(
      CallOptions.DEFAULT_TIMEOUT, CallOptions.DEFAULT_MAX_RETRIES, CallListener.Factory.NONE);

  /** Checks the parts. */
  public CallDefaults {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(listeners, "listeners");
  }

  /** {@code call} with what it leaves unset filled in; the factory is asked only when needed. */
  public CallOptions apply(CallOptions call) {
    Objects.requireNonNull(call, "call");
    CallOptions.Builder fallback = CallOptions.builder().timeout(timeout).maxRetries(maxRetries);
    if (!call.hasListener()) {
      fallback.listener(Objects.requireNonNull(listeners.create(),
          "the client's CallListener.Factory returned null"));
    }
    return call.withDefaults(fallback.build());
  }
}
