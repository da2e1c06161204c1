package io.github.flare4j.browser;

import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.error.RequestTimeoutException;
import io.github.flare4j.error.RequestTimeoutException.Phase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The X display a windowed Chromium draws on: the environment's {@code DISPLAY}, or an {@code Xvfb}
 * started for this browser alone on a display it picks itself ({@code -displayfd}: no guessing of
 * free numbers, no race with another server). {@link #close()} stops that Xvfb (it leaves a
 * display it did not start alone); it never throws and is safe to call more than once.
 */
final class XDisplay implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(XDisplay.class.getName());

  /** The screen Xvfb offers: a common desktop's, large enough for the window Chromium opens. */
  static final String SCREEN = "1920x1080x24";
  private static final Duration STOP_WAIT = Duration.ofSeconds(2);

  private final String name;
  private final Process xvfb;
  private boolean closed;

  private XDisplay(String name, Process xvfb) {
    this.name = name;
    this.xvfb = xvfb;
  }

  /**
   * Xvfb's command line: it writes the number of the display it opened to its standard output
   * ({@code -displayfd 1}) once it accepts clients, and listens on no TCP port.
   */
  static List<String> command(Path xvfb) {
    return List.of(xvfb.toString(), "-displayfd", "1", "-screen", "0", SCREEN, "-nolisten", "tcp");
  }

  /**
   * The environment's display, or a new Xvfb's once it accepts clients.
   *
   * @throws io.github.flare4j.error.MissingRequirementsException when {@code DISPLAY} is not set
   *     and there is no Xvfb
   * @throws Flare4jException when Xvfb cannot start or does not open a display within
   *     {@code timeout}; it is stopped then
   */
  static XDisplay open(XvfbLocator locator, Duration timeout) {
    String display = locator.display().orElse(null);
    if (display != null) {
      return new XDisplay(display, null);
    }
    Path binary = locator.require();
    Process process;
    try {
      process = new ProcessBuilder(command(binary)).start();
    } catch (IOException e) {
      throw new Flare4jException("Cannot start " + binary + " for the windowed Chromium: "
          + e.getMessage() + "; " + XvfbLocator.INSTALL_ADVICE, e);
    }
    try {
      String number = displayNumber(process, binary, timeout);
      LOG.log(Level.DEBUG, "Xvfb {0} serves display :{1}", process.pid(), number);
      return new XDisplay(":" + number, process);
    } catch (RuntimeException e) {
      stop(process);
      throw e;
    }
  }

  /** Reads the display number Xvfb prints; drains its output for as long as it runs. */
  private static String displayNumber(Process process, Path binary, Duration timeout) {
    CompletableFuture<String> number = new CompletableFuture<>();
    StringBuilder errors = new StringBuilder();
    Thread.ofVirtual().name("flare4j-xvfb-stdout").start(() -> {
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (!line.isBlank()) {
            number.complete(line.trim());
          }
        }
      } catch (IOException e) {
        // Xvfb ended: handled below
      }
      number.completeExceptionally(new IllegalStateException("exited"));
    });
    Thread.ofVirtual().name("flare4j-xvfb-stderr").start(() -> drain(process.getErrorStream(),
        errors));
    try {
      String line = number.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
      if (!line.chars().allMatch(Character::isDigit)) {
        throw new Flare4jException(binary + " printed '" + line + "' instead of a display number");
      }
      return line;
    } catch (TimeoutException e) {
      throw new RequestTimeoutException(Phase.CONNECT, timeout, binary + " (the windowed Chromium's"
          + " X display)", e);
    } catch (ExecutionException e) {
      String output;
      synchronized (errors) {
        output = errors.toString().strip();
      }
      int last = output.lastIndexOf('\n');
      throw new Flare4jException(binary + " exited before it opened a display"
          + (output.isEmpty() ? "" : ": " + output.substring(last + 1)), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Flare4jException("Interrupted while starting " + binary, e);
    }
  }

  /** Keeps the first lines of {@code in} (for an error message) and reads on so it never fills. */
  private static void drain(InputStream in, StringBuilder head) {
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        synchronized (head) {
          if (head.length() < 2000) {
            head.append(line).append('\n');
          }
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  /** The display to hand Chromium as {@code DISPLAY}, e.g. {@code :1}. */
  String name() {
    return name;
  }

  /** Whether this display is an Xvfb started for it (and stopped by {@link #close()}). */
  boolean ownsServer() {
    return xvfb != null;
  }

  /** Stops the Xvfb this display started, if any. Never throws. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (xvfb != null) {
      stop(xvfb);
    }
  }

  /**
   * SIGTERM first, so that Xvfb removes its socket and lock file, then SIGKILL if it lingers.
   */
  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.log(Level.WARNING, "Xvfb {0} did not exit", process.pid());
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "XDisplay[" + name + (xvfb == null ? "" : ", Xvfb pid " + xvfb.pid()) + "]";
  }
}
