package io.github.flare4j.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
   * Asks the service for its models now, bypassing the cache.
   *
   * @throws io.github.flare4j.error.Flare4jException when the list cannot be had; the message
   *     says why
   */
  List<String> fetchModels();

  /**
   * The models ({@link #getModels()}, cached), each with its aliases, task and capabilities.
   */
  default List<ModelInfo> models() {
    Map<String, String> aliases = modelAliases();
    Capabilities capabilities = capabilities();
    List<ModelInfo> models = new ArrayList<>();
    for (String id : getModels()) {
      List<String> names = new ArrayList<>();
      aliases.forEach((alias, target) -> {
        if (target.equals(id)) {
          names.add(alias);
        }
      });
      models.add(new ModelInfo(id, names, ModelInfo.TEXT_GENERATION, capabilities));
    }
    return models;
  }
}
