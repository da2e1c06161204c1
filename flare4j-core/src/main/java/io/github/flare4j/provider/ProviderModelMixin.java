package io.github.flare4j.provider;

import io.github.flare4j.error.ModelNotFoundException;
import io.github.flare4j.internal.model.ModelCatalog;
import io.github.flare4j.internal.model.ModelResolver;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Model names for a provider (the seed's {@code ProviderModelMixin}): a default model, short
 * aliases, and the list the service offers.
 *
 * <p>{@link #getModel} resolves a name by the rule every provider and the CLI share: empty means
 * the default, a full id itself, an alias its target, and another name the one listed model whose
 * id ends in it; no match, or several, is a {@link ModelNotFoundException} naming close matches
 * or the candidates.
 */
public interface ProviderModelMixin {

  /** The model used when none is named. */
  String defaultModel();

  /** Short names and the model ids they stand for. */
  Map<String, String> modelAliases();

  /**
   * The model ids the service offers, fetched once and cached. When the service's list cannot be
   * had, the alias targets and the default model.
   */
  List<String> getModels();

  /** The provider's label, for messages. */
  String label();

  /**
   * The models the provider knows without asking the service: the default model, then the alias
   * targets. {@link #getModels()} falls back to this list.
   */
  default List<String> builtInModels() {
    return ModelCatalog.builtIn(defaultModel(), modelAliases());
  }

  /**
   * Resolves a model name or alias to a model id, by the one rule every provider and the CLI
   * share: empty is the default, a full id ({@code @cf/...}) itself, an alias its target (refused
   * when the service's list lacks it), and any other name the one listed model whose id's last
   * segment is that name or starts with it and a {@code -} ({@code glm-5.2} is
   * {@code @cf/zai-org/glm-5.2}, {@code deepseek-v4-flash} is
   * {@code @cf/deepseek-ai/deepseek-v4-flash-0731}).
   *
   * @throws ModelNotFoundException for an alias whose model is not listed, or a name that matches
   *     no listed model (naming the closest) or several (naming them)
   */
  default String getModel(String nameOrAlias) {
    return new ModelResolver(label(), defaultModel(), modelAliases())
        .resolve(nameOrAlias, Optional.empty(), () -> Optional.of(getModels()), Optional.empty());
  }
}
