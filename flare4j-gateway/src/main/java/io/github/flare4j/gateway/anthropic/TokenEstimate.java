package io.github.flare4j.gateway.anthropic;

import io.github.flare4j.ContentPart;
import io.github.flare4j.ImagePart;
import io.github.flare4j.Message;
import io.github.flare4j.TextPart;
import io.github.flare4j.ToolCall;
import io.github.flare4j.ToolDefinition;
import java.util.List;

/**
 * A token count without a tokenizer: flare4j has none for Cloudflare's models, so counts are
 * estimates by one fixed rule, the same for {@code count_tokens} and for usage an upstream did
 * not report. The rule: the characters of every text (the system prompt, each message's text, each
 * tool call's name and arguments, each tool result, each tool's name, description and schema)
 * divided by 4, rounded up, per text; plus 4 tokens per message, 1,600 per image (Anthropic's
 * figure for a large image) and 8 per tool.
 */
final class TokenEstimate {
  /** Tokens added for each message's role and framing. */
  static final int PER_MESSAGE = 4;
  /** Tokens counted for an image, whatever its size. */
  static final int PER_IMAGE = 1600;
  /** Tokens added for each tool's framing. */
  static final int PER_TOOL = 8;

  private TokenEstimate() {}

  /** The estimated input tokens of a conversation and its tools. */
  static int input(List<Message> messages, List<ToolDefinition> tools) {
    long tokens = 0;
    for (Message message : messages) {
      tokens += PER_MESSAGE;
      for (ContentPart part : message.parts()) {
        tokens += switch (part) {
          case TextPart text -> of(text.text());
          case ImagePart image -> PER_IMAGE;
        };
      }
      for (ToolCall call : message.toolCalls()) {
        tokens += of(call.name()) + of(call.arguments());
      }
    }
    for (ToolDefinition tool : tools) {
      tokens += PER_TOOL + of(tool.name()) + of(tool.description()) + of(tool.parameters());
    }
    return (int) Math.min(Integer.MAX_VALUE, tokens);
  }

  /**
   * The estimated tokens of one text: its characters divided by 4, rounded up. The library's rule
   * ({@link io.github.flare4j.internal.text.TokenEstimate}), which also caps a reply's
   * {@code max_tokens} on the playground's Agents socket, so a reply cut there never counts more
   * output tokens here than the limit (per text: a reply with reasoning may count one more).
   */
  static int of(String text) {
    return io.github.flare4j.internal.text.TokenEstimate.of(text);
  }
}
