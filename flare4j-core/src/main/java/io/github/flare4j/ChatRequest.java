package io.github.flare4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to ask a model: the model, the conversation and the generation options. Immutable; build
 * one with {@link #builder()}. How the call is made (proxy, cookies, time limit, retries) is not
 * part of it: that is {@link CallOptions}, given beside the request, so a request can be passed
 * on (a gateway forwarding a client's request, say) without carrying anybody's cookies.
 *
 * <pre>{@code
 * ChatRequest request = ChatRequest.builder()
 *     .model("llama-3.3-70b")             // an alias or a model id; empty means the default
 *     .system("Answer briefly.")
 *     .user("Hello, how are you?")
 *     .maxTokens(512)
 *     .build();
 * }</pre>
 *
 *
 * @param model the model id or alias; empty for the provider's default
 * @param messages the conversation, oldest first; at least one message
 * @param maxTokens the most tokens the reply may have
 * @param options sampling options (temperature, top-p, ...); unset ones are not sent
 * @param tools the tools the model may call
 * @param responseFormat JSON mode, when asked for
 * @param rejectIfBusy fail at once (a {@link io.github.flare4j.error.RateLimitException} with
 *     Workers AI's code 3040, not retried) instead of waiting in the service's capacity queue
 *     when the model is busy; sent as {@code "options":{"rejectIfBusy":true}}. Only Workers AI
 *     takes it: the playground refuses it by name ({@link
 *     io.github.flare4j.provider.Capabilities#rejectIfBusy()}). It is part of the request rather
 *     than of {@link CallOptions} because it goes on the wire and changes what the service does,
 *     so a forwarded request keeps it and a provider that cannot send it refuses the request.
 */
public record ChatRequest(
    String model,
    List<Message> messages,
    int maxTokens,
    GenerationOptions options,
    List<ToolDefinition> tools,
    Optional<ResponseFormat> responseFormat,
    boolean rejectIfBusy) {

  /** The default {@code max_tokens}, as in the seed. */
  public static final int DEFAULT_MAX_TOKENS = 2048;

  /**
   * Checks and copies the parts.
   *
   * @throws IllegalArgumentException when there is no message or {@code maxTokens} is below 1
   */
  public ChatRequest {
    model = model == null ? "" : model.trim();
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("A chat request needs at least one message");
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("max_tokens must be at least 1 (Workers AI's range: 1"
          + " or more), was " + maxTokens);
    }
    Objects.requireNonNull(options, "options");
    tools = List.copyOf(tools);
    Objects.requireNonNull(responseFormat, "responseFormat");
  }

  /**
   * A request that waits in the capacity queue when the model is busy (no {@code rejectIfBusy}).
   *
   * @throws IllegalArgumentException when there is no message or {@code maxTokens} is below 1
   */
  public ChatRequest(String model, List<Message> messages, int maxTokens,
      GenerationOptions options, List<ToolDefinition> tools,
      Optional<ResponseFormat> responseFormat) {
    this(model, messages, maxTokens, options, tools, responseFormat, false);
  }

  /** A request for one user message with every default. */
  public static ChatRequest of(String userMessage) {
    return builder().user(userMessage).build();
  }

  /** A new builder with the defaults: the provider's default model, 2048 tokens. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this request's values. */
  public Builder toBuilder() {
    Builder builder = new Builder()
        .model(model)
        .messages(messages)
        .maxTokens(maxTokens)
        .tools(tools)
        .rejectIfBusy(rejectIfBusy);
    builder.options = options;
    responseFormat.ifPresent(builder::responseFormat);
    return builder;
  }

  @Override
  public String toString() {
    return "ChatRequest[model=" + (model.isEmpty() ? "(default)" : model)
        + ", messages=" + messages.size()
        + ", maxTokens=" + maxTokens
        + (options.isEmpty() ? "" : ", options=" + options)
        + (tools.isEmpty() ? "" : ", tools=" + tools.stream().map(ToolDefinition::name).toList())
        + responseFormat.map(f -> ", responseFormat=" + f.type()).orElse("")
        + (rejectIfBusy ? ", rejectIfBusy" : "") + "]";
  }

  /** Builds a {@link ChatRequest}. Not thread-safe. */
  public static final class Builder {
    private String model = "";
    private final List<Message> messages = new ArrayList<>();
    private int maxTokens = DEFAULT_MAX_TOKENS;
    private GenerationOptions options = GenerationOptions.NONE;
    private final List<ToolDefinition> tools = new ArrayList<>();
    private ResponseFormat responseFormat;
    private boolean rejectIfBusy;

    private Builder() {}

    /** The model id or alias; null or empty for the provider's default. */
    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /** Replaces the conversation. */
    public Builder messages(List<Message> messages) {
      this.messages.clear();
      this.messages.addAll(messages);
      return this;
    }

    /** Adds a message. */
    public Builder message(Message message) {
      messages.add(Objects.requireNonNull(message, "message"));
      return this;
    }

    /** Adds a system message. */
    public Builder system(String content) {
      return message(Message.system(content));
    }

    /** Adds a user message. */
    public Builder user(String content) {
      return message(Message.user(content));
    }

    /** Adds an assistant message (history). */
    public Builder assistant(String content) {
      return message(Message.assistant(content));
    }

    /** The most tokens the reply may have (default 2048). */
    public Builder maxTokens(int maxTokens) {
      this.maxTokens = maxTokens;
      return this;
    }

    /**
     * Randomness (null for the service's default).
     *
     * @throws IllegalArgumentException when the value is NaN, infinite or outside its range
     *     ({@link GenerationOptions})
     */
    public Builder temperature(Double temperature) {
      options = new GenerationOptions(temperature, options.topP(), options.topK(), options.seed(),
          options.repetitionPenalty(), options.frequencyPenalty(), options.presencePenalty(), options.stop());
      return this;
    }

    /**
     * Nucleus sampling (null for the service's default).
     *
     * @throws IllegalArgumentException when the value is NaN, infinite or outside its range
     *     ({@link GenerationOptions})
     */
    public Builder topP(Double topP) {
      options = new GenerationOptions(options.temperature(), topP, options.topK(), options.seed(),
          options.repetitionPenalty(), options.frequencyPenalty(), options.presencePenalty(), options.stop());
      return this;
    }

    /**
     * Top-k sampling (null for the service's default).
     *
     * @throws IllegalArgumentException when the value is NaN, infinite or outside its range
     *     ({@link GenerationOptions})
     */
    public Builder topK(Integer topK) {
      options = new GenerationOptions(options.temperature(), options.topP(), topK, options.seed(),
          options.repetitionPenalty(), options.frequencyPenalty(), options.presencePenalty(), options.stop());
      return this;
    }

    /**
     * A seed for reproducible output (null for none).
     *
     * @throws IllegalArgumentException when the value is NaN, infinite or outside its range
     *     ({@link GenerationOptions})
     */
    public Builder seed(Long seed) {
      options = new GenerationOptions(options.temperature(), options.topP(), options.topK(), seed,
          options.repetitionPenalty(), options.frequencyPenalty(), options.presencePenalty(), options.stop());
      return this;
    }

    /**
     * Penalty for repeated tokens (null for the service's default).
     *
     * @throws IllegalArgumentException when the value is NaN, infinite or outside its range
     *     ({@link GenerationOptions})
     */
    public Builder repetitionPenalty(Double penalty) {
      options = new GenerationOptions(options.temperature(), options.topP(), options.topK(),
          options.seed(), penalty, options.frequencyPenalty(), options.presencePenalty(), options.stop());
      return this;
    }

    /**
     * Penalty by token frequency (null for the service's default).
     *
     * @throws IllegalArgumentException when the value is NaN, infinite or outside its range
     *     ({@link GenerationOptions})
     */
    public Builder frequencyPenalty(Double penalty) {
      options = new GenerationOptions(options.temperature(), options.topP(), options.topK(),
          options.seed(), options.repetitionPenalty(), penalty, options.presencePenalty(), options.stop());
      return this;
    }

    /**
     * Penalty by token presence (null for the service's default).
     *
     * @throws IllegalArgumentException when the value is NaN, infinite or outside its range
     *     ({@link GenerationOptions})
     */
    public Builder presencePenalty(Double penalty) {
      options = new GenerationOptions(options.temperature(), options.topP(), options.topK(),
          options.seed(), options.repetitionPenalty(), options.frequencyPenalty(), penalty, options.stop());
      return this;
    }

    /**
     * Stop sequences: the reply ends before the first of them (empty for none).
     *
     * @throws IllegalArgumentException when there are more than 4, or one is empty
     */
    public Builder stop(List<String> stop) {
      options = new GenerationOptions(options.temperature(), options.topP(), options.topK(),
          options.seed(), options.repetitionPenalty(), options.frequencyPenalty(),
          options.presencePenalty(), stop);
      return this;
    }

    /** Replaces the tools the model may call. */
    public Builder tools(List<ToolDefinition> tools) {
      this.tools.clear();
      this.tools.addAll(tools);
      return this;
    }

    /** Adds a tool the model may call. */
    public Builder tool(ToolDefinition tool) {
      tools.add(Objects.requireNonNull(tool, "tool"));
      return this;
    }

    /** JSON mode (null for plain text). */
    public Builder responseFormat(ResponseFormat responseFormat) {
      this.responseFormat = responseFormat;
      return this;
    }

    /**
     * Fail at once instead of waiting in Workers AI's capacity queue when the model is busy
     * (default false): see {@link ChatRequest#rejectIfBusy()}.
     */
    public Builder rejectIfBusy(boolean rejectIfBusy) {
      this.rejectIfBusy = rejectIfBusy;
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws IllegalArgumentException when there is no message, or an option is NaN, infinite
     *     or outside Workers AI's documented range (the message names the option, its value and
     *     the range; see {@link GenerationOptions})
     */
    public ChatRequest build() {
      return new ChatRequest(model, messages, maxTokens, options, tools,
          Optional.ofNullable(responseFormat), rejectIfBusy);
    }
  }
}
