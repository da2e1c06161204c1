package io.github.flare4j.cloudflare;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.error.CloudflareChallengeException;
import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.error.ModelNotFoundException;
import io.github.flare4j.error.StreamProtocolException;
import io.github.flare4j.internal.call.Attempt;
import io.github.flare4j.internal.call.AttemptContext;
import io.github.flare4j.provider.Capabilities;
import io.github.flare4j.provider.Feature;
import java.lang.System.Logger.Level;

/**
 * Where the playground's transport is chosen, the one place: {@link Transport#AGENTS} and
 * {@link Transport#INFERENCE} are what they say; {@link Transport#AUTO} takes
 * {@code /api/inference} for a request with tools (the agent takes none) or when that is what
 * worked last, else the Agents socket, and hands the turn to {@code /api/inference} when the socket
 * cannot be opened (never after a challenge the browser could not pass: the other endpoint sits
 * behind the same check) or closes because the prompt is too large for it
 * ({@link SocketFallbackAttempt}). Also what each transport can do ({@link #capabilities}).
 *
 * <p>{@code max_tokens} goes in {@code /api/inference}'s body; on the Agents socket, which has no
 * such setting, {@link AgentsAttempt} applies it itself by an estimate ({@link OutputCap}), and a
 * turn {@link Transport#AUTO} hands to {@code /api/inference} sends it there instead.
 */
final class PlaygroundTransports {
  private static final System.Logger LOG = System.getLogger(PlaygroundTransports.class.getName());

  // /api/inference's body has max_tokens and tools, no sampling option; the agent takes a
  // temperature in its state, nothing else, and max_tokens is applied on this side for it
  // (AgentsAttempt's OutputCap); AUTO may take either, so only what both can carry (tools send
  // AUTO to /api/inference; a temperature there is a warning, not a refusal)
  private static final Capabilities INFERENCE =
      Capabilities.of(Feature.MAX_TOKENS, Feature.TOOLS, Feature.REASONING, Feature.USAGE);
  private static final Capabilities AGENTS =
      Capabilities.of(Feature.TEMPERATURE, Feature.MAX_TOKENS, Feature.REASONING);
  private static final Capabilities AUTO =
      Capabilities.of(Feature.TEMPERATURE, Feature.MAX_TOKENS, Feature.TOOLS, Feature.REASONING);

  private PlaygroundTransports() {}

  /** What {@code transport} does with a request. */
  static Capabilities capabilities(Transport transport) {
    return switch (transport) {
      case INFERENCE -> INFERENCE;
      case AGENTS -> AGENTS;
      case AUTO -> AUTO;
    };
  }

  /** Opens the call's attempt on the transport chosen for it. */
  static Attempt open(PlaygroundRuntime runtime, ChatRequest request, AttemptContext context) {
    Transport chosen = switch (runtime.transport) {
      case INFERENCE -> Transport.INFERENCE;
      case AGENTS -> Transport.AGENTS;
      case AUTO -> !request.tools().isEmpty()
          || runtime.workedTransport().orElse(Transport.AGENTS) == Transport.INFERENCE
          ? Transport.INFERENCE : Transport.AGENTS;
    };
    if (chosen == Transport.INFERENCE) {
      return InferenceAttempt.open(runtime, request, context);
    }
    try {
      AgentsAttempt agents = AgentsAttempt.open(runtime, request, context);
      return runtime.transport == Transport.AUTO
          ? new SocketFallbackAttempt(runtime, request, context, agents) : agents;
    } catch (CloudflareChallengeException | ModelNotFoundException | StreamProtocolException e) {
      throw e; // the same on the other endpoint
    } catch (Flare4jException refused) {
      if (runtime.transport != Transport.AUTO || context.deadline().remaining().isZero()
          || context.closed()) {
        throw refused;
      }
      LOG.log(Level.INFO, "The Agents socket cannot be used ({0}); falling back to {1}",
          refused.getMessage(), runtime.apiEndpoint());
      try {
        return InferenceAttempt.open(runtime, request, context);
      } catch (Flare4jException fallbackFailed) {
        fallbackFailed.addSuppressed(refused);
        throw fallbackFailed;
      }
    }
  }
}
