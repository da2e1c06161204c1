package io.github.flare4j.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Configures {@code java.util.logging} (where the library's {@link System.Logger}s and, through
 * slf4j-jdk14, Jetty's logs end up) for one run of the command line, and restores the previous
 * configuration when closed.
 *
 * <p>By default only warnings are shown, each as one line {@code flare4j: warning: ...} on the
 * run's standard error; OkHttp's and Jetty's informational messages are silenced. With
 * {@code --debug}, flare4j's own loggers go down to {@code FINE} and logged exceptions come with
 * their stack traces.
 */
final class CliLogging implements AutoCloseable {
  /** The parent of every flare4j logger. */
  static final String LIBRARY = "io.github.flare4j";

  private final Logger root;
  private final Logger library;
  private final Handler handler;
  private final List<Handler> savedRootHandlers;
  private final Level savedRootLevel;
  private final Level savedLibraryLevel;

  private CliLogging(PrintWriter err, boolean debug) {
    root = Logger.getLogger("");
    library = Logger.getLogger(LIBRARY);
    savedRootHandlers = List.of(root.getHandlers());
    savedRootLevel = root.getLevel();
    savedLibraryLevel = library.getLevel();
    handler = new LineHandler(err, debug);
    savedRootHandlers.forEach(root::removeHandler);
    root.addHandler(handler);
    root.setLevel(Level.WARNING);
    library.setLevel(debug ? Level.FINE : Level.WARNING);
  }

  /** Sends log records to {@code err} until {@link #close()}. */
  static CliLogging install(PrintWriter err, boolean debug) {
    return new CliLogging(err, debug);
  }

  @Override
  public void close() {
    root.removeHandler(handler);
    savedRootHandlers.forEach(root::addHandler);
    root.setLevel(savedRootLevel);
    library.setLevel(savedLibraryLevel);
  }

  /** Writes each record as one line: {@code flare4j: warning: message}. */
  private static final class LineHandler extends Handler {
    private final PrintWriter err;
    private final boolean debug;
    private final Formatter messages = new Formatter() {
      @Override
      public String format(LogRecord record) {
        return formatMessage(record);
      }
    };

    LineHandler(PrintWriter err, boolean debug) {
      this.err = err;
      this.debug = debug;
      setLevel(Level.ALL);
    }

    @Override
    public void publish(LogRecord record) {
      if (!isLoggable(record)) {
        return;
      }
      String message = String.valueOf(messages.format(record)).replaceAll("\\s*\\R\\s*", " ");
      String name = record.getLoggerName() == null ? "" : record.getLoggerName();
      String source = name.startsWith(LIBRARY) ? "" : "[" + name + "] ";
      synchronized (err) {
        Spinner.eraseBeforeLine(err); // the line starts at the left, not after a spinner's frame
        err.println("flare4j: " + label(record.getLevel()) + ": " + source + message);
        if (debug && record.getThrown() != null) {
          record.getThrown().printStackTrace(err);
        }
        err.flush();
      }
    }

    private static String label(Level level) {
      int value = level.intValue();
      if (value >= Level.SEVERE.intValue()) {
        return "error";
      }
      if (value >= Level.WARNING.intValue()) {
        return "warning";
      }
      return value >= Level.INFO.intValue() ? "info" : "debug";
    }

    @Override
    public void flush() {
      err.flush();
    }

    @Override
    public void close() {
      flush(); // the writer belongs to the run, not to the handler
    }
  }
}
