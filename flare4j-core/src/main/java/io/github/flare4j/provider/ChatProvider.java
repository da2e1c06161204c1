package io.github.flare4j.provider;

import io.github.flare4j.CallOptions;
import io.github.flare4j.ChatRequest;
import io.github.flare4j.ChatResult;
import io.github.flare4j.ChatStream;
import io.github.flare4j.EmbeddingRequest;
import io.github.flare4j.EmbeddingResult;
import io.github.flare4j.error.ModelNotFoundException;
import io.github.flare4j.internal.model.ModelCatalog;
import io.github.flare4j.internal.model.ModelResolver;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The one seam every consumer uses (the CLI, a gateway, framework adapters), whatever the service
 * behind it, with no {@code instanceof}: chat ({@link #stream}, {@link #complete},
 * {@link #completeAsync}), embeddings where the service has them ({@link #embed}), models
 * ({@link #models()}, {@link #getModel}) and {@link #capabilities()}, so a caller can tell in
 * advance what would be refused. The playground ({@code Cloudflare}) and both Workers AI providers
 * implement it; get them from a {@link io.github.flare4j.Flare4j} client.
 *
 * <p>The one chat method to implement is {@link #stream(ChatRequest, CallOptions)}; the others
 * are built on it. The seed's names ({@link #createAsyncGenerator}, {@link #createCompletion},
 * {@link #createAsync}) are kept as aliases of the new ones.
 *
 * <p>Implementations are thread-safe: one instance serves any number of concurrent requests.
 */
public interface ChatProvider {

  /** A short human-readable name, e.g. {@code "Cloudflare AI"}. */
  String label();

  /** The service's base URL. */
  String url();

  /** What the provider does with a request: options, tools, JSON mode, reasoning, usage. */
  Capabilities capabilities();

  /**
   * Starts a reply. The request is sent when the first item is read; the caller closes the
   * stream. A failed attempt is retried (as {@code call} allows) only before the first item
   * reached the caller. What {@code call} leaves unset is the provider's client's.
   *
   * @throws IllegalArgumentException when the request asks for what the provider cannot do (see
   *     {@link #capabilities()})
   */
  ChatStream stream(ChatRequest request, CallOptions call);

  /** Starts a reply with the client's call settings ({@link CallOptions#defaults()}). */
  default ChatStream stream(ChatRequest request) {
    return stream(request, CallOptions.defaults());
  }

  /**
   * Reads the whole reply, blocking.
   *
   * @throws io.github.flare4j.error.Flare4jException when the reply fails
   */
  default ChatResult complete(ChatRequest request, CallOptions call) {
    try (ChatStream stream = stream(request, call)) {
      return stream.collect();
    }
  }

  /** Reads the whole reply, blocking, with the client's call settings. */
  default ChatResult complete(ChatRequest request) {
    return complete(request, CallOptions.defaults());
  }

  /** Reads the whole reply on a virtual thread. */
  default CompletableFuture<ChatResult> completeAsync(ChatRequest request, CallOptions call) {
    CompletableFuture<ChatResult> result = new CompletableFuture<>();
    Thread.ofVirtual().name("flare4j-" + label()).start(() -> {
      try {
        result.complete(complete(request, call));
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  /** Reads the whole reply on a virtual thread, with the client's call settings. */
  default CompletableFuture<ChatResult> completeAsync(ChatRequest request) {
    return completeAsync(request, CallOptions.defaults());
  }

  /** The seed's name for {@link #stream(ChatRequest, CallOptions)}. */
  default ChatStream createAsyncGenerator(ChatRequest request, CallOptions call) {
    return stream(request, call);
  }

  /** The seed's name for {@link #stream(ChatRequest)}. */
  default ChatStream createAsyncGenerator(ChatRequest request) {
    return stream(request);
  }

  /** The seed's name for {@link #complete(ChatRequest, CallOptions)}. */
  default ChatResult createCompletion(ChatRequest request, CallOptions call) {
    return complete(request, call);
  }

  /** The seed's name for {@link #complete(ChatRequest)}. */
  default ChatResult createCompletion(ChatRequest request) {
    return complete(request);
  }

  /** The seed's name for {@link #completeAsync(ChatRequest, CallOptions)}. */
  default CompletableFuture<ChatResult> createAsync(ChatRequest request, CallOptions call) {
    return completeAsync(request, call);
  }

  /** The seed's name for {@link #completeAsync(ChatRequest)}. */
  default CompletableFuture<ChatResult> createAsync(ChatRequest request) {
    return completeAsync(request);
  }

  /**
   * True when {@link #embed} works with this provider (the Workers AI providers); false when it
   * throws.
   */
  default boolean supportsEmbeddings() {
    return false;
  }

  /**
   * Embeds {@code request}'s texts with the client's call settings: one vector per input.
   *
   * @throws UnsupportedOperationException when the provider has no embeddings
   *     ({@link #supportsEmbeddings()} is false); the message names the provider
   */
  default EmbeddingResult embed(EmbeddingRequest request) {
    return embed(request, CallOptions.defaults());
  }

  /**
   * Embeds {@code request}'s texts: one vector per input, in order, through the same retries,
   * deadline and listener as a chat.
   *
   * @throws UnsupportedOperationException when the provider has no embeddings
   *     ({@link #supportsEmbeddings()} is false); the message names the provider
   */
  default EmbeddingResult embed(EmbeddingRequest request, CallOptions call) {
    throw new UnsupportedOperationException(label() + " has no embeddings: use Workers AI"
        + " (REST or OpenAI-compatible) for them");
  }

  /** The model used when none is named. */
  String defaultModel();

  /** Short names and the model ids they stand for. */
  Map<String, String> modelAliases();

  /**
   * The model ids the service offers, fetched once and cached. When the service's list cannot be
   * had, the alias targets and the default model.
   */
  List<String> getModels();

  /**
   * Asks the service for its models now, bypassing the cache, which then holds what came (so
   * that {@link #models()} describes them without asking again); returns the chat models' ids.
   *
   * @throws io.github.flare4j.error.Flare4jException when the list cannot be had; the message
   *     says why
   */
  List<String> fetchModels();

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
