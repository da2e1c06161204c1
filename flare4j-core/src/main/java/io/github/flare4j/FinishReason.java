package io.github.flare4j;

import java.util.Objects;

/**
 * Why the model stopped: {@code "stop"}, {@code "length"}, {@code "tool-calls"},
 * {@code "content-filter"}, {@code "error"}, ... as the service says it. Emitted once per reply,
 * after any {@link Usage}.
 *
 * @param reason the service's word for it, never null ({@code "unknown"} when it gave none)
 */
public record FinishReason(String reason) implements ResponseItem {
  /** Checks the reason; a null or blank one becomes {@code "unknown"}. */
  public FinishReason {
    reason = reason == null || reason.isBlank() ? "unknown" : reason;
  }

  /** True when the model ended on its own ({@code "stop"}). */
  public boolean isStop() {
    return "stop".equals(reason);
  }

  /** A finish reason with {@link Objects#requireNonNull} semantics for callers that want them. */
  public static FinishReason of(String reason) {
    return new FinishReason(reason);
  }
}
