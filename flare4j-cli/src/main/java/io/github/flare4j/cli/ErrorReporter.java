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
    err.println("flare4j: " + ServerText.escapeControls(message(failure, debug)));
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

  /** The message with, where useful, what to do about it. */
  static String message(Throwable failure, boolean debug) {
    String text = failure.getMessage() == null || failure.getMessage().isBlank()
        ? failure.getClass().getSimpleName()
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
      default -> "internal error: " + failure.getClass().getName() + ": " + text
          + (debug ? "" : " (rerun with --debug for the stack trace)");
    };
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
