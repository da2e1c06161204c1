package io.github.flare4j.cloudflare;

import io.github.flare4j.error.ModelNotFoundException;
import io.github.flare4j.internal.model.ModelTable;
import io.github.flare4j.internal.model.ModelNames;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The playground's default model, alias table, and how a name becomes the model id sent, given the
 * service's live list when there is one.
 */
final class PlaygroundModels {
  static final String DEFAULT_MODEL = ModelTable.SEED_DEFAULT;

  static final Map<String, String> ALIASES = ModelTable.ALIASES;

  private static final int SUGGESTIONS = 5;

  private PlaygroundModels() {}

  /**
   * The model id for {@code name}:
   *
   * <ul>
   *   <li>empty: the seed's default when the live list has it (or there is no live list), else the
   *       agent's own model (its state on connect), else the first model listed;
   *   <li>an alias: its target; when the live list lacks it, a {@link ModelNotFoundException}
   *       naming the closest live models, before anything is sent;
   *   <li>anything else: as given, as the seed sends it (the service says when it does not know
   *       it).
   * </ul>
   *
   * @param live the service's list, when it could be had
   * @param agentModel the model in the agent's state, when one was seen
   */
  static String resolve(String label, String name, Optional<List<String>> live,
      Optional<String> agentModel) {
    if (name == null || name.isBlank()) {
      if (live.isEmpty() || live.get().contains(DEFAULT_MODEL)) {
        return DEFAULT_MODEL;
      }
      return agentModel.orElse(live.get().isEmpty() ? DEFAULT_MODEL : live.get().get(0));
    }
    String trimmed = name.trim();
    String target = ALIASES.get(trimmed);
    if (target == null) {
      return trimmed;
    }
    if (live.isPresent() && !live.get().contains(target)) {
      throw ModelNotFoundException.notListed(label, trimmed, target,
          ModelNames.nearest(target, live.get(), SUGGESTIONS));
    }
    return target;
  }
}
