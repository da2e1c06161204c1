package io.github.flare4j.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;

/**
 * What one run of the command line reads from and writes to: its own standard streams and
 * environment, so that tests can run commands in-process.
 *
 * @param in standard input (the prompt when none is given)
 * @param out standard output (the reply)
 * @param err standard error (errors, warnings, reasoning)
 * @param env the environment variables
 */
record CliContext(InputStream in, PrintWriter out, PrintWriter err, Map<String, String> env) {
  CliContext {
    env = Map.copyOf(env);
  }
}
