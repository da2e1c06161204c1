package io.github.flare4j.cli;

import io.github.flare4j.CallListener;
import io.github.flare4j.CallOptions;
import io.github.flare4j.http.ProxySpec;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --timeout} and {@code --retries}, shared by the commands that make a call, and the
 * {@link CallOptions} they become.
 */
public final class CallLimits {
  /** Created by picocli, which then sets the options. */
  public CallLimits() {}

  @Option(names = "--timeout", paramLabel = "SECONDS", converter = Converters.Seconds.class,
      description = "The limit for the whole call, in seconds (default: 300).")
  Duration timeout;

  @Option(names = "--retries", paramLabel = "N",
      description = "How often a failed attempt is tried again: connection failures, 408, 409, 429"
          + " and 5xx, only before the reply's first token (default: 2; 0: never).")
  int retries = CallOptions.DEFAULT_MAX_RETRIES;

  /**
   * Checks the values, before the command does anything else.
   *
   * @throws ParameterException for a negative {@code --retries}
   */
  void check(CommandSpec spec) {
    if (retries < 0) {
      throw new ParameterException(spec.commandLine(),
          "Invalid value for option '--retries': must be 0 or more, was " + retries);
    }
  }

  /**
   * The call's options with these limits, {@code proxy}, the {@code --debug} listener, a line on
   * {@code err} per retry (without {@code --debug}, whose log says it), and {@code more}.
   */
  CallOptions.Builder callOptions(ProxySpec proxy, PrintWriter err, boolean debug,
      CallListener... more) {
    List<CallListener> listeners = new ArrayList<>();
    listeners.add(new DebugCallListener());
    listeners.addAll(List.of(more)); // before the retry line: the spinner erases itself first
    if (!debug) {
      listeners.add(new RetryNotice(err));
    }
    return CallOptions.builder()
        .proxy(proxy)
        .timeout(timeout == null ? CallOptions.DEFAULT_TIMEOUT : timeout)
        .maxRetries(retries)
        .listener(new CallListeners(listeners));
  }
}
