package io.github.flare4j;

import java.util.Locale;

/**
 * Who wrote a {@link Message}. The wire name is the lower-case form used by every Cloudflare API
 * ({@code "system"}, {@code "user"}, {@code "assistant"}, {@code "tool"}).
 */
public enum Role {
  /** Instructions for the model; sent as the playground's {@code system_message}. */
  SYSTEM,
  /** The person talking to the model. */
  USER,
  /** The model's earlier replies (message history). */
  ASSISTANT,
  /** The result of a tool call, sent back to the model. */
  TOOL;

  /** The name this role has on the wire. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a wire name such as {@code "user"}, ignoring case.
   *
   * @throws IllegalArgumentException when the name is not a known role
   */
  public static Role fromWireName(String name) {
    for (Role role : values()) {
      if (role.wireName().equalsIgnoreCase(name)) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "Unknown message role '" + name + "': use system, user, assistant or tool");
  }
}
