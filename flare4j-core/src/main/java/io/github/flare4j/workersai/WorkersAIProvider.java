package io.github.flare4j.workersai;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.EmbeddingRequest;
import io.github.flare4j.EmbeddingResult;
import io.github.flare4j.internal.call.CallEngine;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import io.github.flare4j.ChatResult;
import io.github.flare4j.ChatStream;
import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.CallOptions;
import io.github.flare4j.provider.ChatProvider;
import io.github.flare4j.provider.ModelInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the two Workers AI providers share: an account, a token, an optional {@link AiGateway},
 * the account's model list and the model aliases. {@link WorkersAI} speaks the REST API,
 * {@link WorkersAIOpenAI} the OpenAI-compatible endpoint; the class is sealed to those two.
 *
 * <p>Immutable apart from the model cache, and thread-safe: share one. The token never appears in
 * {@link #toString()}, logs or exception messages.
 */
public abstract sealed class WorkersAIProvider implements ChatProvider
    permits WorkersAI, WorkersAIOpenAI {
  final WorkersAiTransport transport;

  WorkersAIProvider(WorkersAiTransport transport) {
    this.transport = transport;
    transport.catalog(label()); // label() is a constant of each subclass
  }

  /** The API's base URL, without a trailing slash. */
  @Override
  public String url() {
    return transport.baseUrl();
  }

  /** The account the requests are for. */
  public String accountId() {
    return transport.accountId();
  }

  /** The gateway requests go through, if any. */
  public Optional<AiGateway> gateway() {
    return Optional.ofNullable(transport.gateway());
  }

  @Override
  public String defaultModel() {
    return WorkersAiModels.DEFAULT_MODEL;
  }

  @Override
  public Map<String, String> modelAliases() {
    return WorkersAiModels.ALIASES;
  }

  /**
   * The account's text generation models, fetched once and cached; the built-in list when it
   * cannot be had (see {@link #fetchModels()} to get the error instead).
   */
  @Override
  public List<String> getModels() {
    return transport.cachedModels(transport.proxy());
  }

  /**
   * The account's text generation and text embedding models, with the context window and
   * features the model search gives for each ({@code context_window}, {@code function_calling},
   * {@code vision}, {@code reasoning}, {@code reasoning_effort}), cached with
   * {@link #getModels()}; the built-in ones (the alias targets of both kinds), not described, when
   * the list cannot be had.
   */
  @Override
  public List<ModelInfo> models() {
    return transport.catalogue(transport.proxy());
  }

  /**
   * The model {@code nameOrAlias} stands for, chat or embedding ({@code bge-m3}), by the rule of
   * {@link #getModel}, as the account's list describes it.
   *
   * @throws io.github.flare4j.error.ModelNotFoundException as {@link #getModel} says
   */
  @Override
  public ModelInfo model(String nameOrAlias) {
    return transport.lookup(nameOrAlias, transport.proxy());
  }

  /**
   * Resolves a chat model's name by the rule every provider shares
   * ({@link io.github.flare4j.internal.model.ModelResolver}): empty is the default, an id itself,
   * an alias its target, another name the one listed model whose id ends in it. The account's
   * list is fetched (and cached) for an alias or a short name; when it cannot be had, a short
   * name is matched against the built-in list.
   *
   * @throws io.github.flare4j.error.ModelNotFoundException for an alias whose model the list
   *     lacks, a name that matches no listed model (naming the closest), or several (naming them)
   */
  @Override
  public String getModel(String nameOrAlias) {
    return transport.resolveModel(nameOrAlias, transport.proxy());
  }

  /**
   * Asks {@code GET .../ai/models/search} for the account's models, every page, bypassing the
   * cache (which then holds what came, for {@link #models()}), and returns the text generation
   * ones' ids.
   *
   * @throws Flare4jException when the list cannot be had
   */
  @Override
  public List<String> fetchModels() {
    return transport.refreshModels(transport.proxy());
  }

  /**
   * Starts a streamed reply; the request is sent when the first item is read.
   *
   * @throws IllegalArgumentException when the request cannot be sent as it is
   */
  @Override
  public ChatStream stream(ChatRequest request, CallOptions call) {
    return stream(request, call, true);
  }

  /**
   * Starts a reply, streamed or not ({@code "stream": false}: one JSON reply, handed out as items
   * all the same). The request is sent when the first item is read; failures before the first
   * item are retried as {@code call} allows. What {@code call} leaves unset is the client's.
   *
   * @throws IllegalArgumentException when the request asks for what {@link #capabilities()} lacks
   */
  public abstract ChatStream stream(ChatRequest request, CallOptions call, boolean stream);

  /** The seed-style name for {@link #stream(ChatRequest, CallOptions, boolean)}. */
  public final ChatStream createAsyncGenerator(
      ChatRequest request, CallOptions call, boolean stream) {
    return stream(request, call, stream);
  }

  /** Asks for one JSON reply ({@code "stream": false}) and returns it whole. */
  @Override
  public ChatResult complete(ChatRequest request, CallOptions call) {
    try (ChatStream stream = stream(request, call, false)) {
      return stream.collect();
    }
  }

  /** True: both Workers AI APIs embed. */
  @Override
  public boolean supportsEmbeddings() {
    return true;
  }

  /**
   * Embeds {@code request}'s texts: one vector per input, in order. The call goes through the
   * same engine as a chat: failures before the result are retried as {@code call} allows, within
   * its one deadline, and reported to its listener (with the usage, when the service gives it).
   * The model is resolved as a chat model is, against the embedding models' aliases
   * ({@code bge-m3}, {@code bge-base-en-v1.5}, {@code bge-small-en-v1.5},
   * {@code bge-large-en-v1.5}, {@code embeddinggemma-300m}); none means
   * {@code @cf/baai/bge-base-en-v1.5}.
   *
   * @throws io.github.flare4j.error.ModelNotFoundException for a name that is no embedding model,
   *     or a model the service does not know (code 5007)
   * @throws io.github.flare4j.error.StreamProtocolException for a reply that is no embedding reply
   *     or holds a different number of vectors than inputs
   * @throws Flare4jException for the other failures listed in the class documentation
   */
  @Override
  public EmbeddingResult embed(EmbeddingRequest request, CallOptions given) {
    Objects.requireNonNull(request, "request");
    CallOptions call = transport.withDefaults(given);
    AtomicReference<EmbeddingResult> result = new AtomicReference<>();
    try (CallEngine engine = new CallEngine(label(), request.model(), call, context -> {
      String model = transport.resolveEmbeddingModel(request.model());
      EmbeddingAttempt attempt = EmbeddingAttempt.open(transport, label(),
          embeddingTarget(model, request), request.inputs().size(), context);
      result.set(attempt.result());
      return attempt;
    })) {
      while (engine.next() != null) {
        // the usage, for the listener; the vectors came with the attempt
      }
    }
    EmbeddingResult embedded = result.get();
    if (embedded == null) {
      throw new io.github.flare4j.error.NetworkException(label() + ": the embedding call was cancelled", null);
    }
    return embedded;
  }

  /** Where and what to send for an embedding of {@code request} with {@code model} (an id). */
  abstract WorkersAiAttempt.Target embeddingTarget(String model, EmbeddingRequest request);

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[account=" + transport.accountId() + ", "
        + transport.baseUrl() + (transport.gateway() == null ? "" : ", " + transport.gateway())
        + "]";
  }
}
