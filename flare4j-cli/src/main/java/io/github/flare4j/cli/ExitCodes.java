package io.github.flare4j.cli;

/**
 * The exit codes of the {@code flare4j} command, one per kind of failure, so that scripts can tell
 * a bad command line from a refused request or a broken connection.
 *
 * <table>
 *   <caption>Exit codes</caption>
 *   <tr><th>Code</th><th>Meaning</th></tr>
 *   <tr><td>0</td><td>success</td></tr>
 *   <tr><td>1</td><td>unexpected internal error</td></tr>
 *   <tr><td>2</td><td>usage: bad option or value, bad proxy URL, unusable token file, empty
 *       prompt</td></tr>
 *   <tr><td>3</td><td>credentials missing or refused (Workers AI), a model that needs the Workers Paid
 *       plan (error 5035), Cloudflare challenge, or no browser (Chromium) to pass Cloudflare's
 *       checks</td></tr>
 *   <tr><td>4</td><td>rate limited</td></tr>
 *   <tr><td>5</td><td>network failure or timeout</td></tr>
 *   <tr><td>6</td><td>broken or failed stream, or a reply that ended before its end marker</td></tr>
 *   <tr><td>7</td><td>other refusal by the service (an HTTP error status)</td></tr>
 *   <tr><td>8</td><td>unknown model</td></tr>
 *   <tr><td>141</td><td>standard output was closed (as by {@code | head}): the call was cancelled,
 *       nothing is printed (128 + SIGPIPE, what a shell shows for a writer killed by it)</td></tr>
 * </table>
 *
 * <p>A reply cut short after some text was printed keeps that text on standard output, ends its
 * line, and exits with the code of what cut it: 5 for a broken connection or a stall, 6 for a
 * stream that ended too soon or carried an error.
 */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;
  /** An unexpected internal error (a bug): rerun with {@code --debug} for the stack trace. */
  public static final int INTERNAL = 1;
  /** A usage error: unknown or bad option, bad proxy URL, unusable token file, empty prompt. */
  public static final int USAGE = 2;
  /**
   * The service wants credentials, Workers AI's account id or token is missing or was refused,
   * the model needs the Workers Paid plan ({@link io.github.flare4j.error.PaidPlanRequiredException},
   * error 5035), Cloudflare answered with a bot challenge that could not be passed, or a browser (Chromium) was
   * needed to get past Cloudflare and none was found
   * ({@link io.github.flare4j.error.MissingRequirementsException}): the message says how to install
   * one.
   */
  public static final int AUTH = 3;
  /** The service rate-limited the request; the message says when to retry. */
  public static final int RATE_LIMITED = 4;
  /** The connection failed or broke, or a time limit ran out. */
  public static final int NETWORK = 5;
  /** The reply's stream was malformed, cut short, or reported an error. */
  public static final int PROTOCOL = 6;
  /** The service refused the request with another error status (for example HTTP 500). */
  public static final int SERVICE = 7;
  /** The model named with {@code --model} is not known. */
  public static final int MODEL_NOT_FOUND = 8;

  /**
   * Standard output was closed before the reply was written ({@code flare4j chat ... | head}): the
   * call is cancelled at once and nothing more is printed. 128 + 13 (SIGPIPE), the status a shell
   * reports for a writer that the signal killed.
   */
  public static final int OUTPUT_CLOSED = 141;

  /** The heading of the exit code list in {@code --help}. */
  static final String HEADING = "%nExit codes:%n";

  // The lines of the exit code list in --help ("code:description"), for @Command(exitCodeList).
  static final String LINE_OK = OK + ":success";
  static final String LINE_INTERNAL = INTERNAL + ":unexpected internal error (rerun with --debug)";
  static final String LINE_USAGE = USAGE + ":usage error: bad option or value, bad proxy URL, unusable token file, empty prompt";
  static final String LINE_AUTH = AUTH + ":credentials missing or refused, model needs the Workers Paid plan, Cloudflare challenge, or no browser (Chromium) to pass it";
  static final String LINE_RATE_LIMITED = RATE_LIMITED + ":rate limited (the message says when to retry)";
  static final String LINE_NETWORK = NETWORK + ":network failure or timeout";
  static final String LINE_PROTOCOL = PROTOCOL + ":broken stream or error reported in the stream";
  static final String LINE_SERVICE = SERVICE + ":other refusal by the service (HTTP error status)";
  static final String LINE_MODEL_NOT_FOUND = MODEL_NOT_FOUND + ":unknown model, or a short name that matches several";
  static final String LINE_OUTPUT_CLOSED = OUTPUT_CLOSED + ":standard output closed (e.g. by head): call cancelled";

  private ExitCodes() {}
}
