package io.github.flare4j.gateway;

import io.github.flare4j.gateway.http.ApiException;
import io.github.flare4j.provider.ChatProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The providers behind the gateway, by name ({@code playground}, {@code workers-ai}...), and the
 * default one. A client's model may start with a provider's name and a slash to choose it
 * ({@code workers-ai/@cf/meta/llama-3.3-70b-instruct-fp8-fast}); any other model goes to the
 * default provider. Immutable.
 */
public final class Upstreams {
  private final Map<String, ChatProvider> providers;
  private final String defaultName;

  /**
   * @param providers the providers by name, in the order {@code /v1/models} lists them
   * @param defaultName the name of the provider a model without a known prefix goes to
   */
  public Upstreams(Map<String, ChatProvider> providers, String defaultName) {
    if (providers.isEmpty()) {
      throw new IllegalArgumentException("The gateway needs at least one provider");
    }
    this.providers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(providers));
    this.defaultName = Objects.requireNonNull(defaultName, "defaultName");
    if (!providers.containsKey(defaultName)) {
      throw new IllegalArgumentException("No provider named " + defaultName);
    }
  }

  /** The providers by name, in order. */
  public Map<String, ChatProvider> providers() {
    return providers;
  }

  /** The default provider's name. */
  public String defaultName() {
    return defaultName;
  }

  /** A provider and the model name to ask it for, the prefix taken off. */
  public record Choice(String providerName, ChatProvider provider, String model) {}

  /**
   * The provider a client's model goes to.
   *
   * @throws ApiException 400 when the model is missing or not a string
   */
  public Choice choose(String model) {
    String name = model == null ? "" : model.strip();
    int slash = name.indexOf('/');
    if (slash > 0 && !name.startsWith("@")) {
      String prefix = name.substring(0, slash);
      ChatProvider provider = providers.get(prefix);
      if (provider != null) {
        return new Choice(prefix, provider, name.substring(slash + 1));
      }
    }
    return new Choice(defaultName, providers.get(defaultName), name);
  }

  /** Every provider's name, for messages. */
  public List<String> names() {
    return List.copyOf(providers.keySet());
  }
}
