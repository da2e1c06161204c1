package io.github.flare4j.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether this process's standard streams are terminals: the one place that asks. */
final class Terminals {
  private Terminals() {}

  /**
   * Whether standard error is a terminal. Linux says where descriptor 2 points (a
   * {@code /dev/pts/N} or {@code /dev/ttyN}), so a standard error sent to a file or a pipe is not
   * one, whatever standard output is; elsewhere, whether Java sees a terminal console.
   */
  static boolean stderr() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException notLinux) {
      return console();
    }
  }

  /** Whether Java sees a terminal console (standard input and output both a terminal). */
  static boolean console() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try { // Java 22 and later give a console when redirected too: ask it
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException before22) {
      return true; // Java 21: a console only on a terminal
    }
  }
}
