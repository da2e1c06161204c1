package io.github.flare4j.error;

import java.util.List;
import java.util.Optional;

/**
 * A model name is neither a known model id nor an alias. The message lists close matches.
 */
public class ModelNotFoundException extends Flare4jException {
  private static final long serialVersionUID = 1L;

  private final String model;
  private final List<String> suggestions;
  private final ServiceError serviceError;

  /**
   * @param provider the provider's label, for the message
   * @param model the name that was asked for
   * @param suggestions close matches, best first (may be empty)
   */
  public ModelNotFoundException(String provider, String model, List<String> suggestions) {
    this(provider, model, suggestions, null);
  }

  /**
   * A model the service itself refused (Workers AI's codes 5007 and 3042).
   *
   * @param serviceError the envelope's error, or null
   */
  public ModelNotFoundException(
      String provider, String model, List<String> suggestions, ServiceError serviceError) {
    super(message(provider, model, suggestions)
        + (serviceError == null ? "" : " (" + serviceError + ")"));
    this.model = model;
    this.suggestions = List.copyOf(suggestions);
    this.serviceError = serviceError;
  }

  private ModelNotFoundException(List<String> suggestions, String model, String message) {
    super(message);
    this.model = model;
    this.suggestions = List.copyOf(suggestions);
    this.serviceError = null;
  }

  /**
   * An alias whose model the service no longer lists (Cloudflare retires models): refused before
   * anything is sent.
   *
   * @param provider the provider's label, for the message
   * @param alias the alias that was asked for
   * @param target the model id it stands for
   * @param suggestions the closest models the service lists, best first
   */
  public static ModelNotFoundException notListed(
      String provider, String alias, String target, List<String> suggestions) {
    String message = "Model '" + alias + "' stands for " + target + ", which " + provider
        + " no longer lists" + (suggestions.isEmpty()
            ? "; list the models with 'flare4j models'"
            : "; the closest it lists: " + String.join(", ", suggestions));
    return new ModelNotFoundException(suggestions, alias, message);
  }

  /**
   * A short name that stands for several listed models: refused before anything is sent, since
   * guessing would pick a model the caller did not choose.
   *
   * @param provider the provider's label, for the message
   * @param name the name that was asked for
   * @param matches the listed models it matches, in listing order
   */
  public static ModelNotFoundException ambiguous(
      String provider, String name, List<String> matches) {
    String message = "Model '" + name + "' matches several models " + provider + " lists: "
        + String.join(", ", matches) + "; name one of them (a longer name, or the full id)";
    return new ModelNotFoundException(matches, name, message);
  }

  /** The Cloudflare error code and message, when the service refused the model itself. */
  public Optional<ServiceError> serviceError() {
    return Optional.ofNullable(serviceError);
  }

  /** Cloudflare's error code (5007 or 3042), or 0 when the name was refused before sending. */
  public int code() {
    return serviceError == null ? 0 : serviceError.code();
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
