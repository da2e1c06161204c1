package io.github.flare4j.error;

import io.github.flare4j.internal.http.SafeHeaders;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A model name is neither a known model id nor an alias. The message lists close matches.
 *
 * <p>Most are refused before anything is sent (the name matches no listed model): then
 * {@link #status()} is empty. When the service refused the model itself (Workers AI's 5007 or
 * 3042), the exception also carries what a {@link ResponseStatusException} carries: the HTTP
 * status, the service's error, the response headers that say what happened and the request id.
 * It is not a {@code ResponseStatusException}: code that catches those (to retry, to fall back to
 * another transport, to drop cached credentials) should not start catching an unknown model.
 */
public class ModelNotFoundException extends Flare4jException {
  private static final long serialVersionUID = 1L;

  private final String model;
  private final List<String> suggestions;
  private final ServiceError serviceError;
  private final int status;
  private final Map<String, List<String>> headers;

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
    this(provider, model, suggestions, serviceError, 0, Map.of());
  }

  /**
   * A model the service refused with an HTTP status (Workers AI answers 5007 with 400).
   *
   * @param provider the provider's label, for the message
   * @param model the name that was asked for
   * @param suggestions close matches, best first (may be empty)
   * @param serviceError the envelope's error, or null
   * @param status the HTTP status, or 0 when no answer was involved
   * @param headers the response's headers; only those {@link ResponseStatusException#headers()}
   *     keeps are kept
   */
  public ModelNotFoundException(String provider, String model, List<String> suggestions,
      ServiceError serviceError, int status, Map<String, List<String>> headers) {
    super(message(provider, model, suggestions)
        + (serviceError == null ? "" : " (" + serviceError + ")"));
    this.model = model;
    this.suggestions = List.copyOf(suggestions);
    this.serviceError = serviceError;
    this.status = Math.max(0, status);
    this.headers = SafeHeaders.keep(headers);
  }

  private ModelNotFoundException(List<String> suggestions, String model, String message) {
    super(message);
    this.model = model;
    this.suggestions = List.copyOf(suggestions);
    this.serviceError = null;
    this.status = 0;
    this.headers = Map.of();
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
            ? "; choose one the provider lists (getModels())"
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

  /**
   * The HTTP status the service refused the model with; empty when the name was refused before
   * anything was sent.
   */
  public OptionalInt status() {
    return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
  }

  /**
   * The headers of the service's answer that say what happened, as
   * {@link ResponseStatusException#headers()} keeps them; empty when nothing was sent.
   */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /**
   * The id the service gave the request ({@code cf-ray}, else {@code cf-aig-log-id}, else
   * {@code x-request-id}); empty when nothing was sent or the answer carried none.
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(SafeHeaders.requestId(headers));
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
        ? base + "; choose one the provider lists (getModels())"
        : base + "; did you mean " + String.join(", ", suggestions) + "?";
  }
}
