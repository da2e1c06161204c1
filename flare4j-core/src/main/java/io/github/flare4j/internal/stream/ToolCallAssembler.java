package io.github.flare4j.internal.stream;

import io.github.flare4j.ToolCall;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Assembles tool calls streamed in pieces (a start with id and name, argument text deltas, maybe a
 * complete call at the end) into whole {@link ToolCall} items, each emitted once.
 */
public final class ToolCallAssembler {
  private static final class Pending {
    String name;
    final StringBuilder arguments = new StringBuilder();

    Pending(String name) {
      this.name = name;
    }
  }

  private final Map<String, Pending> pending = new LinkedHashMap<>();

  /** A call started; its arguments follow as deltas. */
  public void start(String id, String name) {
    pending.computeIfAbsent(id, key -> new Pending(name)).name = name;
  }

  /** More argument text for a started call (a call never started is started without a name). */
  public void delta(String id, String argumentsText) {
    pending.computeIfAbsent(id, key -> new Pending("")).arguments.append(argumentsText);
  }

  /**
   * The call is complete. {@code arguments} wins over the deltas when given; a null name keeps
   * the started one.
   */
  public void complete(String id, String name, String arguments, ItemBuffer out) {
    Pending started = pending.remove(id);
    String callName = name != null ? name : started != null ? started.name : "";
    String callArguments = arguments != null ? arguments
        : started != null ? started.arguments.toString() : "{}";
    out.add(new ToolCall(id, callName, callArguments));
  }

  /** Forgets every started call that was never completed (their step was withdrawn). */
  public void discard() {
    pending.clear();
  }

  /** Emits every started call that was never completed, in the order they started. */
  public void flush(ItemBuffer out) {
    for (Map.Entry<String, Pending> entry : pending.entrySet()) {
      Pending call = entry.getValue();
      out.add(new ToolCall(entry.getKey(), call.name, call.arguments.toString()));
    }
    pending.clear();
  }
}
