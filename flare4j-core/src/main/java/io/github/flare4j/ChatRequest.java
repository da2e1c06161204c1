package io.github.flare4j;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What to ask a model: everything an OpenAI {@code chat.completions} request says, and a little
 * more. Immutable; build one with {@link #builder()}, change one with {@link #toBuilder()}. How the
 * call is made (proxy, cookies, time limit, retries) is not part of it: that is
 * {@link CallOptions}, given beside the request, so a request can be passed on (a gateway
 * forwarding a client's request, say) without carrying anybody's cookies.
 *
 * <pre>{@code
 * ChatRequest request = ChatRequest.builder()
 *     .model("llama-3.3-70b")             // an alias or a model id; empty means the default
 *     .system("Answer briefly.")
 *     .user("Hello, how are you?")
 *     .maxTokens(512)                     // unset: the service's default
 *     .build();
 * }</pre>
 *
 * <p>Every value is checked when it is set or built (ranges: {@link GenerationOptions}); what a
 * provider, transport or model cannot honour is refused by name before anything is sent
 * ({@link io.github.flare4j.provider.Capabilities#check}).
 */
public final class ChatRequest {

  /**
   * The top-level body members flare4j writes itself (in either Workers AI body), which
   * {@link #extras()} may not name.
   */
  public static final Set<String> RESERVED_MEMBERS = Set.of("model", "messages", "prompt",
      "stream", "stream_options", "max_tokens", "max_completion_tokens", "temperature", "top_p",
      "top_k", "seed", "stop", "repetition_penalty", "frequency_penalty", "presence_penalty",
      "tools", "tool_choice", "parallel_tool_calls", "response_format", "reasoning_effort", "user",
      "options", "image");

  private final String model;
  private final List<Message> messages;
  private final OptionalInt maxTokens;
  private final GenerationOptions options;
  private final List<ToolDefinition> tools;
  private final Optional<ToolChoice> toolChoice;
  private final Optional<Boolean> parallelToolCalls;
  private final Optional<ResponseFormat> responseFormat;
  private final Optional<ReasoningEffort> reasoningEffort;
  private final Optional<String> user;
  private final Map<String, Object> extras;
  private final boolean rejectIfBusy;

  private ChatRequest(Builder b) {
    model = b.model == null ? "" : b.model.trim();
    messages = List.copyOf(b.messages);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("A chat request needs at least one message");
    }
    maxTokens = b.maxTokens == null ? OptionalInt.empty() : OptionalInt.of(b.maxTokens);
    options = b.options.build();
    tools = List.copyOf(b.tools);
    toolChoice = Optional.ofNullable(b.toolChoice);
    toolChoice.ifPresent(choice -> {
      if (choice.kind() == ToolChoice.Kind.REQUIRED && tools.isEmpty()) {
        throw new IllegalArgumentException("tool_choice required needs at least one tool");
      }
      if (choice.kind() == ToolChoice.Kind.FUNCTION
          && tools.stream().noneMatch(tool -> tool.name().equals(choice.name()))) {
        throw new IllegalArgumentException("tool_choice names the tool '" + choice.name()
            + "', which the request does not offer (its tools: "
            + tools.stream().map(ToolDefinition::name).toList() + ")");
      }
    });
    parallelToolCalls = Optional.ofNullable(b.parallelToolCalls);
    responseFormat = Optional.ofNullable(b.responseFormat);
    reasoningEffort = Optional.ofNullable(b.reasoningEffort);
    user = Optional.ofNullable(b.user);
    extras = Collections.unmodifiableMap(new LinkedHashMap<>(b.extras));
    rejectIfBusy = b.rejectIfBusy;
  }

  /** A request for one user message with every default. */
  public static ChatRequest of(String userMessage) {
    return builder().user(userMessage).build();
  }

  /** A new builder with the defaults: the provider's default model, nothing else set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this request's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.model = model;
    b.messages.addAll(messages);
    b.maxTokens = maxTokens.isPresent() ? maxTokens.getAsInt() : null;
    b.options = options.toBuilder();
    b.tools.addAll(tools);
    b.toolChoice = toolChoice.orElse(null);
    b.parallelToolCalls = parallelToolCalls.orElse(null);
    b.responseFormat = responseFormat.orElse(null);
    b.reasoningEffort = reasoningEffort.orElse(null);
    b.user = user.orElse(null);
    b.extras.putAll(extras);
    b.rejectIfBusy = rejectIfBusy;
    return b;
  }

  /** The model id or alias; empty for the provider's default. */
  public String model() {
    return model;
  }

  /** The conversation, oldest first; at least one message. */
  public List<Message> messages() {
    return messages;
  }

  /**
   * The most tokens the reply may have ({@code max_tokens}); empty when unset, which sends none
   * and leaves the limit to the service. A reply cut by it ends with finish reason
   * {@link FinishReason.Kind#LENGTH}. On the Cloudflare playground's Agents socket, which takes no
   * {@code max_tokens}, flare4j applies it on the client, approximately: the reply's text,
   * reasoning and tool call arguments are counted at 4 characters a token and cut where that
   * estimate would pass the limit, and the rest of the turn is cancelled.
   */
  public OptionalInt maxTokens() {
    return maxTokens;
  }

  /** Sampling options (temperature, top-p, stop, ...); unset ones are not sent. */
  public GenerationOptions options() {
    return options;
  }

  /** The tools the model may call. */
  public List<ToolDefinition> tools() {
    return tools;
  }

  /** Whether and which tool the model must call ({@code tool_choice}); empty when unset. */
  public Optional<ToolChoice> toolChoice() {
    return toolChoice;
  }

  /** Whether the model may call several tools in one turn ({@code parallel_tool_calls}). */
  public Optional<Boolean> parallelToolCalls() {
    return parallelToolCalls;
  }

  /** The reply's form (text, JSON mode, a JSON schema); empty when unset. */
  public Optional<ResponseFormat> responseFormat() {
    return responseFormat;
  }

  /** How hard a reasoning model thinks ({@code reasoning_effort}); empty when unset. */
  public Optional<ReasoningEffort> reasoningEffort() {
    return reasoningEffort;
  }

  /** An id of the end user on whose behalf the request is made ({@code user}). */
  public Optional<String> user() {
    return user;
  }

  /**
   * Provider-specific top-level body members, sent as given after the members flare4j writes
   * (e.g. Workers AI's {@code lora} or {@code raw}). Values are strings, numbers, booleans,
   * null, lists and maps of these; no name is one of {@link #RESERVED_MEMBERS}. Unmodifiable,
   * in the order they were given.
   */
  public Map<String, Object> extras() {
    return extras;
  }

  /**
   * Fail at once (a {@link io.github.flare4j.error.RateLimitException} with Workers AI's code
   * 3040, not retried) instead of waiting in the service's capacity queue when the model is busy;
   * sent as {@code "options":{"rejectIfBusy":true}}. Only Workers AI takes it: the playground
   * refuses it by name. It is part of the request rather than of {@link CallOptions} because it
   * goes on the wire and changes what the service does, so a forwarded request keeps it and a
   * provider that cannot send it refuses the request.
   */
  public boolean rejectIfBusy() {
    return rejectIfBusy;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ChatRequest that && model.equals(that.model)
        && messages.equals(that.messages) && maxTokens.equals(that.maxTokens)
        && options.equals(that.options) && tools.equals(that.tools)
        && toolChoice.equals(that.toolChoice) && parallelToolCalls.equals(that.parallelToolCalls)
        && responseFormat.equals(that.responseFormat)
        && reasoningEffort.equals(that.reasoningEffort) && user.equals(that.user)
        && extras.equals(that.extras) && rejectIfBusy == that.rejectIfBusy;
  }

  @Override
  public int hashCode() {
    return Objects.hash(model, messages, maxTokens, options, tools, toolChoice, parallelToolCalls,
        responseFormat, reasoningEffort, user, extras, rejectIfBusy);
  }

  /** A summary: the model, the number of messages and what is set; no message text. */
  @Override
  public String toString() {
    return "ChatRequest[model=" + (model.isEmpty() ? "(default)" : model)
        + ", messages=" + messages.size()
        + (maxTokens.isPresent() ? ", maxTokens=" + maxTokens.getAsInt() : "")
        + (options.isEmpty() ? "" : ", options=" + options)
        + (tools.isEmpty() ? "" : ", tools=" + tools.stream().map(ToolDefinition::name).toList())
        + toolChoice.map(c -> ", toolChoice=" + (c.name() == null ? c.kind().wireName() : c.name()))
            .orElse("")
        + parallelToolCalls.map(p -> ", parallelToolCalls=" + p).orElse("")
        + responseFormat.map(f -> ", responseFormat=" + f.type()).orElse("")
        + reasoningEffort.map(e -> ", reasoningEffort=" + e.wireName()).orElse("")
        + (user.isPresent() ? ", user" : "")
        + (extras.isEmpty() ? "" : ", extras=" + extras.keySet())
        + (rejectIfBusy ? ", rejectIfBusy" : "") + "]";
  }

  /** Builds a {@link ChatRequest}. Not thread-safe. */
  public static final class Builder {
    private String model = "";
    private final List<Message> messages = new ArrayList<>();
    private Integer maxTokens;
    private GenerationOptions.Builder options = GenerationOptions.builder();
    private final List<ToolDefinition> tools = new ArrayList<>();
    private ToolChoice toolChoice;
    private Boolean parallelToolCalls;
    private ResponseFormat responseFormat;
    private ReasoningEffort reasoningEffort;
    private String user;
    private final Map<String, Object> extras = new LinkedHashMap<>();
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
      messages.forEach(this::message);
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

    /**
     * The most tokens the reply may have, 1 or more (Workers AI's range); on the playground's
     * Agents socket, a cap flare4j applies by an estimate (see {@link ChatRequest#maxTokens()}).
     *
     * @throws IllegalArgumentException when below 1
     */
    public Builder maxTokens(int maxTokens) {
      if (maxTokens < 1) {
        throw new IllegalArgumentException("max_tokens must be at least 1 (Workers AI's range: 1"
            + " or more), was " + maxTokens);
      }
      this.maxTokens = maxTokens;
      return this;
    }

    /** Unsets {@code max_tokens}: none is sent, the service's default applies. */
    public Builder defaultMaxTokens() {
      this.maxTokens = null;
      return this;
    }

    /** Replaces every sampling option. */
    public Builder options(GenerationOptions options) {
      this.options = options.toBuilder();
      return this;
    }

    /**
     * Randomness, 0 to 5 (null for the service's default).
     *
     * @throws IllegalArgumentException when NaN, infinite or outside its range
     *     ({@link GenerationOptions})
     */
    public Builder temperature(Double temperature) {
      options.temperature(temperature);
      return this;
    }

    /**
     * Nucleus sampling, 0 to 2 (null for the service's default).
     *
     * @throws IllegalArgumentException when NaN, infinite or outside its range
     */
    public Builder topP(Double topP) {
      options.topP(topP);
      return this;
    }

    /**
     * Top-k sampling, 1 to 50 (null for the service's default).
     *
     * @throws IllegalArgumentException when outside its range
     */
    public Builder topK(Integer topK) {
      options.topK(topK);
      return this;
    }

    /**
     * A seed for reproducible output, 1 to 9999999999 (null for none).
     *
     * @throws IllegalArgumentException when outside its range
     */
    public Builder seed(Long seed) {
      options.seed(seed);
      return this;
    }

    /**
     * Penalty for repeated tokens, 0 to 2 (null for the service's default).
     *
     * @throws IllegalArgumentException when NaN, infinite or outside its range
     */
    public Builder repetitionPenalty(Double penalty) {
      options.repetitionPenalty(penalty);
      return this;
    }

    /**
     * Penalty by token frequency, -2 to 2 (null for the service's default).
     *
     * @throws IllegalArgumentException when NaN, infinite or outside its range
     */
    public Builder frequencyPenalty(Double penalty) {
      options.frequencyPenalty(penalty);
      return this;
    }

    /**
     * Penalty by token presence, -2 to 2 (null for the service's default).
     *
     * @throws IllegalArgumentException when NaN, infinite or outside its range
     */
    public Builder presencePenalty(Double penalty) {
      options.presencePenalty(penalty);
      return this;
    }

    /**
     * Stop sequences: the reply ends before the first of them (empty for none).
     *
     * @throws IllegalArgumentException when there are more than 4, or one is empty
     */
    public Builder stop(List<String> stop) {
      options.stop(stop);
      return this;
    }

    /** Replaces the tools the model may call. */
    public Builder tools(List<ToolDefinition> tools) {
      this.tools.clear();
      tools.forEach(this::tool);
      return this;
    }

    /** Adds a tool the model may call. */
    public Builder tool(ToolDefinition tool) {
      tools.add(Objects.requireNonNull(tool, "tool"));
      return this;
    }

    /**
     * Whether and which tool the model must call (null to leave it to the service). A named
     * tool must be among the request's tools, checked by {@link #build()}.
     */
    public Builder toolChoice(ToolChoice toolChoice) {
      this.toolChoice = toolChoice;
      return this;
    }

    /** Whether the model may call several tools in one turn (null to leave it to the service). */
    public Builder parallelToolCalls(Boolean parallelToolCalls) {
      this.parallelToolCalls = parallelToolCalls;
      return this;
    }

    /** The reply's form (null for the service's default, plain text). */
    public Builder responseFormat(ResponseFormat responseFormat) {
      this.responseFormat = responseFormat;
      return this;
    }

    /** How hard a reasoning model thinks (null for the model's default). */
    public Builder reasoningEffort(ReasoningEffort reasoningEffort) {
      this.reasoningEffort = reasoningEffort;
      return this;
    }

    /**
     * An id of the end user (null for none).
     *
     * @throws IllegalArgumentException when blank
     */
    public Builder endUser(String user) {
      if (user != null && user.isBlank()) {
        throw new IllegalArgumentException("user (the end user's id) must not be blank");
      }
      this.user = user;
      return this;
    }

    /**
     * Adds a provider-specific top-level body member, sent as given.
     *
     * @param name the member's name; not one of {@link ChatRequest#RESERVED_MEMBERS}
     * @param value a string, number (finite), boolean, null, or a list or map of these
     * @throws IllegalArgumentException when the name is blank or reserved, or the value is of
     *     another type
     */
    public Builder extra(String name, Object value) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("An extra body member needs a name");
      }
      if (RESERVED_MEMBERS.contains(name)) {
        throw new IllegalArgumentException("The extra body member '" + name + "' collides with"
            + " one flare4j writes itself; set it through its own builder method");
      }
      extras.put(name, copyJson(name, value));
      return this;
    }

    /**
     * Replaces the provider-specific body members ({@link #extra(String, Object)} for each).
     *
     * @throws IllegalArgumentException as {@link #extra(String, Object)}
     */
    public Builder extras(Map<String, ?> extras) {
      this.extras.clear();
      extras.forEach(this::extra);
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
     * @throws IllegalArgumentException when there is no message, or the tool choice names a tool
     *     the request does not offer (or is {@code required} without tools)
     */
    public ChatRequest build() {
      return new ChatRequest(this);
    }

    private static Object copyJson(String where, Object value) {
      if (value == null || value instanceof String || value instanceof Boolean
          || value instanceof Integer || value instanceof Long || value instanceof Short
          || value instanceof Byte || value instanceof BigInteger || value instanceof BigDecimal) {
        return value;
      }
      if (value instanceof Double || value instanceof Float) {
        double d = ((Number) value).doubleValue();
        if (!Double.isFinite(d)) {
          throw new IllegalArgumentException("The extra body member '" + where
              + "' holds " + d + ", which JSON cannot carry");
        }
        return value;
      }
      if (value instanceof List<?> list) {
        List<Object> copy = new ArrayList<>(list.size());
        for (Object element : list) {
          copy.add(copyJson(where, element));
        }
        return Collections.unmodifiableList(copy);
      }
      if (value instanceof Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          if (!(entry.getKey() instanceof String key)) {
            throw new IllegalArgumentException("The extra body member '" + where
                + "' holds a map with a key that is no string");
          }
          copy.put(key, copyJson(where, entry.getValue()));
        }
        return Collections.unmodifiableMap(copy);
      }
      throw new IllegalArgumentException("The extra body member '" + where + "' holds a "
          + value.getClass().getSimpleName() + "; only strings, numbers, booleans, null, lists"
          + " and maps go into JSON");
    }
  }
}
