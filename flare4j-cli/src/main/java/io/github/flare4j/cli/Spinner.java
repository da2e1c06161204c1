package io.github.flare4j.cli;

import io.github.flare4j.CallListener;
import io.github.flare4j.CallProgress;
import io.github.flare4j.Usage;
import io.github.flare4j.error.Flare4jException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Progress on standard error until the first token, so a wait is never silent: {@code \r<frame>
 * <what>...} redrawn on its own virtual thread, erased ({@code \r\033[K}) before the reply is
 * printed and before a retry's line. What it says follows the call: {@code connecting}, then what
 * the call reports it waits on ({@link CallProgress#text()}: {@code starting headless Chromium},
 * {@code waiting for headless Chromium to pass the challenge}, {@code retrying in 3 s after 429},
 * counted down), then {@code waiting for the first token} once the service answered.
 *
 * <p>Only when standard error is a terminal; it writes standard error only, never standard output.
 * It uses no colour, so {@code NO_COLOR} has nothing to turn off and the spinner still turns with
 * it set (it asks for no colour, not for stillness); {@value #ENV}{@code =off} or {@code TERM=dumb}
 * stops it.
 *
 * <p>Whether it runs: env {@value #ENV} ({@code on} or {@code off}) when set, else whether the
 * process has a console that is a terminal.
 */
final class Spinner implements CallListener, AutoCloseable {
  /** The variable that turns the spinner on or off whatever the terminal. */
  static final String ENV = "FLARE4J_SPINNER";
  /** Erases the line the spinner drew. */
  static final String ERASE = "\r\033[K";
  static final String[] FRAMES = {"|", "/", "-", "\\"};
  /** The spinner turning on each standard error, for {@link #eraseBeforeLine}. */
  private static final Map<PrintWriter, Spinner> TURNING = new ConcurrentHashMap<>();

  private final PrintWriter err;
  private final boolean enabled;
  /**
   * The writer itself: a log line ({@link CliLogging}) holds it while it erases the spinner and
   * writes, so no line lands after a frame.
   */
  private final Object lock;
  private volatile String what = "connecting";
  /** While a retry's wait is shown: that wait, counted down on each frame; else null. */
  private volatile CallProgress waiting;
  private volatile long waitEndsNanos;
  private boolean drawn;
  private boolean stopped;
  private volatile boolean started;
  private int frame;
  private Thread thread;

  Spinner(PrintWriter err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
    this.lock = err;
  }

  /**
   * Erases the frame a spinner drew on {@code err}, if one is turning there, so that a line about
   * to be written starts at the left; the spinner draws again on its next frame. Call holding
   * {@code err}'s monitor.
   */
  static void eraseBeforeLine(PrintWriter err) {
    Spinner turning = TURNING.get(err);
    if (turning != null) {
      turning.erase();
    }
  }

  private void erase() {
    synchronized (lock) {
      if (drawn && !stopped) {
        err.print(ERASE);
        drawn = false;
      }
    }
  }

  /** Whether a spinner is wanted for {@code env}. */
  static boolean wanted(Map<String, String> env) {
    String forced = env.get(ENV);
    if (forced != null && !forced.isBlank()) {
      return forced.strip().equalsIgnoreCase("on");
    }
    if (env.containsKey("TERM") && "dumb".equals(env.get("TERM"))) {
      return false;
    }
    return Terminals.stderr(); // no spinner and no escape codes when stderr is a file or pipe
  }

  /** Draws the first frame now, then redraws every 100 ms until {@link #stop()}. */
  Spinner start() {
    if (!enabled) {
      return this;
    }
    started = true;
    TURNING.put(err, this);
    draw();
    thread = Thread.ofVirtual().name("flare4j-spinner").start(() -> {
      try {
        while (true) {
          Thread.sleep(100);
          synchronized (lock) {
            if (stopped) {
              return;
            }
          }
          draw();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    return this;
  }

  private void draw() {
    synchronized (lock) {
      if (stopped) {
        return;
      }
      err.print("\r" + FRAMES[frame++ % FRAMES.length] + " " + shown() + "...\033[K");
      err.flush();
      drawn = true;
    }
  }

  /** What the spinner says now: a retry's wait counts down to {@code retrying in 1 s}. */
  private String shown() {
    CallProgress retry = waiting;
    if (retry == null) {
      return what;
    }
    long left = Math.max(waitEndsNanos - System.nanoTime(), 1_000_000L);
    return CallProgress.retryWait(Duration.ofNanos(left), retry.detail()).text();
  }

  /** Stops and erases the spinner; again does nothing. */
  void stop() {
    synchronized (lock) {
      if (stopped) {
        return;
      }
      stopped = true;
      TURNING.remove(err, this);
      if (drawn) {
        err.print(ERASE);
        err.flush();
      }
    }
    if (thread != null) {
      thread.interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public void attemptStart(int attempt) {
    if (attempt > 1) {
      waiting = null;
      what = "connecting, attempt " + attempt;
    }
  }

  @Override
  public void retry(int attempt, String reason, Duration delay) {
    // progress(), told next, says the same with what failed
    what = String.format(Locale.ROOT, "retrying in %d s", (delay.toMillis() + 999) / 1000);
    synchronized (lock) {
      if (drawn && !stopped) {
        err.print(ERASE); // the retry's own line (RetryNotice, told next) starts on a clean line
        err.flush();
        drawn = false;
      }
    }
  }

  @Override
  public void progress(CallProgress progress) {
    if (progress.kind() == CallProgress.Kind.RETRY_WAIT) {
      waitEndsNanos = System.nanoTime() + progress.delay().toNanos();
      waiting = progress;
    } else {
      waiting = null;
    }
    what = progress.text();
    if (started) {
      draw(); // at once: the new phase may be long, and the next frame would come 100 ms late
    }
  }

  @Override
  public void firstByte(String endpoint, Duration sinceStart) {
    waiting = null;
    what = "waiting for the first token";
  }

  @Override
  public void firstToken(Duration sinceStart) {
    stop();
  }

  @Override
  public void callEnd(Optional<Usage> usage, Duration sinceStart) {
    stop();
  }

  @Override
  public void callFailed(Flare4jException error, Duration sinceStart) {
    stop();
  }

  @Override
  public void callCancelled(Duration sinceStart) {
    stop();
  }
}
