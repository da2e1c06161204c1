package io.github.flare4j.workersai;

import io.github.flare4j.CallOptions;
import io.github.flare4j.ChatRequest;
import io.github.flare4j.ChatResult;
import io.github.flare4j.ChatStream;
import io.github.flare4j.EmbeddingRequest;
import io.github.flare4j.ResponseFormat;
import io.github.flare4j.internal.workersai.EmbeddingBodies;
import io.github.flare4j.internal.call.CallEngine;
import io.github.flare4j.internal.workersai.RequestBodies;
import io.github.flare4j.provider.Capabilities;
import io.github.flare4j.provider.Feature;
import java.util.Objects;

/**
 * Workers AI through its REST API, for account holders:
 * {@code POST https://api.cloudflare.com/client/v4/accounts/{account}/ai/run/{model}} with the
 * model id in the path, slashes and all ({@code .../ai/run/@cf/meta/llama-3.1-8b-instruct}), and
 * {@code Authorization: Bearer <token>}.
 *
 * <pre>{@code
 * WorkersAI workersAi = flare4j.workersAi(accountId, apiToken);  // or WorkersAI.fromEnvironment()
 * try (ChatStream stream = workersAi.stream(ChatRequest.of("Hello"))) {
 *   for (ResponseItem item : stream) {
 *     if (item instanceof TextDelta text) System.out.print(text.text());
 *   }
 * }
 * ChatResult whole = workersAi.complete(request);   // one JSON reply, not a stream
 * }</pre>
 *
 * <p><b>Replies.</b> {@link #stream(ChatRequest)} asks for a stream (SSE events
 * {@code {"response":..}}, or OpenAI-shaped chunks from newer models, ended by
 * {@code data: [DONE]}); {@link #complete(ChatRequest)} asks for one JSON reply (the v4 envelope, where
 * a JSON-mode {@code response} object is handed over as JSON text). Either is decoded by what
 * actually arrives. Items: text, reasoning, whole tool calls, then usage, then one finish reason.
 *
 * <p><b>Errors.</b> Cloudflare's error envelope becomes the typed exception, with its code and
 * message kept ({@link io.github.flare4j.error.ResponseStatusException#serviceError()}): 10000
 * {@link io.github.flare4j.error.MissingAuthException}, 5007 and 3042
 * {@link io.github.flare4j.error.ModelNotFoundException}, 3036, 3040 and HTTP 429
 * {@link io.github.flare4j.error.RateLimitException} (3040 fails at once, unretried, for a request
 * with {@link ChatRequest#rejectIfBusy()}), 5035 (the model needs the Workers Paid plan)
 * {@link io.github.flare4j.error.PaidPlanRequiredException}, anything else
 * {@link io.github.flare4j.error.ResponseStatusException}. A stream that ends before
 * {@code [DONE]} is a {@link io.github.flare4j.error.StreamProtocolException}.
 *
 * <p><b>Embeddings.</b> {@link #embed(io.github.flare4j.EmbeddingRequest)} sends
 * {@code POST .../ai/run/{model}} with {@code {"text":[..]}} to an embedding model (default {@code @cf/baai/bge-base-en-v1.5}) through the same
 * retries, deadline and listener as a chat, and returns one vector per input.
 *
 * <p><b>AI Gateway.</b> Given an {@link AiGateway}, chat requests go through it; its
 * {@code cf-aig-cache-status} and {@code cf-aig-log-id} are on
 * {@link ChatStream#responseInfo()}.
 *
 * <p><b>Threads.</b> Immutable apart from the model cache, and thread-safe: share one. The token
 * never appears in {@link #toString()}, logs or exception messages.
 */
public final class WorkersAI extends WorkersAIProvider {
  // the REST schemas have no stop, tool_choice, parallel_tool_calls, reasoning_effort or user
  private static final Capabilities CAPABILITIES = Capabilities.allBut(Feature.STOP,
      Feature.TOOL_CHOICE, Feature.PARALLEL_TOOL_CALLS, Feature.REASONING_EFFORT, Feature.USER);
  private WorkersAI(WorkersAiTransport transport) {
    super(transport);
  }

  /**
   * A provider for the account in {@code CLOUDFLARE_ACCOUNT_ID} with the token in
   * {@code CLOUDFLARE_API_TOKEN}.
   *
   * @throws IllegalStateException when either is not set
   */
  public static WorkersAI fromEnvironment() {
    return builder().fromEnvironment().build();
  }

  /** A builder with the defaults: Cloudflare's API, no gateway, no proxy. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String label() {
    return "Workers AI";
  }

  /** The URL a request for {@code model} (an id) is sent to. */
  public String runUrl(String model) {
    return transport.runUrl(model).toString();
  }

  /**
   * Starts a reply, streamed or not ({@code "stream": false}: one JSON reply, handed out as items
   * all the same). The request is sent when the first item is read. Reading throws the
   * exceptions listed in the class documentation, and
   * {@link io.github.flare4j.error.ModelNotFoundException} for a name that is neither an id, an
   * alias nor a listed model.
   */
  @Override
  public ChatStream stream(ChatRequest request, CallOptions given, boolean stream) {
    Objects.requireNonNull(request, "request");
    CallOptions call = transport.withDefaults(given);
    capabilities().check(request, label(), "see Capabilities");
    if (request.responseFormat().map(ResponseFormat::strict).orElse(false)) {
      throw new IllegalArgumentException(label() + " takes no strict json_schema (its"
          + " response_format has the schema only); use WorkersAIOpenAI for it");
    }
    return ChatStream.of(new CallEngine(label(), request.model(), call, context -> {
      String model = transport.resolveModel(this, request, call);
      return WorkersAiAttempt.open(transport, label(), new WorkersAiAttempt.Target(
          model, transport.runUrl(model), RequestBodies.rest(model, request, stream),
          request.rejectIfBusy()), context);
    }));
  }

  /** Every feature but stop, tool_choice, parallel_tool_calls, reasoning_effort and user, which
   * the REST schemas do not have: every sampling option but stop, {@code max_tokens}, tools, JSON
   * object and schema output, images, reasoning, usage, {@code rejectIfBusy}, extra members. */
  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  /** {@code POST .../ai/run/{model}} with {@code {"text":[..]}}; the reply's
   * {@code result.data} holds the vectors. */
  @Override
  WorkersAiAttempt.Target embeddingTarget(String model, EmbeddingRequest request) {
    return new WorkersAiAttempt.Target(model, transport.runUrl(model), EmbeddingBodies.rest(request), false);
  }

  /** Builds a {@link WorkersAI} provider. Not thread-safe. */
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
    public WorkersAI build() {
      return new WorkersAI(transport());
    }
  }
}
