package io.github.flare4j.internal.stream;

import io.github.flare4j.ToolCall;
import io.github.flare4j.ToolCallDelta;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Assembles tool calls streamed in pieces (a start with id and name, argument text deltas, maybe a
 * complete call at the end) into whole {@link ToolCall} items, each emitted once, and passes the
 * pieces on as {@link ToolCallDelta}s as they come: the first delta of a call carries its id and
 * name, later ones only argument text. A call that arrives whole gives one delta with everything.
 * Calls are numbered from 0 in the order they start; a call and its deltas share the number.
 */
public final class ToolCallAssembler {
  private static final class Pending {
    final int index;
    String name;
    boolean announced;
    final StringBuilder arguments = new StringBuilder();

    Pending(int index, String name) {
      this.index = index;
      this.name = name;
    }
  }

  private final Map<String, Pending> pending = new LinkedHashMap<>();
  private int nextIndex;

  /** A call started; its arguments follow as deltas. */
  public void start(String id, String name, ItemBuffer out) {
    Pending call = pending.computeIfAbsent(id, key -> new Pending(nextIndex++, name));
    call.name = name;
    announce(id, call, "", out);
  }

  /** More argument text for a started call (a call never started is started without a name). */
  public void delta(String id, String argumentsText, ItemBuffer out) {
    Pending call = pending.computeIfAbsent(id, key -> new Pending(nextIndex++, ""));
    call.arguments.append(argumentsText);
    if (!announce(id, call, argumentsText, out) && !argumentsText.isEmpty()) {
      out.add(new ToolCallDelta(call.index, null, null, argumentsText));
    }
  }

  /**
   * The call is complete. {@code arguments} wins over the deltas when given; a null name keeps
   * the started one. When the streamed text is the start of {@code arguments}, the rest comes as
   * one last delta first (all of it when nothing was streamed), so the pieces join to the call's
   * arguments; text the service reformatted (the AI SDK sends the parsed input) cannot be.
   */
  public void complete(String id, String name, String arguments, ItemBuffer out) {
    Pending started = pending.remove(id);
    Pending call = started != null ? started : new Pending(nextIndex++, "");
    if (name != null) {
      call.name = name;
    }
    String callArguments = arguments != null ? arguments : call.arguments.toString();
    String streamed = call.arguments.toString();
    if (!announce(id, call, callArguments, out) && callArguments.length() > streamed.length()
        && callArguments.startsWith(streamed)) {
      out.add(new ToolCallDelta(call.index, null, null,
          callArguments.substring(streamed.length())));
    }
    out.add(new ToolCall(id, call.name, callArguments, call.index));
  }

  /** Forgets every started call that was never completed (their step was withdrawn). */
  public void discard() {
    pending.clear();
  }

  /** Emits every started call that was never completed, in the order they started. */
  public void flush(ItemBuffer out) {
    for (Map.Entry<String, Pending> entry : pending.entrySet()) {
      Pending call = entry.getValue();
      out.add(new ToolCall(entry.getKey(), call.name, call.arguments.toString(), call.index));
    }
    pending.clear();
  }

  /** The call's first delta, with its id and name, unless it was sent; true when sent now. */
  private static boolean announce(String id, Pending call, String arguments, ItemBuffer out) {
    if (call.announced) {
      return false;
    }
    call.announced = true;
    out.add(new ToolCallDelta(call.index, id, call.name == null ? "" : call.name, arguments));
    return true;
  }
}
