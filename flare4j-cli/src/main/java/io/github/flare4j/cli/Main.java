package io.github.flare4j.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;

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
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, System.out.charset()));
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, System.err.charset()));
    int exitCode = Flare4jCli.commandLine(System.in, out, err, System.getenv(), args).execute(args);
    out.flush();
    err.flush();
    System.exit(exitCode);
  }
}
