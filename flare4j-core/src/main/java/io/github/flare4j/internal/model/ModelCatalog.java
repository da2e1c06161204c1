package io.github.flare4j.internal.model;

import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.provider.ModelInfo;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A provider's models and names, the one place both live: the service's model list, fetched once
 * and cached (as {@link ModelInfo}s carrying the provider's aliases), and the name rule of
 * {@link ModelResolver} applied to it. Thread-safe: concurrent first callers wait for one fetch.
 * When the fetch fails the built-in list (not described: features unknown) stands in and the next
 * call tries again.
 *
 * <p>The catalogue keeps the text generation models and, for a provider that embeds (given
 * embedding aliases), the text embedding models; other tasks the service lists are dropped.
 * {@link #get}, {@link #live} and {@link #cached} give the chat models' ids, which a chat request's
 * name is resolved against; {@link #lookup} resolves against every model kept.
 */
public final class ModelCatalog {
  private static final System.Logger LOG = System.getLogger(ModelCatalog.class.getName());

  private final String label;
  private final String defaultModel;
  private final Map<String, String> aliases;
  private final Map<String, String> embeddingAliases;
  private final Set<String> tasks;
  private final ModelResolver chat;
  private final ModelResolver any;
  private final ModelResolver embedding;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile List<ModelInfo> cached;

  /**
   * @param label the provider's label, for messages
   * @param defaultModel the chat model of a request that names none
   * @param aliases chat aliases: alias to model id
   * @param embeddingAliases embedding aliases; empty for a provider that does not embed (its
   *     catalogue then holds chat models only)
   */
  public ModelCatalog(String label, String defaultModel, Map<String, String> aliases,
      Map<String, String> embeddingAliases) {
    this.label = label;
    this.defaultModel = defaultModel;
    this.aliases = aliases;
    this.embeddingAliases = embeddingAliases;
    this.tasks = embeddingAliases.isEmpty() ? Set.of(ModelInfo.TEXT_GENERATION)
        : Set.of(ModelInfo.TEXT_GENERATION, ModelInfo.TEXT_EMBEDDINGS);
    this.chat = new ModelResolver(label, defaultModel, aliases);
    Map<String, String> all = new LinkedHashMap<>(aliases);
    all.putAll(embeddingAliases);
    this.any = new ModelResolver(label, defaultModel, all);
    this.embedding = new ModelResolver(label, EmbeddingModels.DEFAULT_MODEL, embeddingAliases);
  }

  /**
   * Every model kept, with its aliases: the cached list, asking {@code fetch} first when needed;
   * the built-in list when it fails.
   *
   * @param fetch asks the service (every task); throws a {@link Flare4jException} when it cannot
   */
  public List<ModelInfo> models(Supplier<List<ModelInfo>> fetch) {
    return liveModels(fetch).orElseGet(this::builtInModels);
  }

  /** The service's list, as {@link #models}, but empty when it cannot be had (logged). */
  public Optional<List<ModelInfo>> liveModels(Supplier<List<ModelInfo>> fetch) {
    List<ModelInfo> models = cached;
    if (models != null) {
      return Optional.of(models);
    }
    lock.lock();
    try {
      if (cached == null) {
        cached = keep(fetch.get());
      }
      return Optional.of(cached);
    } catch (Flare4jException e) {
      LOG.log(Level.WARNING, "Cannot fetch the model list, using the built-in one: {0}",
          e.getMessage());
      return Optional.empty();
    } finally {
      lock.unlock();
    }
  }

  /** The chat models' ids, as {@link #models} finds them. */
  public List<String> get(Supplier<List<ModelInfo>> fetch) {
    return chatIds(models(fetch));
  }

  /** The chat models' ids of the service's list, empty when it cannot be had (logged). */
  public Optional<List<String>> live(Supplier<List<ModelInfo>> fetch) {
    return liveModels(fetch).map(ModelCatalog::chatIds);
  }

  /** The cached chat models' ids, without asking anybody. */
  public Optional<List<String>> cached() {
    return Optional.ofNullable(cached).map(ModelCatalog::chatIds);
  }

  /** Caches a list the service sent by other means, unless one is cached already. */
  public void offer(List<ModelInfo> models) {
    lock.lock();
    try {
      if (cached == null) {
        cached = keep(models);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Caches {@code models}, a list just fetched, in place of any cached one; returns the chat
   * models' ids of it.
   */
  public List<String> refresh(List<ModelInfo> models) {
    List<ModelInfo> kept = keep(models);
    cached = kept;
    return chatIds(kept);
  }

  /** The cached list's entry for {@code id}, without asking anybody; empty when none. */
  public Optional<ModelInfo> cachedModel(String id) {
    List<ModelInfo> models = cached;
    if (models != null) {
      for (ModelInfo model : models) {
        if (model.id().equals(id)) {
          return Optional.of(model);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Refuses a request for {@code id} that asks for what the cached list says the model lacks
   * (tools to a model without function calling, images to one without vision), before anything
   * is sent; a model the list does not describe is let through for the service to judge.
   *
   * @throws IllegalArgumentException naming the model and each feature it lacks
   */
  public void checkModel(String id, io.github.flare4j.ChatRequest request) {
    cachedModel(id).ifPresent(model -> {
      List<io.github.flare4j.provider.Feature> missing = model.unsupported(request);
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException(label + ": the model " + id + " takes no "
            + missing.stream().map(io.github.flare4j.provider.Feature::wireName)
                .collect(java.util.stream.Collectors.joining(", "))
            + " (so says the service's model list); choose a model that does");
      }
    });
  }

  /** Forgets the cached list, so the next call fetches again. */
  public void invalidate() {
    cached = null;
  }

  /**
   * The chat model id for {@code name} by {@link ModelResolver}'s rule: an empty name against the
   * cached list, an alias or a short name against the service's list (fetched when none is
   * cached; the built-in one when it cannot be had), an id as given.
   *
   * @param agentModel the playground agent's model, when one was seen
   * @throws io.github.flare4j.error.ModelNotFoundException as {@link ModelResolver#resolve} says
   */
  public String resolve(String name, Supplier<List<ModelInfo>> fetch, Optional<String> agentModel) {
    return chat.resolve(name, cached(), () -> live(fetch), agentModel);
  }

  /**
   * The chat model id for {@code name} against the cached list only (the playground agent's turn,
   * whose list came over its own socket); without one, as if the list could not be had.
   */
  public String resolveCached(String name, Optional<String> agentModel) {
    Optional<List<String>> listed = cached();
    return chat.resolve(name, listed, () -> listed, agentModel);
  }

  /**
   * The embedding model id for {@code name}, against the embedding aliases (the account's list is
   * not asked: an embedding request must not wait for it); empty is
   * {@value EmbeddingModels#DEFAULT_MODEL}.
   *
   * @throws io.github.flare4j.error.ModelNotFoundException for a short name that matches no
   *     embedding model, or several
   */
  public String resolveEmbedding(String name) {
    return embedding.resolve(name, Optional.empty(), Optional::empty, Optional.empty());
  }

  /**
   * The model {@code name} stands for, chat or embedding, by the same rule against every model
   * kept (aliases of both kinds): its entry in the service's list, or, for a model the list does
   * not describe (it could not be had, or does not hold that id), one whose features are unknown.
   * Empty is the default chat model.
   *
   * @throws io.github.flare4j.error.ModelNotFoundException as {@link ModelResolver#resolve} says
   */
  public ModelInfo lookup(String name, Supplier<List<ModelInfo>> fetch) {
    Optional<List<ModelInfo>> listed = Optional.ofNullable(cached);
    Supplier<Optional<List<ModelInfo>>> live = () -> liveModels(fetch);
    String id = any.resolve(name, listed.map(ModelCatalog::chatIds), () -> live.get()
        .map(ModelCatalog::ids), Optional.empty());
    List<ModelInfo> models = live.get().orElseGet(this::builtInModels);
    for (ModelInfo model : models) {
      if (model.id().equals(id)) {
        return model;
      }
    }
    return unlisted(id);
  }

  /**
   * The models known without asking, none of them described: the default model and the chat
   * alias targets, then the embedding alias targets.
   */
  public List<ModelInfo> builtInModels() {
    List<ModelInfo> models = new ArrayList<>();
    for (String id : builtIn(defaultModel, aliases)) {
      models.add(unlisted(id));
    }
    for (String id : new LinkedHashSet<>(embeddingAliases.values())) {
      models.add(unlisted(id));
    }
    return List.copyOf(models);
  }

  /** The models known without asking: {@code defaultModel}, then the alias targets, once each. */
  public static List<String> builtIn(String defaultModel, Map<String, String> aliases) {
    LinkedHashSet<String> models = new LinkedHashSet<>();
    models.add(defaultModel);
    models.addAll(aliases.values());
    return List.copyOf(models);
  }

  /** A model the list does not describe, with its aliases and the task flare4j uses it for. */
  private ModelInfo unlisted(String id) {
    boolean embeds = embeddingAliases.containsValue(id) && !aliases.containsValue(id);
    return ModelInfo.builder(id).aliases(aliasesOf(id))
        .task(embeds ? ModelInfo.TEXT_EMBEDDINGS : ModelInfo.TEXT_GENERATION)
        .described(false).build();
  }

  /** The tasks kept, each model once, with its aliases. */
  private List<ModelInfo> keep(List<ModelInfo> models) {
    Map<String, ModelInfo> kept = new LinkedHashMap<>();
    for (ModelInfo model : models) {
      if (tasks.contains(model.task())) {
        kept.putIfAbsent(model.id(), model.toBuilder().aliases(aliasesOf(model.id())).build());
      }
    }
    return List.copyOf(kept.values());
  }

  private List<String> aliasesOf(String id) {
    List<String> names = new ArrayList<>();
    aliases.forEach((alias, target) -> {
      if (target.equals(id)) {
        names.add(alias);
      }
    });
    embeddingAliases.forEach((alias, target) -> {
      if (target.equals(id) && !names.contains(alias)) {
        names.add(alias);
      }
    });
    return names;
  }

  private static List<String> chatIds(List<ModelInfo> models) {
    return models.stream().filter(model -> model.task().equals(ModelInfo.TEXT_GENERATION))
        .map(ModelInfo::id).toList();
  }

  private static List<String> ids(List<ModelInfo> models) {
    return models.stream().map(ModelInfo::id).toList();
  }
}
