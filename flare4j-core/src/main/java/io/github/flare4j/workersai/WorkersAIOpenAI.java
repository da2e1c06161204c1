package io.github.flare4j.workersai;

import io.github.flare4j.CallOptions;
import io.github.flare4j.ChatRequest;
import io.github.flare4j.ChatResult;
import io.github.flare4j.ChatStream;
import io.github.flare4j.EmbeddingRequest;
import io.github.flare4j.internal.workersai.EmbeddingBodies;
import io.github.flare4j.internal.call.CallEngine;
import io.github.flare4j.internal.workersai.RequestBodies;
import io.github.flare4j.provider.Capabilities;
import io.github.flare4j.provider.Feature;
import java.util.Objects;

/**
 * Workers AI through its OpenAI-compatible endpoint:
 * {@code POST https://api.cloudflare.com/client/v4/accounts/{account}/ai/v1/chat/completions}
 * with {@code Authorization: Bearer <token>} and the model in the body.
 *
 * <pre>{@code
 * WorkersAIOpenAI openAi = WorkersAIOpenAI.fromEnvironment();
 * ChatResult result = openAi.complete(ChatRequest.builder()
 *     .model("@cf/meta/llama-3.1-8b-instruct-fp8").user("Hello").build());
 * }</pre>
 *
 * <p><b>Replies.</b> {@link #stream(ChatRequest)} asks for a stream of
 * {@code chat.completion.chunk} events with {@code stream_options.include_usage}; the chunks'
 * {@code id}, {@code model} and {@code created} are the {@link io.github.flare4j.ResponseStart};
 * tool calls streamed by index are passed on as {@link io.github.flare4j.ToolCallDelta}s and
 * assembled into whole {@link io.github.flare4j.ToolCall} items,
 * {@code reasoning_content} becomes {@link io.github.flare4j.ReasoningDelta}s (never text), and
 * the usage and finish reason come last. {@link #complete(ChatRequest)} asks for one
 * {@code chat.completion}. The sampling options {@code top_k} and {@code repetition_penalty} have
 * no OpenAI field and are refused; use {@link WorkersAI} for them.
 *
 * <p><b>Embeddings.</b> {@link #embed(io.github.flare4j.EmbeddingRequest)} sends
 * {@code POST .../ai/v1/embeddings} to an embedding model (default {@code @cf/baai/bge-base-en-v1.5}) through the same
 * retries, deadline and listener as a chat, and returns one vector per input.
 *
 * <p>Errors, the AI Gateway and threads: as for {@link WorkersAI}.
 */
public final class WorkersAIOpenAI extends WorkersAIProvider {
  private static final Capabilities CAPABILITIES =
      Capabilities.allBut(Feature.TOP_K, Feature.REPETITION_PENALTY);
  private WorkersAIOpenAI(WorkersAiTransport transport) {
    super(transport);
  }

  /**
   * A provider for the account in {@code CLOUDFLARE_ACCOUNT_ID} with the token in
   * {@code CLOUDFLARE_API_TOKEN}.
   *
   * @throws IllegalStateException when either is not set
   */
  public static WorkersAIOpenAI fromEnvironment() {
    return builder().fromEnvironment().build();
  }

  /** A builder with the defaults: Cloudflare's API, no gateway, no proxy. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String label() {
    return "Workers AI (OpenAI-compatible)";
  }

  /** The URL every chat request is sent to. */
  public String chatCompletionsUrl() {
    return transport.chatCompletionsUrl().toString();
  }

  /**
   * Starts a reply, streamed or not; the request is sent when the first item is read.
   *
   * @throws IllegalArgumentException when the request sets top-k or a repetition penalty
   */
  @Override
  public ChatStream stream(ChatRequest request, CallOptions given, boolean stream) {
    Objects.requireNonNull(request, "request");
    CallOptions call = transport.withDefaults(given);
    capabilities().check(request, "The OpenAI-compatible endpoint",
        "use the REST API (WorkersAI) for them");
    return ChatStream.of(new CallEngine(label(), request.model(), call, context -> {
      String model = transport.resolveModel(this, request, call);
      return WorkersAiAttempt.open(transport, label(), new WorkersAiAttempt.Target(
          model, transport.chatCompletionsUrl(), RequestBodies.openAi(model, request, stream),
          request.rejectIfBusy()), context);
    }));
  }

  /** Every feature but top-k and a repetition penalty, which the OpenAI format has no field for. */
  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  /** {@code POST .../ai/v1/embeddings} with {@code {"model":..,"input":[..]}}; the
   * reply is OpenAI's list of embeddings, with the usage. */
  @Override
  WorkersAiAttempt.Target embeddingTarget(String model, EmbeddingRequest request) {
    return new WorkersAiAttempt.Target(model, transport.embeddingsUrl(), EmbeddingBodies.openAi(model, request), false);
  }

  /** Builds a {@link WorkersAIOpenAI} provider. Not thread-safe. */
  public static final class Builder extends WorkersAIBuilder<Builder> {
    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * Builds the provider.
     *
     * @throws IllegalStateException when the account id or the API token is missing
     */
    public WorkersAIOpenAI build() {
      return new WorkersAIOpenAI(transport());
    }
  }
}
