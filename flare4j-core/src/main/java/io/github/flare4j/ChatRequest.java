package io.github.flare4j;

import io.github.flare4j.http.ProxySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to ask a provider: the model, the conversation and the request's options. Immutable; build
 * one with {@link #builder()}.
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
 * {@link #toString()} shows no cookie values and no proxy password.
 *
 * @param model the model id or alias; empty for the provider's default
 * @param messages the conversation, oldest first; at least one message
 * @param maxTokens the most tokens the reply may have
 * @param proxy the proxy to use, when one is set
 * @param cookies cookies to send besides the provider's own
 * @param timeout the limit for the whole call
 * @param options sampling options (temperature, top-p, ...); unset ones are not sent
 * @param tools the tools the model may call
 * @param responseFormat JSON mode, when asked for
 */
public record ChatRequest(
    String model,
    List<Message> messages,
    int maxTokens,
    Optional<ProxySpec> proxy,
    Map<String, String> cookies,
    Duration timeout,
    GenerationOptions options,
    List<ToolDefinition> tools,
    Optional<ResponseFormat> responseFormat) {

  /** The default {@code max_tokens}, as in the seed. */
  public static final int DEFAULT_MAX_TOKENS = 2048;
  /** The default limit for a whole call, as in the seed. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);

  /** Checks and copies the parts. */
  public ChatRequest {
    model = model == null ? "" : model.trim();
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("A chat request needs at least one message");
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be at least 1, was " + maxTokens);
    }
    Objects.requireNonNull(proxy, "proxy");
    cookies = Map.copyOf(cookies);
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    Objects.requireNonNull(options, "options");
    tools = List.copyOf(tools);
    Objects.requireNonNull(responseFormat, "responseFormat");
  }

  /** A request for one user message with every default. */
  public static ChatRequest of(String userMessage) {
    return builder().user(userMessage).build();
  }

  /** A new builder with the defaults: default model, 2048 tokens, no proxy, 300 s. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this request's values. */
  public Builder toBuilder() {
    Builder builder = new Builder()
        .model(model)
        .messages(messages)
        .maxTokens(maxTokens)
        .timeout(timeout)
        .tools(tools);
    builder.options = options;
    proxy.ifPresent(builder::proxy);
    responseFormat.ifPresent(builder::responseFormat);
    builder.cookies.putAll(cookies);
    return builder;
  }

  @Override
  public String toString() {
    return "ChatRequest[model=" + (model.isEmpty() ? "(default)" : model)
        + ", messages=" + messages.size()
        + ", maxTokens=" + maxTokens
        + ", proxy=" + proxy.map(ProxySpec::toString).orElse("none")
        + ", cookies=" + cookies.keySet()
        + ", timeout=" + timeout
        + (options.isEmpty() ? "" : ", options=" + options)
        + (tools.isEmpty() ? "" : ", tools=" + tools.stream().map(ToolDefinition::name).toList())
        + responseFormat.map(f -> ", responseFormat=" + f.type()).orElse("") + "]";
  }

  /** Builds a {@link ChatRequest}. Not thread-safe. */
  public static final class Builder {
    private String model = "";
    private final List<Message> messages = new ArrayList<>();
    private int maxTokens = DEFAULT_MAX_TOKENS;
    private ProxySpec proxy;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private Duration timeout = DEFAULT_TIMEOUT;
    private GenerationOptions options = GenerationOptions.NONE;
    private final List<ToolDefinition> tools = new ArrayList<>();
    private ResponseFormat responseFormat;

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

    /** The proxy to use, or null for none. */
    public Builder proxy(ProxySpec proxy) {
      this.proxy = proxy;
      return this;
    }

    /**
     * The proxy to use as a URL ({@code http://}, {@code https://}, {@code socks5://}, with an
     * optional {@code user:password@}), or null for none.
     *
     * @throws IllegalArgumentException when the URL is not a proxy URL
     */
    public Builder proxy(String proxyUrl) {
      this.proxy = proxyUrl == null || proxyUrl.isBlank() ? null : ProxySpec.parse(proxyUrl);
      return this;
    }

    /** Adds a cookie to send. */
    public Builder cookie(String name, String value) {
      cookies.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Adds cookies to send. */
    public Builder cookies(Map<String, String> cookies) {
      cookies.forEach(this::cookie);
      return this;
    }

    /** The limit for the whole call (default 300 s). */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** Randomness (null for the service's default). */
    public Builder temperature(Double temperature) {
      options = new GenerationOptions(temperature, options.topP(), options.topK(), options.seed(),
          options.repetitionPenalty(), options.frequencyPenalty(), options.presencePenalty());
      return this;
    }

    /** Nucleus sampling (null for the service's default). */
    public Builder topP(Double topP) {
      options = new GenerationOptions(options.temperature(), topP, options.topK(), options.seed(),
          options.repetitionPenalty(), options.frequencyPenalty(), options.presencePenalty());
      return this;
    }

    /** Top-k sampling (null for the service's default). */
    public Builder topK(Integer topK) {
      options = new GenerationOptions(options.temperature(), options.topP(), topK, options.seed(),
          options.repetitionPenalty(), options.frequencyPenalty(), options.presencePenalty());
      return this;
    }

    /** A seed for reproducible output (null for none). */
    public Builder seed(Long seed) {
      options = new GenerationOptions(options.temperature(), options.topP(), options.topK(), seed,
          options.repetitionPenalty(), options.frequencyPenalty(), options.presencePenalty());
      return this;
    }

    /** Penalty for repeated tokens (null for the service's default). */
    public Builder repetitionPenalty(Double penalty) {
      options = new GenerationOptions(options.temperature(), options.topP(), options.topK(),
          options.seed(), penalty, options.frequencyPenalty(), options.presencePenalty());
      return this;
    }

    /** Penalty by token frequency (null for the service's default). */
    public Builder frequencyPenalty(Double penalty) {
      options = new GenerationOptions(options.temperature(), options.topP(), options.topK(),
          options.seed(), options.repetitionPenalty(), penalty, options.presencePenalty());
      return this;
    }

    /** Penalty by token presence (null for the service's default). */
    public Builder presencePenalty(Double penalty) {
      options = new GenerationOptions(options.temperature(), options.topP(), options.topK(),
          options.seed(), options.repetitionPenalty(), options.frequencyPenalty(), penalty);
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
     * Builds the request.
     *
     * @throws IllegalArgumentException when there is no message or an option is out of range
     */
    public ChatRequest build() {
      return new ChatRequest(model, messages, maxTokens, Optional.ofNullable(proxy), cookies,
          timeout, options, tools, Optional.ofNullable(responseFormat));
    }
  }
}
