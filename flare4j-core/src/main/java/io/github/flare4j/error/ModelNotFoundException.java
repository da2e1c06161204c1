package io.github.flare4j.error;

import java.util.List;

/**
 * A model name is neither a known model id nor an alias. The message lists close matches.
 */
public class ModelNotFoundException extends Flare4jException {
  private static final long serialVersionUID = 1L;

  private final String model;
  private final List<String> suggestions;

  /**
   * @param provider the provider's label, for the message
   * @param model the name that was asked for
   * @param suggestions close matches, best first (may be empty)
   */
  public ModelNotFoundException(String provider, String model, List<String> suggestions) {
    super(message(provider, model, suggestions));
    this.model = model;
    this.suggestions = List.copyOf(suggestions);
  }

  /** The name that was asked for. */
  public String model() {
    return model;
  }

  /** Known names close to the one asked for, best first. */
  public List<String> suggestions() {
    return suggestions;
  }

  private static String message(String provider, String model, List<String> suggestions) {
    String base = "Model '" + model + "' is not known to " + provider;
    return suggestions.isEmpty()
        ? base + "; list the models with 'flare4j models'"
        : base + "; did you mean " + String.join(", ", suggestions) + "?";
  }
}
