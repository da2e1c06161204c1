package io.github.flare4j.internal.model;

import io.github.flare4j.error.ModelNotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one rule that turns a model name into the id sent, for every provider (the playground over
 * either transport, both Workers AI APIs, {@code getModel}) and the CLI:
 *
 * <ul>
 *   <li>empty: the default model when the list at hand has it (or there is none), else the
 *       agent's own model when one was seen, else the first model listed;
 *   <li>a full id ({@code @cf/...}, {@code @hf/...}, anything starting with {@code @}): as given,
 *       and the service says when it does not know it;
 *   <li>an alias ({@link ModelTable#ALIASES}): its target; refused with a
 *       {@link ModelNotFoundException} naming the nearest listed models when the live list lacks
 *       it (Cloudflare retires models);
 *   <li>any other name: the one listed model whose id's last path segment equals it (ignoring
 *       case); else the one whose last segment starts with it followed by {@code -}
 *       ({@code glm-5.2} is {@code @cf/zai-org/glm-5.2}, {@code deepseek-v4-flash} is
 *       {@code @cf/deepseek-ai/deepseek-v4-flash-0731}). An exact segment wins over longer ones,
 *       so {@code glm-5.3} is not made ambiguous by {@code glm-5.3-flash}. Several matches, or
 *       none, is a {@link ModelNotFoundException} naming the matches or the closest names.
 * </ul>
 *
 * <p><b>Without a live list</b> (the service's list could not be had: it was logged), an id and
 * an alias go as they are, and any other name is matched the same way against the built-in list
 * (the default model and the alias targets), so that a name flare4j knows still works offline and
 * a mistyped one is still refused before anything is sent.
 *
 * <p>Immutable and thread-safe.
 */
public final class ModelResolver {
  private static final int SUGGESTIONS = 5;

  private final String label;
  private final String defaultModel;
  private final Map<String, String> aliases;

  /**
   * @param label the provider's label, for messages
   * @param defaultModel the model for an empty name
   * @param aliases alias to model id
   */
  public ModelResolver(String label, String defaultModel, Map<String, String> aliases) {
    this.label = label;
    this.defaultModel = defaultModel;
    this.aliases = aliases;
  }

  /**
   * The model id for {@code name}.
   *
   * @param cached the service's list when it is at hand without asking (for an empty name)
   * @param live the service's list, asked only for an alias or a short name; empty when it
   *     cannot be had
   * @param agentModel the model in the playground agent's state, when one was seen
   * @throws ModelNotFoundException for an alias whose model the live list lacks, and for a short
   *     name that matches no listed model or several
   */
  public String resolve(String name, Optional<List<String>> cached,
      Supplier<Optional<List<String>>> live, Optional<String> agentModel) {
    if (name == null || name.isBlank()) {
      if (cached.isEmpty() || cached.get().isEmpty() || cached.get().contains(defaultModel)) {
        return defaultModel;
      }
      return agentModel.orElse(cached.get().get(0));
    }
    String trimmed = name.trim();
    if (trimmed.startsWith("@")) {
      return trimmed;
    }
    String target = aliases.get(trimmed);
    Optional<List<String>> listed = live.get();
    if (target != null) {
      if (listed.isPresent() && !listed.get().contains(target)) {
        throw ModelNotFoundException.notListed(label, trimmed, target,
            ModelNames.nearest(target, listed.get(), SUGGESTIONS));
      }
      return target;
    }
    List<String> models = listed.orElseGet(() -> ModelCatalog.builtIn(defaultModel, aliases));
    if (models.contains(trimmed)) {
      return trimmed;
    }
    List<String> matches = matches(trimmed, models);
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.size() > 1) {
      throw ModelNotFoundException.ambiguous(label, trimmed, matches);
    }
    List<String> known = new ArrayList<>(aliases.keySet());
    known.addAll(models);
    throw new ModelNotFoundException(label, trimmed, ModelNames.closeMatches(trimmed, known,
        SUGGESTIONS));
  }

  /**
   * The models {@code name} stands for by the rule: those whose last segment equals it, when
   * there are any; else those whose last segment starts with it and a {@code -}.
   */
  static List<String> matches(String name, List<String> models) {
    String wanted = name.toLowerCase(Locale.ROOT);
    LinkedHashSet<String> exact = new LinkedHashSet<>();
    LinkedHashSet<String> prefixed = new LinkedHashSet<>();
    for (String id : models) {
      String segment = id.substring(id.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
      if (segment.equals(wanted)) {
        exact.add(id);
      } else if (segment.startsWith(wanted) && segment.length() > wanted.length()
          && segment.charAt(wanted.length()) == '-') {
        prefixed.add(id);
      }
    }
    return List.copyOf(exact.isEmpty() ? prefixed : exact);
  }
}
