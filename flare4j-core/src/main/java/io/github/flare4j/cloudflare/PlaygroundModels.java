package io.github.flare4j.cloudflare;

import io.github.flare4j.internal.model.ModelResolver;
import io.github.flare4j.internal.model.ModelTable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The playground's default model and alias table; a name becomes the model id sent by the one
 * rule of {@link ModelResolver}, given the service's live list when there is one.
 */
final class PlaygroundModels {
  static final String DEFAULT_MODEL = ModelTable.SEED_DEFAULT;

  static final Map<String, String> ALIASES = ModelTable.ALIASES;

  private PlaygroundModels() {}

  /**
   * The model id for {@code name} by {@link ModelResolver}'s rule, against {@code live}: an empty
   * name is the seed's default when the list has it (or there is no list), else the agent's own
   * model, else the first model listed; without a live list a short name is matched against the
   * built-in one.
   *
   * @param live the service's list, when it could be had
   * @param agentModel the model in the agent's state, when one was seen
   * @throws io.github.flare4j.error.ModelNotFoundException as {@link ModelResolver#resolve} says
   */
  static String resolve(String label, String name, Optional<List<String>> live,
      Optional<String> agentModel) {
    return resolver(label).resolve(name, live, () -> live, agentModel);
  }

  static ModelResolver resolver(String label) {
    return new ModelResolver(label, DEFAULT_MODEL, ALIASES);
  }
}
