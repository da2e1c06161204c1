package io.github.flare4j.provider;

import io.github.flare4j.error.ModelNotFoundException;
import io.github.flare4j.internal.model.ModelCatalog;
import io.github.flare4j.internal.model.ModelNames;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Model names for a provider (the seed's {@code ProviderModelMixin}): a default model, short
 * aliases, and the list the service offers.
 *
 * <p>{@link #getModel} resolves a name: empty means the default, an alias means its target, a
 * known id means itself, and anything else is a {@link ModelNotFoundException} naming close
 * matches.
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
   * Resolves a model name or alias to a model id. Names the provider knows without asking the
   * service (the default, aliases and their targets) are resolved without a request.
   *
   * @throws ModelNotFoundException when the name is neither an alias nor a known id
   */
  default String getModel(String nameOrAlias) {
    return resolveModel(this, nameOrAlias, this::getModels);
  }

  /**
   * The rules of {@link #getModel}, with the service's list taken from {@code models}, which is
   * asked only when the name is not one the provider knows by itself. Providers use it to fetch
   * the list the way a request does (through its proxy, for example).
   *
   * @throws ModelNotFoundException when the name is neither an alias nor a known id
   */
  static String resolveModel(
      ProviderModelMixin provider, String nameOrAlias, Supplier<List<String>> models) {
    if (nameOrAlias == null || nameOrAlias.isBlank()) {
      return provider.defaultModel();
    }
    String name = nameOrAlias.trim();
    Map<String, String> aliases = provider.modelAliases();
    String target = aliases.get(name);
    if (target != null) {
      return target;
    }
    if (name.equals(provider.defaultModel()) || aliases.containsValue(name)) {
      return name;
    }
    List<String> offered = models.get();
    if (offered.contains(name)) {
      return name;
    }
    List<String> known = new java.util.ArrayList<>(aliases.keySet());
    known.addAll(offered);
    throw new ModelNotFoundException(
        provider.label(), name, ModelNames.closeMatches(name, known, 5));
  }
}
