package io.github.flare4j;

import java.util.Locale;

/**
 * Why the model stopped, as the service says it ({@link #reason()}: {@code "stop"},
 * {@code "length"}, {@code "tool-calls"}, {@code "tool_calls"}, {@code "content-filter"}, ...) and
 * as one {@link Kind} that is the same whatever the provider ({@link #kind()}). Emitted once per
 * reply, after any {@link Usage}.
 *
 * @param reason the service's word for it, never null ({@code "unknown"} when it gave none)
 */
public record FinishReason(String reason) implements ResponseItem {

  /** Why a reply ended, the same for every provider. */
  public enum Kind {
    /** The model ended on its own. */
    STOP,
    /** The token limit cut the reply ({@code length}, {@code max_tokens}). */
    LENGTH,
    /** The model asked for tools to be called ({@code tool-calls}, {@code tool_calls}). */
    TOOL_CALLS,
    /** A content filter stopped the reply ({@code content-filter}, {@code content_filter}). */
    CONTENT_FILTER,
    /** The service reported an error. */
    ERROR,
    /** Anything else: {@code aborted}, {@code unknown}, words no provider documents. */
    OTHER
  }

  /** Checks the reason; a null or blank one becomes {@code "unknown"}. */
  public FinishReason {
    reason = reason == null || reason.isBlank() ? "unknown" : reason;
  }

  /** The reason as one {@link Kind}: spellings of each provider ({@code -}, {@code _}) are one. */
  public Kind kind() {
    return switch (reason.toLowerCase(Locale.ROOT).replace('_', '-')) {
      case "stop", "end-turn", "stop-sequence" -> Kind.STOP;
      case "length", "max-tokens" -> Kind.LENGTH;
      case "tool-calls", "tool-use", "function-call" -> Kind.TOOL_CALLS;
      case "content-filter" -> Kind.CONTENT_FILTER;
      case "error" -> Kind.ERROR;
      default -> Kind.OTHER;
    };
  }

  /** True when the model ended on its own ({@link Kind#STOP}). */
  public boolean isStop() {
    return kind() == Kind.STOP;
  }

  /** The same as the constructor. */
  public static FinishReason of(String reason) {
    return new FinishReason(reason);
  }
}
