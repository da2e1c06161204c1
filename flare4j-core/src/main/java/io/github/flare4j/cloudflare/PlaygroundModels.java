package io.github.flare4j.cloudflare;

import io.github.flare4j.internal.model.ModelTable;
import java.util.Map;

/**
 * The playground's default model and alias table; a name becomes the model id sent by the one
 * rule of {@link io.github.flare4j.internal.model.ModelResolver}, applied by the provider's
 * {@link io.github.flare4j.internal.model.ModelCatalog}.
 */
final class PlaygroundModels {
  static final String DEFAULT_MODEL = ModelTable.SEED_DEFAULT;

  static final Map<String, String> ALIASES = ModelTable.ALIASES;

  private PlaygroundModels() {}

}
