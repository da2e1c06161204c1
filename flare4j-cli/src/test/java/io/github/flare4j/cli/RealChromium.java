package io.github.flare4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.flare4j.browser.ChromiumLocator;
import io.github.flare4j.browser.XvfbLocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Test support for runs with real headless Chromium, as flare4j-browser's tests do: skips a test
 * when there is none, except on CI ({@code CI=true}), where a missing Chromium fails it; and checks
 * that no Chromium process or temporary profile was left behind.
 *
 * <p>Create one before the run ({@link #requireOrSkip()}): it notes the Chromium processes and
 * profiles that already exist (another build's, say), which {@link #assertNothingLeaked()} ignores.
 */
final class RealChromium {
  /** flare4j-browser's temporary profile prefix ({@code ChromiumProcess.PROFILE_PREFIX}). */
  static final String PROFILE_PREFIX = "flare4j-chromium-";
  /** How long {@link #assertNothingLeaked()} lets killed processes take to go. */
  static final int REAP_SECONDS = 5;

  private final Set<Long> processesBefore;
  private final Set<Path> profilesBefore;

  private RealChromium() {
    processesBefore = ourProcesses().stream().map(ProcessHandle::pid).collect(Collectors.toSet());
    profilesBefore = Set.copyOf(ourProfiles());
  }

  /** The environment a run needs to find Chromium: {@code PATH} and {@code FLARE4J_CHROMIUM}. */
  static Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    for (String name : List.of("PATH", ChromiumLocator.ENV_VARIABLE)) {
      String value = System.getenv(name);
      if (value != null) {
        env.put(name, value);
      }
    }
    return env;
  }

  /** Skips (or fails on CI) when no Chromium is found in {@link #environment()}. */
  static RealChromium requireOrSkip() {
    if (new ChromiumLocator(environment()).find().isEmpty()) {
      if ("true".equals(System.getenv("CI"))) {
        fail("CI=true but no Chromium was found; .ci/run installs it (apt-get install chromium)");
      }
      Assumptions.abort("No Chromium found: " + ChromiumLocator.INSTALL_ADVICE);
    }
    return new RealChromium();
  }

  /**
   * Asserts that no Chromium started since {@link #requireOrSkip()} still runs and no profile it
   * made is left. Processes get a moment to be reaped, as a killed process can linger briefly.
   */
  void assertNothingLeaked() {
    awaitExits(newProcesses());
    assertThat(newProcesses()).as("leaked Chromium processes").isEmpty();
    assertThat(ourXvfbs()).as("leaked Xvfb servers").isEmpty();
    assertThat(ourProfiles()).as("leaked Chromium profiles")
        .filteredOn(profile -> !profilesBefore.contains(profile)).isEmpty();
  }

  private List<ProcessHandle> newProcesses() {
    return ourProcesses().stream().filter(process -> !processesBefore.contains(process.pid()))
        .toList();
  }

  /**
   * Skips (or fails on CI) when there is no Xvfb on {@link #environment()}'s {@code PATH}, which has
   * no {@code DISPLAY}: a windowed Chromium then runs on an Xvfb of its own.
   */
  static void requireXvfbOrSkip() {
    if (new XvfbLocator(environment()).find().isEmpty()) {
      if ("true".equals(System.getenv("CI"))) {
        fail("CI=true but no Xvfb was found; .ci/run installs it (apt-get install xvfb)");
      }
      Assumptions.abort("No Xvfb found: " + XvfbLocator.INSTALL_ADVICE);
    }
  }

  /** Xvfb servers this JVM started that still run. */
  static List<ProcessHandle> ourXvfbs() {
    return ProcessHandle.current().children()
        .filter(ProcessHandle::isAlive)
        .filter(process -> process.info().command()
            .map(command -> command.endsWith("/" + XvfbLocator.NAME)).orElse(false))
        .toList();
  }

  /** Chromium processes started with one of flare4j's temporary profiles. */
  private static List<ProcessHandle> ourProcesses() {
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .filter(process -> process.info().commandLine()
            .map(line -> line.contains(PROFILE_PREFIX)).orElse(false))
        .toList();
  }

  /** Temporary profile folders in {@code java.io.tmpdir}. */
  private static List<Path> ourProfiles() {
    try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return entries.filter(path -> path.getFileName().toString().startsWith(PROFILE_PREFIX))
          .toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
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
