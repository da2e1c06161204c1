package io.github.flare4j.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Map;

/**
 * The entry point of the {@code flare4j} command: runs {@link Flare4jCli} on the process's
 * standard streams and environment and exits with its {@link ExitCodes exit code}.
 */
public final class Main {
  private Main() {}

  /**
   * Runs the command line and exits.
   *
   * @param args the arguments, e.g. {@code chat "Hello"}
   */
  public static void main(String[] args) {
    // stdout's own descriptor, not System.out: a PrintStream hides that the pipe was closed
    System.exit(run(args, System.in, new FileOutputStream(FileDescriptor.out), System.out.charset(),
        System.err, System.getenv()));
  }

  /**
   * Runs the command line on the given streams, as {@link #main} does on the process's.
   *
   * @return the exit code
   */
  static int run(
      String[] args, InputStream in, PrintStream stdout, PrintStream stderr, Map<String, String> env) {
    return run(args, in, stdout, stdout.charset(), stderr, env);
  }

  /**
   * Runs the command line with {@code stdout} written in {@code charset}; a failed write into it
   * (its reader gone) cancels a chat and exits {@link ExitCodes#OUTPUT_CLOSED}.
   *
   * @return the exit code
   */
  static int run(String[] args, InputStream in, OutputStream stdout, Charset charset,
      PrintStream stderr, Map<String, String> env) {
    if (args.length > 0
        && (args[0].equals("chat") || args[0].equals("models") || args[0].equals("embed"))) {
      TlsWarmUp.start(); // each builds an HTTP client, which sets up TLS
    }
    PrintWriter out = ClosedOutput.of(stdout, charset);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, stderr.charset()));
    int exitCode = Flare4jCli.commandLine(in, out, err, env, args).execute(args);
    out.flush();
    err.flush();
    return exitCode;
  }
}
