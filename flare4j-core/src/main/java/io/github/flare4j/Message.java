package io.github.flare4j;

import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation: who said it and what. Immutable.
 *
 * <pre>{@code
 * List<Message> history = List.of(
 *     Message.system("Answer in one sentence."),
 *     Message.user("Hello, how are you?"));
 * }</pre>
 *
 * @param role who wrote it
 * @param content the text; may be empty but never null
 * @param toolCalls the tool calls of an assistant message (empty otherwise)
 * @param toolCallId the call a {@link Role#TOOL} message answers (null otherwise)
 */
public record Message(Role role, String content, List<ToolCall> toolCalls, String toolCallId) {

  /** Checks the parts: only assistant messages carry tool calls, only tool messages an id. */
  public Message {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    if (!toolCalls.isEmpty() && role != Role.ASSISTANT) {
      throw new IllegalArgumentException("only assistant messages carry tool calls");
    }
    if (role == Role.TOOL && (toolCallId == null || toolCallId.isBlank())) {
      throw new IllegalArgumentException("a tool message needs the id of the call it answers");
    }
    if (role != Role.TOOL && toolCallId != null) {
      throw new IllegalArgumentException("only tool messages carry a tool call id");
    }
  }

  /** A plain message: a role and its text. */
  public Message(Role role, String content) {
    this(role, content, List.of(), null);
  }

  /** A system message: instructions for the model. */
  public static Message system(String content) {
    return new Message(Role.SYSTEM, content);
  }

  /** A message from the user. */
  public static Message user(String content) {
    return new Message(Role.USER, content);
  }

  /** An earlier reply of the model. */
  public static Message assistant(String content) {
    return new Message(Role.ASSISTANT, content);
  }

  /** An earlier reply of the model that called tools (send it back before their results). */
  public static Message assistant(String content, List<ToolCall> toolCalls) {
    return new Message(Role.ASSISTANT, content, toolCalls, null);
  }

  /** The result of the tool call {@code toolCallId}, sent back to the model. */
  public static Message toolResult(String toolCallId, String content) {
    return new Message(Role.TOOL, content, List.of(), toolCallId);
  }
}
