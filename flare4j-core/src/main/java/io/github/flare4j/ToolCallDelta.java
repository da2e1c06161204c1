package io.github.flare4j;

/**
 * A piece of a tool call as the service streams it, for a program that passes calls on as they
 * arrive (an OpenAI chunk's {@code delta.tool_calls[i]}). The first delta of a call carries its
 * {@code id} and {@code name}; later ones carry only more argument text, with {@code id} and
 * {@code name} null. Joining the {@code argumentsFragment}s of one {@code index} in order gives the
 * call's arguments. The whole {@link ToolCall}, with the same index, still follows once the call is
 * complete, so a program that does not stream calls can ignore these.
 *
 * <p>A service that sends only whole calls gives one delta per call, with id, name and the whole
 * arguments.
 *
 * @param index the call's position among the reply's tool calls, from 0
 * @param id the call's id on the first delta of a call, else null
 * @param name the tool's name on the first delta of a call, else null
 * @param argumentsFragment more of the arguments' JSON text, never null, may be empty
 */
public record ToolCallDelta(int index, String id, String name, String argumentsFragment)
    implements ResponseItem {
  /**
   * Checks the parts; a null fragment becomes empty.
   *
   * @throws IllegalArgumentException when the index is negative
   */
  public ToolCallDelta {
    if (index < 0) {
      throw new IllegalArgumentException("a tool call's index must not be negative: " + index);
    }
    argumentsFragment = argumentsFragment == null ? "" : argumentsFragment;
  }
}
