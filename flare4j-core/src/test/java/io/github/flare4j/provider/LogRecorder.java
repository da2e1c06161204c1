package io.github.flare4j.provider;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what a class logs through {@code System.Logger}, whose default backend is
 * java.util.logging, while open. Holds the JUL logger, which is otherwise only weakly held.
 */
final class LogRecorder extends Handler implements AutoCloseable {
  private final Logger logger;
  private final Level previous;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  private LogRecorder(Class<?> source) {
    this.logger = Logger.getLogger(source.getName());
    this.previous = logger.getLevel();
    logger.setLevel(Level.ALL);
    logger.addHandler(this);
  }

  static LogRecorder of(Class<?> source) {
    return new LogRecorder(source);
  }

  /** The formatted messages logged at WARNING or above. */
  List<String> warnings() {
    return records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
        .map(r -> new java.util.logging.SimpleFormatter().formatMessage(r)).toList();
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setLevel(previous);
  }
}
