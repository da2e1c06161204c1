package io.github.flare4j.cli;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.ChatStream;
import io.github.flare4j.error.ModelNotFoundException;
import io.github.flare4j.provider.AsyncGeneratorProvider;
import io.github.flare4j.provider.ProviderModelMixin;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The provider one run of {@code chat} or {@code models} uses, as {@link ProviderOptions} built
 * it: the playground or one of the two Workers AI providers, seen through the interfaces they
 * share. Lives for one command run; the provider it holds needs no closing.
 */
final class ChatProvider {
  private static final System.Logger LOG = System.getLogger(ChatProvider.class.getName());

  private final ProviderKind kind;
  private final AsyncGeneratorProvider chat;
  private final ProviderModelMixin models;
  private final Supplier<List<String>> fetchModels;
  private final String description;

  private <P extends AsyncGeneratorProvider & ProviderModelMixin> ChatProvider(
      ProviderKind kind, P provider, Supplier<List<String>> fetchModels, String description) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.description = Objects.requireNonNull(description, "description");
    this.chat = Objects.requireNonNull(provider, "provider");
    this.models = provider;
    this.fetchModels = Objects.requireNonNull(fetchModels, "fetchModels");
  }

  /**
   * Wraps {@code provider}.
   *
   * @param fetchModels asks the service for its model list, bypassing any cache, and throws when
   *     it cannot be had (the providers' {@code fetchModels()})
   * @param description what the provider talks to, for {@code --debug}; must not hold a secret
   */
  static <P extends AsyncGeneratorProvider & ProviderModelMixin> ChatProvider of(
      ProviderKind kind, P provider, Supplier<List<String>> fetchModels, String description) {
    return new ChatProvider(kind, provider, fetchModels, description);
  }

  ProviderKind kind() {
    return kind;
  }

  /** The provider's label, e.g. {@code Workers AI}. */
  String label() {
    return chat.label();
  }

  /** What the provider talks to, for debug messages; never shows a token. */
  String describe() {
    return description;
  }

  /** Starts a streamed reply. */
  ChatStream stream(ChatRequest request) {
    return chat.createAsyncGenerator(request);
  }

  /**
   * The service's model list, asked now.
   *
   * @throws io.github.flare4j.error.Flare4jException when it cannot be had
   */
  List<String> fetchModels() {
    return fetchModels.get();
  }

  /**
   * What the provider falls back to when the service's list cannot be had (the default model, then
   * the alias targets), computed without asking the service.
   */
  List<String> builtInModels() {
    return models.builtInModels();
  }

  /**
   * {@code --model} checked before anything is sent: a known id as the provider resolves it, an
   * alias as it is (the provider resolves and checks it); a mistyped alias fails here ({@link ExitCodes#MODEL_NOT_FOUND}, with the closest
   * names). A full id ({@code @cf/...}) is sent as given even when the list does not know it,
   * since the list may be stale or unavailable, and the service says when it does not know it.
   * Workers AI's full ids are not looked up at all: the answer would not change what is sent, and
   * the account's list takes several requests.
   *
   * @throws ModelNotFoundException when a name that is not a full id is not known
   */
  String checkedModel(String name) {
    String trimmed = name.strip();
    if ((kind.needsAccount() && trimmed.startsWith("@"))
        || models.modelAliases().containsKey(trimmed)) {
      // An alias goes to the provider as it is: it resolves it against the live list itself, on
      // the playground over the turn's own socket, and refuses one whose model is no longer listed.
      return trimmed;
    }
    try {
      return models.getModel(trimmed);
    } catch (ModelNotFoundException e) {
      if (trimmed.startsWith("@")) {
        LOG.log(Level.DEBUG, "model {0} is not in the list; sending it as given", trimmed);
        return trimmed;
      }
      throw e;
    }
  }
}
