package io.github.flare4j.internal.workersai;

import io.github.flare4j.error.PaidPlanRequiredException;
import io.github.flare4j.error.ServiceError;
import io.github.flare4j.internal.model.ModelCatalog;
import io.github.flare4j.internal.model.ModelNames;
import io.github.flare4j.internal.model.ModelTable;
import io.github.flare4j.internal.text.ServerText;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Workers AI's refusal of a model that needs the Workers Paid plan (error
 * {@value PaidPlanRequiredException#CODE}), however it arrives: an error envelope
 * ({@link ErrorEnvelopes}) or a service's text relayed inside a stream
 * ({@link #fromServiceText}, for the stream-error classifier).
 */
public final class PaidPlan {
  /** How many free models the message names. */
  static final int SUGGESTIONS = 3;

  // "5035: ..." (Workers AI's details), or "code":5035 in relayed JSON
  private static final Pattern CODE_IN_TEXT =
      Pattern.compile("(?:^|[^0-9])5035(?:[^0-9]|$)");

  private PaidPlan() {}

  /**
   * The refusal for {@code model}, naming up to three free models from {@code listed} (the live
   * list, else the built-in one) closest to it.
   *
   * @param excerpt the service's code and message, already made safe to show
   */
  public static PaidPlanRequiredException refusal(int status, String endpoint, String excerpt,
      ServiceError error, String model, List<String> listed) {
    return new PaidPlanRequiredException(status, endpoint, excerpt, error, model,
        freeModels(model, listed.isEmpty() ? builtIn() : listed));
  }

  /**
   * A stream error's text that carries error 5035 (for example
   * {@code {"message":"..","details":"5035: This model requires the Workers Paid plan"}}, or the
   * plain text) as a {@link PaidPlanRequiredException} with status 403; empty for any other text.
   *
   * @param text the error text the service relayed (quoted in the message, escaped)
   * @param endpoint the method and URL of the call
   * @param model the model id asked for
   * @param listed the live model list (else the built-in one), for free models to suggest
   */
  public static Optional<PaidPlanRequiredException> fromServiceText(String text, String endpoint,
      String model, List<String> listed) {
    if (text == null || !CODE_IN_TEXT.matcher(text).find()) {
      return Optional.empty();
    }
    String quoted = ServerText.quote(text);
    return Optional.of(refusal(403, endpoint, quoted,
        new ServiceError(PaidPlanRequiredException.CODE, quoted), model, listed));
  }

  /** Whether {@code model} needs the Workers Paid plan, as far as flare4j knows. */
  public static boolean paidOnly(String model) {
    return ModelTable.PAID_ONLY.contains(model);
  }

  /** What flare4j knows without asking: the default model and the alias targets. */
  static List<String> builtIn() {
    return ModelCatalog.builtIn(ModelTable.SEED_DEFAULT, ModelTable.ALIASES);
  }

  /** Up to three models of {@code listed} that need no paid plan, closest to {@code model}. */
  static List<String> freeModels(String model, List<String> listed) {
    List<String> free = listed.stream().filter(id -> !paidOnly(id) && !id.equals(model)).toList();
    return ModelNames.nearest(model == null ? "" : model, free, SUGGESTIONS);
  }
}
