package io.github.flare4j.cli;

import io.github.flare4j.error.CloudflareChallengeException;
import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.error.MissingAuthException;
import io.github.flare4j.error.MissingRequirementsException;
import io.github.flare4j.error.ModelNotFoundException;
import io.github.flare4j.error.NetworkException;
import io.github.flare4j.error.PaidPlanRequiredException;
import io.github.flare4j.error.RateLimitException;
import io.github.flare4j.error.RequestTimeoutException;
import io.github.flare4j.error.ResponseStatusException;
import io.github.flare4j.error.StreamProtocolException;
import io.github.flare4j.error.StreamTruncatedException;
import io.github.flare4j.http.ProxySpec;
import io.github.flare4j.internal.http.IoFailures;
import io.github.flare4j.internal.text.ServerText;
import io.github.flare4j.workersai.WorkersAIBuilder;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns failures into one line on standard error ({@code flare4j: <message>}) and an
 * {@link ExitCodes exit code}. Stack traces only with {@code --debug}.
 */
final class ErrorReporter
    implements IExitCodeExceptionMapper, IExecutionExceptionHandler, IParameterExceptionHandler {
  private static final String PROXY_OPTION = "--proxy";

  @Override
  public int getExitCode(Throwable exception) {
    return exitCode(exception);
  }

  /** The exit code for a failure; see {@link ExitCodes}. */
  static int exitCode(Throwable exception) {
    return switch (exception) {
      case ParameterException e -> ExitCodes.USAGE;
      case CliException e -> e.exitCode();
      case MissingAuthException e -> ExitCodes.AUTH;
      case CloudflareChallengeException e -> ExitCodes.AUTH;
      // No Chromium to get past Cloudflare: like a challenge that cannot be passed.
      case MissingRequirementsException e -> ExitCodes.AUTH;
      case RateLimitException e -> ExitCodes.RATE_LIMITED;
      // Workers AI's 5035: the account's plan, like missing credentials, not a passing failure.
      case PaidPlanRequiredException e -> ExitCodes.AUTH;
      case ResponseStatusException e -> ExitCodes.SERVICE;
      case NetworkException e -> ExitCodes.NETWORK;
      case StreamProtocolException e -> ExitCodes.PROTOCOL;
      // A reply cut short: the code of what cut it (5 for a broken connection), else 6.
      case StreamTruncatedException e -> e.getCause() == null ? ExitCodes.PROTOCOL : exitCode(e.getCause());
      case ModelNotFoundException e -> ExitCodes.MODEL_NOT_FOUND;
      case CommandLine.ExecutionException e when e.getCause() != null -> exitCode(e.getCause());
      default -> ExitCodes.INTERNAL;
    };
  }

  @Override
  public int handleExecutionException(
      Exception exception, CommandLine commandLine, ParseResult parseResult) {
    Throwable failure = exception instanceof CommandLine.ExecutionException && exception.getCause() != null
        ? exception.getCause()
        : exception;
    int code = exitCode(commandLine, failure);
    if (code == ExitCodes.OUTPUT_CLOSED) {
      return code; // the reader of standard output left (| head): nothing to say, as with SIGPIPE
    }
    PrintWriter err = commandLine.getErr();
    boolean debug = parseResult != null && DebugOption.requested(parseResult);
    // whatever a message quotes from a server, no control character reaches the terminal
    err.println("flare4j: " + ServerText.escapeControls(
        message(failure, debug, parseResult == null ? null : proxy(parseResult))));
    if (debug) {
      failure.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  @Override
  public int handleParseException(ParameterException exception, String[] args) {
    CommandLine commandLine = exception.getCommandLine();
    PrintWriter err = commandLine.getErr();
    String message = exception instanceof UnmatchedArgumentException unmatched
        ? unmatched(unmatched)
        : exception.getMessage();
    err.println("flare4j: " + ServerText.escapeControls(message));
    err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return exitCode(commandLine, exception);
  }

  private static int exitCode(CommandLine commandLine, Throwable failure) {
    IExitCodeExceptionMapper mapper = commandLine.getExitCodeExceptionMapper();
    return mapper != null ? mapper.getExitCode(failure) : exitCode(failure);
  }

  /** The {@code --proxy} given to any command of a parsed command line, or null. */
  static ProxySpec proxy(ParseResult parseResult) {
    for (ParseResult current = parseResult; current != null; current = current.subcommand()) {
      if (current.hasMatchedOption(PROXY_OPTION)) {
        Object value = current.matchedOptionValue(PROXY_OPTION, null);
        if (value instanceof ProxySpec proxy) {
          return proxy;
        }
      }
    }
    return null;
  }

  /** The message with, where useful, what to do about it. */
  static String message(Throwable failure, boolean debug) {
    return message(failure, debug, null);
  }

  /**
   * The message with, where useful, what to do about it; a connection that {@code proxy} (the
   * run's {@code --proxy}, or null) refused is said to be the proxy's, naming it without its
   * user name and password.
   */
  static String message(Throwable failure, boolean debug, ProxySpec proxy) {
    if (proxy != null && failure instanceof NetworkException && refusedByProxy(failure)) {
      String said = "the proxy at " + shown(proxy) + " (--proxy) refused the connection: check"
          + " that it is running and that --proxy names it right (scheme://host:port), or run"
          + " without --proxy";
      return debug && failure.getMessage() != null
          ? said + " (" + failure.getMessage().strip() + ")"
          : said;
    }
    String text = failure.getMessage() == null || failure.getMessage().isBlank()
        ? "an unexpected failure"
        : failure.getMessage().strip();
    if (failure instanceof Flare4jException) {
      text = CliHints.apply(text); // the library's advice in the CLI's words (its flags)
    }
    return switch (failure) {
      case CliException e -> text;
      case RequestTimeoutException e -> e.phase() == RequestTimeoutException.Phase.TOTAL
          ? text
          : text + "; try again, or check the connection and --proxy";
      case NetworkException e -> text.contains("cannot be resolved")
          ? text + "; check the connection, --proxy and --base-url ('flare4j emulator' answers"
              + " offline, for a try without a network)"
          : text + "; check the connection, --proxy and --base-url, then try again";
      case RateLimitException e -> text;
      case ResponseStatusException e -> e.status() >= 500 && !(e instanceof CloudflareChallengeException)
          ? text + "; the service failed, try again later"
          : text;
      case StreamProtocolException e -> e.serviceMessage() != null || debug
          ? text
          : text + " (rerun with --debug for details)";
      case StreamTruncatedException e -> e.itemsReceived() > 0
          ? text + "; what was printed is only part of it"
          : text;
      case Flare4jException e -> text;
      // e.g. standard input could not be read: what could not be done, and why
      case java.io.UncheckedIOException e when e.getCause() != null -> {
        String own = e.getMessage();
        // without a message of its own, it holds the cause's toString, class name and all
        boolean borrowed = own == null || own.equals(e.getCause().toString());
        String why = IoFailures.describe(e.getCause());
        yield borrowed ? why : own.strip() + ": " + why;
      }
      // no Java class name without --debug (its stack trace names it)
      default -> "internal error: " + text
          + (debug ? "" : " (rerun with --debug for the stack trace)");
    };
  }

  /** Whether the connection itself was refused: by the proxy, when one is used. */
  private static boolean refusedByProxy(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.net.ConnectException) {
        return true;
      }
      String message = cause.getMessage();
      if (message != null && (message.contains("ERR_PROXY_CONNECTION_FAILED")
          || message.contains("ERR_SOCKS_CONNECTION_FAILED"))) {
        return true; // Chromium's words for the same
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  /** The proxy's address without user name and password: {@code http://127.0.0.1:3128}. */
  static String shown(ProxySpec proxy) {
    String host = proxy.host().contains(":") ? "[" + proxy.host() + "]" : proxy.host();
    return proxy.type().name().toLowerCase(java.util.Locale.ROOT) + "://" + host + ":"
        + proxy.port();
  }

  /** "Unknown option: '--x'", without the values of NAME=VALUE arguments (they may be secrets). */
  private static String unmatched(UnmatchedArgumentException exception) {
    List<String> shown = new ArrayList<>();
    for (String argument : exception.getUnmatched()) {
      int eq = argument.indexOf('=');
      shown.add("'" + (eq < 0 ? argument : argument.substring(0, eq + 1) + "***") + "'");
    }
    if (shown.isEmpty()) {
      return exception.getMessage();
    }
    String first = exception.getUnmatched().getFirst();
    String what = first.startsWith("-") && first.length() > 1
        ? (shown.size() == 1 ? "Unknown option: " : "Unknown options: ")
        : (shown.size() == 1 ? "Unexpected argument: " : "Unexpected arguments: ");
    String message = what + String.join(", ", shown);
    if (first.equals("--api-token") || first.startsWith("--api-token=")) {
      return message + ": the API token is read from " + WorkersAIBuilder.API_TOKEN_ENV
          + " or from --api-token-file FILE, never from an argument (it would show in 'ps')";
    }
    List<String> suggestions = exception.getSuggestions();
    if (!suggestions.isEmpty()) {
      message += " (did you mean " + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size()))) + "?)";
    }
    return message;
  }
}
