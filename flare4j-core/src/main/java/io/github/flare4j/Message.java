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
 * @param images the images a user message carries besides its text (empty otherwise)
 */
public record Message(Role role, String content, List<ToolCall> toolCalls, String toolCallId,
    List<ImagePart> images) {

  /**
   * Checks the parts: only assistant messages carry tool calls, only tool messages an id, only
   * user messages images.
   */
  public Message {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    images = images == null ? List.of() : List.copyOf(images);
    if (!images.isEmpty() && role != Role.USER) {
      throw new IllegalArgumentException("only user messages carry images");
    }
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

  /** A message without images. */
  public Message(Role role, String content, List<ToolCall> toolCalls, String toolCallId) {
    this(role, content, toolCalls, toolCallId, List.of());
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

  /** A message from the user with images besides its text. */
  public static Message user(String content, List<ImagePart> images) {
    return new Message(Role.USER, content, List.of(), null, images);
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
