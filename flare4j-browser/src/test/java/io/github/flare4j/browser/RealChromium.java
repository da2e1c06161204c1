package io.github.flare4j.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Test support for real Chromium: skips a test when there is none (or, for a windowed one, no
 * Xvfb), except on CI ({@code CI=true}), where a missing one fails it; and checks that no Chromium
 * or Xvfb process or temporary profile was left behind.
 */
final class RealChromium {
  /** How long {@link #assertNothingLeaked()} lets killed processes take to go. */
  static final int REAP_SECONDS = 5;

  private RealChromium() {}

  /** The system's locator; skips (or fails on CI) when no Chromium is found. */
  static ChromiumLocator requireOrSkip() {
    ChromiumLocator locator = ChromiumLocator.fromSystem();
    if (locator.find().isEmpty()) {
      if ("true".equals(System.getenv("CI"))) {
        fail("CI=true but no Chromium was found; .ci/run installs it (apt-get install chromium)");
      }
      Assumptions.abort("No Chromium found: " + ChromiumLocator.INSTALL_ADVICE);
    }
    return locator;
  }

  /**
   * The process's environment without {@code DISPLAY}, and a locator reading it: a windowed
   * Chromium then runs on an Xvfb of its own. Skips (or fails on CI) without Chromium or Xvfb.
   */
  static ChromiumLocator withoutDisplayOrSkip() {
    requireOrSkip();
    Map<String, String> env = new HashMap<>(System.getenv());
    env.remove(XvfbLocator.DISPLAY_VARIABLE);
    if (new XvfbLocator(env).find().isEmpty()) {
      if ("true".equals(System.getenv("CI"))) {
        fail("CI=true but no Xvfb was found; .ci/run installs it (apt-get install xvfb)");
      }
      Assumptions.abort("No Xvfb found: " + XvfbLocator.INSTALL_ADVICE);
    }
    return new ChromiumLocator(env);
  }

  /** Xvfb servers this JVM started that still run. */
  static List<ProcessHandle> ourXvfbs() {
    return ProcessHandle.current().children()
        .filter(ProcessHandle::isAlive)
        .filter(process -> process.info().command()
            .map(command -> command.endsWith("/" + XvfbLocator.NAME)).orElse(false))
        .toList();
  }

  /**
   * Chromium processes started with one of this JVM's temporary profiles (another build's running
   * on the same machine at the same time are not ours).
   */
  static List<ProcessHandle> ourProcesses() {
    return ProcessHandle.allProcesses()
        .filter(process -> process.info().commandLine()
            .map(line -> line.contains(ChromiumProcess.OWN_PROFILE_PREFIX)).orElse(false))
        .toList();
  }

  /** This JVM's temporary profile folders left in {@code java.io.tmpdir}. */
  static List<Path> ourProfiles() {
    try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return entries.filter(path -> path.getFileName().toString()
          .startsWith(ChromiumProcess.OWN_PROFILE_PREFIX)).toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Asserts that no Chromium of ours runs and no profile is left. Processes get a moment to be
   * reaped, as a killed process can linger briefly in the table.
   */
  static void assertNothingLeaked() {
    awaitExits(ourProcesses());
    assertThat(ourProcesses()).as("leaked Chromium processes").isEmpty();
    assertThat(ourXvfbs()).as("leaked Xvfb servers").isEmpty();
    assertThat(ourProfiles()).as("leaked Chromium profiles").isEmpty();
  }

  /**
   * Waits for each process to exit, at most {@value #REAP_SECONDS} s in all: a killed process can
   * linger briefly in the table. The assertion that follows tells about one that did not go.
   */
  private static void awaitExits(List<ProcessHandle> processes) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(REAP_SECONDS);
    for (ProcessHandle process : processes) {
      try {
        process.onExit().get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException | ExecutionException e) {
        return; // still there: the assertion names it
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
