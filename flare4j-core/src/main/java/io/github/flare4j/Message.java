package io.github.flare4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One message of a conversation: who said it and what. Its content is a list of parts (text, and
 * for a user message images), as in OpenAI's {@code content} array; {@link #content()} gives the
 * text parts joined for readers that want only the text. Immutable.
 *
 * <pre>{@code
 * List<Message> history = List.of(
 *     Message.system("Answer in one sentence."),
 *     Message.user(List.of(new TextPart("What is this?"), ImagePart.url("https://example.com/a.png"))));
 * }</pre>
 */
public final class Message {
  private final Role role;
  private final List<ContentPart> parts;
  private final List<ToolCall> toolCalls;
  private final String toolCallId;

  private Message(Role role, List<ContentPart> parts, List<ToolCall> toolCalls, String toolCallId) {
    this.role = Objects.requireNonNull(role, "role");
    this.parts = List.copyOf(Objects.requireNonNull(parts, "parts"));
    this.toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    this.toolCallId = toolCallId;
    if (role != Role.USER && this.parts.stream().anyMatch(ImagePart.class::isInstance)) {
      throw new IllegalArgumentException("only user messages carry images");
    }
    if (!this.toolCalls.isEmpty() && role != Role.ASSISTANT) {
      throw new IllegalArgumentException("only assistant messages carry tool calls");
    }
    if (role == Role.TOOL && (toolCallId == null || toolCallId.isBlank())) {
      throw new IllegalArgumentException("a tool message needs the id of the call it answers");
    }
    if (role != Role.TOOL && toolCallId != null) {
      throw new IllegalArgumentException("only tool messages carry a tool call id");
    }
  }

  /**
   * A message of any role, part by part.
   *
   * @param role who wrote it
   * @param parts its content; images only in a user message
   * @param toolCalls the tool calls of an assistant message (empty or null otherwise)
   * @param toolCallId the call a {@link Role#TOOL} message answers (null otherwise)
   * @throws IllegalArgumentException when the parts do not fit the role: images but in a user
   *     message, tool calls but in an assistant message, a tool call id but in a tool message
   */
  public static Message of(Role role, List<ContentPart> parts, List<ToolCall> toolCalls,
      String toolCallId) {
    return new Message(role, parts, toolCalls, toolCallId);
  }

  /** A plain message: a role and its text. */
  public static Message of(Role role, String content) {
    return new Message(role, text(content), List.of(), null);
  }

  /** A system message: instructions for the model. */
  public static Message system(String content) {
    return of(Role.SYSTEM, content);
  }

  /** A message from the user. */
  public static Message user(String content) {
    return of(Role.USER, content);
  }

  /** A message from the user, part by part (text and images, in order). */
  public static Message user(List<ContentPart> parts) {
    return new Message(Role.USER, parts, List.of(), null);
  }

  /** A message from the user with images after its text. */
  public static Message user(String content, List<ImagePart> images) {
    List<ContentPart> parts = new ArrayList<>(text(content));
    parts.addAll(images);
    return user(parts);
  }

  /** An earlier reply of the model. */
  public static Message assistant(String content) {
    return of(Role.ASSISTANT, content);
  }

  /** An earlier reply of the model that called tools (send it back before their results). */
  public static Message assistant(String content, List<ToolCall> toolCalls) {
    return new Message(Role.ASSISTANT, text(content), toolCalls, null);
  }

  /** The result of the tool call {@code toolCallId}, sent back to the model. */
  public static Message toolResult(String toolCallId, String content) {
    return new Message(Role.TOOL, text(content), List.of(), toolCallId);
  }

  private static List<ContentPart> text(String content) {
    return List.of(new TextPart(Objects.requireNonNull(content, "content")));
  }

  /** Who wrote it. */
  public Role role() {
    return role;
  }

  /** The content, part by part, in order. */
  public List<ContentPart> parts() {
    return parts;
  }

  /** The text parts joined (without separator); empty when there are none. */
  public String content() {
    if (parts.size() == 1 && parts.getFirst() instanceof TextPart only) {
      return only.text();
    }
    return parts.stream().filter(TextPart.class::isInstance)
        .map(part -> ((TextPart) part).text()).collect(Collectors.joining());
  }

  /** The image parts, in order; empty when there are none. */
  public List<ImagePart> images() {
    return parts.stream().filter(ImagePart.class::isInstance).map(ImagePart.class::cast).toList();
  }

  /** True when the content is exactly one text part (no images, no split text). */
  public boolean isTextOnly() {
    return parts.size() == 1 && parts.getFirst() instanceof TextPart;
  }

  /** The tool calls of an assistant message; empty otherwise. */
  public List<ToolCall> toolCalls() {
    return toolCalls;
  }

  /** The call a {@link Role#TOOL} message answers; null otherwise. */
  public String toolCallId() {
    return toolCallId;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Message that && role == that.role && parts.equals(that.parts)
        && toolCalls.equals(that.toolCalls) && Objects.equals(toolCallId, that.toolCallId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(role, parts, toolCalls, toolCallId);
  }

  @Override
  public String toString() {
    return "Message[role=" + role + ", parts=" + parts
        + (toolCalls.isEmpty() ? "" : ", toolCalls=" + toolCalls)
        + (toolCallId == null ? "" : ", toolCallId=" + toolCallId) + "]";
  }
}
