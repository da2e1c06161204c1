package io.github.flare4j.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The {@code --debug} option, shared by the commands: stack traces on errors and the library's
 * {@code FINE} log messages on standard error.
 */
public final class DebugOption {
  /** The option's name. */
  static final String NAME = "--debug";

  /** Created by picocli, which then sets the options. */
  public DebugOption() {}

  @Option(names = NAME,
      description = "Show stack traces on errors and the library's debug messages.")
  boolean debug;

  /** Whether {@code --debug} was given to any command of a parsed command line. */
  static boolean requested(ParseResult parseResult) {
    for (ParseResult current = parseResult; current != null; current = current.subcommand()) {
      if (current.hasMatchedOption(NAME)) {
        return true;
      }
    }
    return false;
  }
}
