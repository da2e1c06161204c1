package io.github.flare4j.provider;

/**
 * One thing a request can ask for, or a reply can carry, that not every provider, transport or
 * model has. A provider's {@link Capabilities} and a model's {@link ModelInfo} are sets of these; a
 * request that asks for a feature its provider or model lacks is refused by the feature's
 * {@link #wireName()} before anything is sent.
 */
public enum Feature {
  /** {@code temperature}. */
  TEMPERATURE("temperature"),
  /** {@code top_p}. */
  TOP_P("top_p"),
  /** {@code top_k}. */
  TOP_K("top_k"),
  /** {@code seed}. */
  SEED("seed"),
  /** {@code stop}: stop sequences. */
  STOP("stop"),
  /** {@code frequency_penalty}. */
  FREQUENCY_PENALTY("frequency_penalty"),
  /** {@code presence_penalty}. */
  PRESENCE_PENALTY("presence_penalty"),
  /** {@code repetition_penalty}. */
  REPETITION_PENALTY("repetition_penalty"),
  /**
   * {@code max_tokens} limits the reply. The service applies it, except on the Cloudflare
   * playground's Agents socket, which has no such setting: there flare4j cuts the reply itself by
   * an estimate of 4 characters a token (see
   * {@link io.github.flare4j.cloudflare.Cloudflare#capabilities()}).
   */
  MAX_TOKENS("max_tokens"),
  /** Tools are sent and tool calls come back. */
  TOOLS("tools"),
  /** {@code tool_choice}: auto, none, required or one named tool. */
  TOOL_CHOICE("tool_choice"),
  /** {@code parallel_tool_calls}. */
  PARALLEL_TOOL_CALLS("parallel_tool_calls"),
  /** {@code response_format} of type {@code json_object}. */
  JSON_OBJECT("json_object"),
  /** {@code response_format} of type {@code json_schema}. */
  JSON_SCHEMA("json_schema"),
  /** Images in a message's content (vision). */
  IMAGES("images"),
  /** The model's reasoning comes back as reasoning items. */
  REASONING("reasoning"),
  /** {@code reasoning_effort}. */
  REASONING_EFFORT("reasoning_effort"),
  /** {@code user}: the end user's id. */
  USER("user"),
  /** Workers AI's {@code rejectIfBusy}. */
  REJECT_IF_BUSY("rejectIfBusy"),
  /** Provider-specific members of the request body, passed through as given. */
  EXTRA_BODY("extra body members"),
  /** A usage item ends the reply. */
  USAGE("usage");

  private final String wireName;

  Feature(String wireName) {
    this.wireName = wireName;
  }

  /** The name the APIs give it (or, where they have none, a short description), for messages. */
  public String wireName() {
    return wireName;
  }
}
