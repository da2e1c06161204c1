package io.github.flare4j.provider;

import java.util.List;

/**
 * The one seam every consumer uses (the CLI, a gateway, framework adapters), whatever the service
 * behind it: chat ({@link AsyncGeneratorProvider}), models ({@link ProviderModelMixin},
 * {@link #models()}), and {@link #capabilities()}, so a caller can tell in advance what would be
 * refused, with no {@code instanceof}. The playground ({@code Cloudflare}) and both Workers AI
 * providers implement it.
 */
public interface ChatProvider extends AsyncGeneratorProvider, ProviderModelMixin {

  /** What the provider does with a request: options, tools, JSON mode, reasoning, usage. */
  Capabilities capabilities();

  /**
   * Asks the service for its models now, bypassing the cache, which then holds what came (so
   * that {@link #models()} describes them without asking again); returns the chat models' ids.
   *
   * @throws io.github.flare4j.error.Flare4jException when the list cannot be had; the message
   *     says why
   */
  List<String> fetchModels();

  /**
   * The provider's catalogue: the models the service lists, each with its aliases, task, context
   * window and features as the list describes them, fetched once and cached (with
   * {@link #getModels()}). The chat models ({@value ModelInfo#TEXT_GENERATION}) and, where the
   * provider embeds, the embedding models ({@value ModelInfo#TEXT_EMBEDDINGS}). When the list
   * cannot be had (logged as a warning), the built-in models, not described (see
   * {@link ModelInfo#described()}).
   */
  List<ModelInfo> models();

  /**
   * The model a name stands for, by the rule of {@link #getModel} (an id, an alias, or the end of
   * one listed id; empty is the default model), as the catalogue ({@link #models()}) describes it;
   * a model it does not describe (an id it does not hold, or no list could be had) comes with its
   * features unknown. Embedding models are found by their names too.
   *
   * @throws io.github.flare4j.error.ModelNotFoundException for an alias whose model is not
   *     listed, or a name that matches no listed model (naming the closest) or several (naming
   *     them)
   */
  ModelInfo model(String nameOrAlias);
}
