package io.github.flare4j.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the command line in-process with its own standard streams and environment. */
final class CliRunner {
  private CliRunner() {}

  /** What a run printed, and its exit code. */
  record Result(int exitCode, String out, String err) {
    /** Standard error's lines. */
    List<String> errLines() {
      return err.lines().toList();
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
    }
  }

  /** Runs with empty standard input and an empty environment. */
  static Result run(String... args) {
    return run("", Map.of(), args);
  }

  /** Runs with the given standard input and environment. */
  static Result run(String stdin, Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = Flare4jCli.commandLine(
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintWriter(out), new PrintWriter(err), env)
        .execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  /**
   * Runs with empty standard input and environment, standard output written to {@code stdout} as
   * {@link Main} writes the process's (so that a failing stream is noticed); what was printed to
   * standard error is returned, standard output as "".
   */
  static Result run(java.io.OutputStream stdout, String... args) {
    StringWriter err = new StringWriter();
    PrintWriter out = ClosedOutput.of(stdout, StandardCharsets.UTF_8);
    int exitCode = Flare4jCli.commandLine(new ByteArrayInputStream(new byte[0]), out,
            new PrintWriter(err), Map.of())
        .execute(args);
    out.flush();
    return new Result(exitCode, "", err.toString());
  }

  /** {@code prefix} followed by {@code args}. */
  static String[] args(List<String> prefix, String... args) {
    List<String> all = new ArrayList<>(prefix);
    all.addAll(List.of(args));
    return all.toArray(String[]::new);
  }
}
