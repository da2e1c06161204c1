package io.github.flare4j.gateway.openai;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.ToolChoice;
import io.github.flare4j.provider.Capabilities;
import io.github.flare4j.provider.ChatProvider;
import io.github.flare4j.provider.Feature;
import java.util.List;

/**
 * Leaves out of a request the settings that a provider does not take but that change nothing in
 * the reply's contract, so that clients which send them on every request work unchanged:
 * <ul>
 *   <li>{@code tool_choice: "auto"}: what a model given tools does anyway (the Vercel AI SDK and
 *       Codex send it with every tool list);
 *   <li>{@code tool_choice: "none"}: honoured by sending no tools, so the model cannot call one;
 *   <li>{@code parallel_tool_calls}: a hint;
 *   <li>{@code user}: an id for the service's abuse reports.
 * </ul>
 * Everything else the provider does not take stays in the request, and is refused with a 400
 * naming the field ({@code tool_choice: "required"} or a named function among them: a client
 * that demands a call must not silently get a reply without one).
 */
final class ProviderHints {
  private ProviderHints() {}

  /** {@code request} without what {@code provider} does not take and need not. */
  static ChatRequest drop(ChatRequest request, ChatProvider provider) {
    Capabilities can = provider.capabilities();
    ChatRequest.Builder builder = request.toBuilder();
    boolean changed = false;
    ToolChoice.Kind choice = request.toolChoice().map(ToolChoice::kind).orElse(null);
    if (!can.supports(Feature.TOOL_CHOICE) && choice == ToolChoice.Kind.AUTO) {
      builder.toolChoice(null);
      changed = true;
    }
    if (!can.supports(Feature.TOOL_CHOICE) && choice == ToolChoice.Kind.NONE) {
      builder.toolChoice(null).tools(List.of());
      changed = true;
    }
    if (!can.supports(Feature.PARALLEL_TOOL_CALLS) && request.parallelToolCalls().isPresent()) {
      builder.parallelToolCalls(null);
      changed = true;
    }
    if (!can.supports(Feature.USER) && request.user().isPresent()) {
      builder.endUser(null);
      changed = true;
    }
    return changed ? builder.build() : request;
  }
}
