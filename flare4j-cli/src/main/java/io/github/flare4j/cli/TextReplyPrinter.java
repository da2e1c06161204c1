package io.github.flare4j.cli;

import io.github.flare4j.FinishReason;
import io.github.flare4j.ReasoningDelta;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.ResponseStart;
import io.github.flare4j.StepReset;
import io.github.flare4j.TextDelta;
import io.github.flare4j.ToolCall;
import io.github.flare4j.ToolCallDelta;
import io.github.flare4j.Usage;
import io.github.flare4j.internal.text.ServerText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The reply as plain text on standard output, flushed when no more of it has arrived yet (see
 * {@link #flush()}), with a newline at the end.
 * Reasoning goes to standard error with {@code --show-reasoning} (else nowhere); tool calls and a
 * reply cut short are noted on standard error. What is printed cannot be taken back: a
 * {@link StepReset} (the service started a step over) is a note on standard error saying how much
 * of what was printed is withdrawn.
 */
final class TextReplyPrinter implements ReplyPrinter {
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean showReasoning;
  private final Integer maxTokens;
  private boolean outLineOpen;
  private boolean errLineOpen;

  TextReplyPrinter(PrintWriter out, PrintWriter err, boolean showReasoning, Integer maxTokens) {
    this.out = out;
    this.err = err;
    this.showReasoning = showReasoning;
    this.maxTokens = maxTokens;
  }

  @Override
  public void gateway(String cacheStatus, String logId) {
    // shown with --json (and in --debug's log) only: the text is the reply alone
  }

  @Override
  public void item(ResponseItem item) {
    switch (item) {
      case ResponseStart start -> { } // the reply's id and model: shown with --debug's log only
      case TextDelta text -> {
        if (!text.text().isEmpty()) {
          endErrLine();
          out.print(text.text());
          outLineOpen = !text.text().endsWith("\n");
        }
      }
      case ReasoningDelta reasoning -> {
        if (showReasoning && !reasoning.text().isEmpty()) {
          out.flush(); // the text before it shows first
          err.print(reasoning.text());
          errLineOpen = !reasoning.text().endsWith("\n");
        }
      }
      case ToolCallDelta piece -> { } // the whole call is noted when it is complete
      case ToolCall call -> {
        endErrLine();
        out.flush();
        // the name, id and arguments come from the server: escaped like any text quoted from it
        err.println("flare4j: the model asks for tool '" + ServerText.quote(call.name()) + "' (call "
            + ServerText.quote(call.id()) + ") with " + ServerText.quote(call.arguments(), Integer.MAX_VALUE));
        err.flush();
      }
      case StepReset reset -> {
        endErrLine();
        out.flush();
        err.println("flare4j: note: " + withdrawn(reset)); // as a tool call's: stdout is left as it is
        err.flush();
      }
      case Usage usage -> { } // shown with --json only
      case FinishReason finish -> note(finish);
    }
  }

  @Override
  public void flush() {
    out.flush();
    err.flush();
  }

  @Override
  public void finish() {
    endErrLine();
    endOutLine();
    flush();
  }

  @Override
  public void abort() {
    endErrLine();
    endOutLine();
    flush();
  }

  private void note(FinishReason finish) {
    String note = switch (finish.kind()) {
      case LENGTH -> "the reply was cut off at the token limit"
          + (maxTokens == null ? " (the service's; raise it with --max-tokens)"
              : " (--max-tokens " + maxTokens + ")");
      case CONTENT_FILTER -> "the service's content filter stopped the reply";
      case ERROR -> "the model stopped with an error";
      case STOP, TOOL_CALLS, OTHER -> null;
    };
    if (note != null) {
      endErrLine();
      endOutLine();
      out.flush();
      err.println("flare4j: warning: " + note);
      err.flush();
    }
  }

  /** "the service started the current step over: the last 12 characters of text printed ...". */
  static String withdrawn(StepReset reset) {
    List<String> parts = new ArrayList<>();
    if (reset.textLength() > 0) {
      parts.add("the last " + reset.textLength() + " characters of text printed");
    }
    if (reset.reasoningLength() > 0) {
      parts.add(reset.reasoningLength() + " characters of reasoning");
    }
    if (reset.toolCalls() > 0) {
      parts.add(reset.toolCalls() + (reset.toolCalls() == 1 ? " tool call" : " tool calls"));
    }
    String what = parts.size() == 1 ? parts.getFirst()
        : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.getLast();
    return "the service started the current step over: " + what
        + (parts.size() == 1 && reset.toolCalls() == 1 ? " is" : " are")
        + " not part of the reply any more";
  }

  private void endOutLine() {
    if (outLineOpen) {
      out.println();
      out.flush();
      outLineOpen = false;
    }
  }

  private void endErrLine() {
    if (errLineOpen) {
      out.flush();
      err.println();
      err.flush();
      errLineOpen = false;
    }
  }
}
