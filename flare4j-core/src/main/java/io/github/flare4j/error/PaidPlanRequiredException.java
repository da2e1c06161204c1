package io.github.flare4j.error;

import java.util.List;
import java.util.Map;

/**
 * The model needs the Workers Paid plan and the account is on the Free plan: Workers AI answers
 * HTTP 403 with error {@value #CODE} (since 2026-07-28 for {@code @cf/moonshotai/kimi-k2.6},
 * {@code @cf/moonshotai/kimi-k2.7-code} and {@code @cf/zai-org/glm-5.2}). The message names the
 * model and free models the account lists that are close to it; {@link #code()} is kept. Never
 * retried: asking again gives the same answer until the plan changes.
 */
public class PaidPlanRequiredException extends ResponseStatusException {
  private static final long serialVersionUID = 1L;

  /** Workers AI's error code for a model that needs the Workers Paid plan. */
  public static final int CODE = 5035;

  private final String model;
  private final List<String> freeModels;

  /**
   * @param status the HTTP status (403)
   * @param endpoint the method and URL that answered
   * @param bodyExcerpt the service's code and message, already made safe to show
   * @param serviceError the envelope's error, or null when the code came another way
   * @param model the model id that was asked for
   * @param freeModels free models to use instead, best first (may be empty)
   */
  public PaidPlanRequiredException(int status, String endpoint, String bodyExcerpt,
      ServiceError serviceError, String model, List<String> freeModels) {
    this(status, endpoint, bodyExcerpt, serviceError, model, freeModels, Map.of());
  }

  /**
   * The same, with the headers of the answer (only those {@link ResponseStatusException#headers()}
   * keeps are kept).
   *
   * @param headers the response's headers
   */
  public PaidPlanRequiredException(int status, String endpoint, String bodyExcerpt,
      ServiceError serviceError, String model, List<String> freeModels,
      Map<String, List<String>> headers) {
    super(status, endpoint, bodyExcerpt, describe(status, endpoint, bodyExcerpt,
        advice(model, freeModels)), serviceError, null, headers);
    this.model = model;
    this.freeModels = List.copyOf(freeModels);
  }

  /** The model id that was refused. */
  public String model() {
    return model;
  }

  /** Free models the account lists, close to the refused one, best first; may be empty. */
  public List<String> freeModels() {
    return freeModels;
  }

  private static String advice(String model, List<String> freeModels) {
    String needs = "Model " + (model == null || model.isEmpty() ? "" : model + " ")
        + "needs the Workers Paid plan, and the account is on the Free plan: upgrade it in the"
        + " Cloudflare dashboard (Workers & Pages, Plans), or use a free model";
    return freeModels.isEmpty() ? needs : needs + " such as " + String.join(", ", freeModels);
  }
}
