package io.github.flare4j.internal.workersai;

import io.github.flare4j.error.PaidPlanRequiredException;
import io.github.flare4j.error.ServiceError;
import io.github.flare4j.internal.model.ModelCatalog;
import io.github.flare4j.internal.model.ModelNames;
import io.github.flare4j.internal.model.ModelTable;
import java.util.List;
import java.util.Map;

/**
 * Workers AI's refusal of a model that needs the Workers Paid plan (error
 * {@value PaidPlanRequiredException#CODE}), however it arrives: an error envelope
 * ({@link ErrorEnvelopes}) or a service's text relayed inside a stream
 * ({@link io.github.flare4j.internal.stream.StreamErrors}).
 */
public final class PaidPlan {
  /** How many free models the message names. */
  static final int SUGGESTIONS = 3;

  private PaidPlan() {}

  /**
   * The refusal for {@code model}, naming up to three free models from {@code listed} (the live
   * list, else the built-in one) closest to it.
   *
   * @param excerpt the service's code and message, already made safe to show
   */
  public static PaidPlanRequiredException refusal(int status, String endpoint, String excerpt,
      ServiceError error, String model, List<String> listed) {
    return refusal(status, endpoint, excerpt, error, model, listed, Map.of());
  }

  /** The same, with the headers of the answer that refused. */
  public static PaidPlanRequiredException refusal(int status, String endpoint, String excerpt,
      ServiceError error, String model, List<String> listed, Map<String, List<String>> headers) {
    return new PaidPlanRequiredException(status, endpoint, excerpt, error, model,
        freeModels(model, listed.isEmpty() ? builtIn() : listed), headers);
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
