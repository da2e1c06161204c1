package io.github.flare4j.provider;

import java.util.List;

/**
 * One model a provider offers: its id, the aliases that stand for it, its task, and what the
 * provider does with requests for it.
 *
 * @param id the id sent to the service, e.g. {@code @cf/meta/llama-3.3-70b-instruct-fp8-fast}
 * @param aliases the provider's short names for it, e.g. {@code llama-3.3-70b}
 * @param task the service's task, {@code Text Generation} for every model listed here
 * @param capabilities what the provider does with a request for it
 */
public record ModelInfo(String id, List<String> aliases, String task, Capabilities capabilities) {
  /** The task of chat models. */
  public static final String TEXT_GENERATION = "Text Generation";

  /** Copies the aliases. */
  public ModelInfo {
    aliases = List.copyOf(aliases);
  }
}
