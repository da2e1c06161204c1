package io.github.flare4j.provider;

import io.github.flare4j.ChatRequest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a provider (on its transport) does with a request, known before anything is sent: which
 * sampling options it sends, whether it takes tools and JSON mode, whether replies carry reasoning
 * and usage, whether {@code max_tokens} limits the reply. A request that asks for more is refused
 * by name ({@link #check}); a {@code max_tokens} that cannot be honoured is a warning instead,
 * since every request has one.
 *
 * @param options the sampling options sent to the service
 * @param tools whether tools are sent and tool calls come back
 * @param jsonMode whether {@link ChatRequest#responseFormat()} is sent
 * @param reasoning whether the model's reasoning arrives as reasoning items
 * @param usage whether a usage item ends the reply
 * @param maxTokens whether {@link ChatRequest#maxTokens()} limits the reply
 * @param rejectIfBusy whether {@link ChatRequest#rejectIfBusy()} is sent (Workers AI's
 *     {@code "options":{"rejectIfBusy":true}})
 * @param images whether a message's images ({@link io.github.flare4j.Message#images()}) are sent
 */
public record Capabilities(Set<GenerationOption> options, boolean tools, boolean jsonMode,
    boolean reasoning, boolean usage, boolean maxTokens, boolean rejectIfBusy, boolean images) {

  /** Copies the set. */
  public Capabilities {
    options = options.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(options));
  }

  /** Capabilities without images. */
  public Capabilities(Set<GenerationOption> options, boolean tools, boolean jsonMode,
      boolean reasoning, boolean usage, boolean maxTokens, boolean rejectIfBusy) {
    this(options, tools, jsonMode, reasoning, usage, maxTokens, rejectIfBusy, false);
  }

  /** Capabilities without {@code rejectIfBusy} and images. */
  public Capabilities(Set<GenerationOption> options, boolean tools, boolean jsonMode,
      boolean reasoning, boolean usage, boolean maxTokens) {
    this(options, tools, jsonMode, reasoning, usage, maxTokens, false, false);
  }

  /** What {@code request} asks for that these capabilities lack, by name; empty when nothing. */
  public List<String> unsupported(ChatRequest request) {
    List<String> missing = new ArrayList<>();
    for (GenerationOption option : GenerationOption.setIn(request.options())) {
      if (!options.contains(option)) {
        missing.add(option.wireName());
      }
    }
    if (!tools && !request.tools().isEmpty()) {
      missing.add("tools");
    }
    if (!jsonMode && request.responseFormat().isPresent()) {
      missing.add("JSON mode");
    }
    if (!rejectIfBusy && request.rejectIfBusy()) {
      missing.add("rejectIfBusy");
    }
    if (!images && request.messages().stream().anyMatch(m -> !m.images().isEmpty())) {
      missing.add("images");
    }
    return missing;
  }

  /**
   * Refuses a request that asks for what these capabilities lack.
   *
   * @param where who cannot, for the message, e.g. {@code "The Cloudflare AI playground"}
   * @param instead what to use instead, for the message
   * @throws IllegalArgumentException naming each option that cannot be honoured
   */
  public void check(ChatRequest request, String where, String instead) {
    List<String> missing = unsupported(request);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(where + " takes no " + String.join(", ", missing)
          + " (" + request.options().toString().replace("GenerationOptions", "options") + "); "
          + instead);
    }
  }
}
