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

  /** {@code prefix} followed by {@code args}. */
  static String[] args(List<String> prefix, String... args) {
    List<String> all = new ArrayList<>(prefix);
    all.addAll(List.of(args));
    return all.toArray(String[]::new);
  }
}
