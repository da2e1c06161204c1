package io.github.flare4j;

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
 */
public record Message(Role role, String content) {

  /** Checks that neither part is null. */
  public Message {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
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
}
