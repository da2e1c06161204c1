package io.github.flare4j.cli;

import io.github.flare4j.provider.ChatProvider;

/**
 * {@code --model} checked before anything is sent, through the provider seam only. A full id
 * ({@code @cf/...}) and an alias go to the provider as they are: the provider resolves an alias
 * against its live list itself (the playground over the turn's own socket) and refuses one whose
 * model is no longer listed, and the service says when it does not know an id. Any other name is
 * looked up now, so that a mistyped one fails here ({@link ExitCodes#MODEL_NOT_FOUND}) with the
 * closest names, and no prompt is sent.
 */
final class ModelCheck {
  private ModelCheck() {}

  /**
   * @throws io.github.flare4j.error.ModelNotFoundException when the name is neither an id, an
   *     alias nor a listed model
   */
  static String checked(ChatProvider provider, String name) {
    String trimmed = name.strip();
    if (trimmed.startsWith("@") || provider.modelAliases().containsKey(trimmed)) {
      return trimmed;
    }
    return provider.getModel(trimmed);
  }
}
