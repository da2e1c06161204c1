package io.github.flare4j.browser;

import io.github.flare4j.error.MissingRequirementsException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the X display a windowed Chromium ({@link ChromiumOptions#windowed()}) draws on:
 * {@code DISPLAY} when it is set, else an {@code Xvfb} on {@code PATH} to start one.
 *
 * <p>The environment is a parameter (normally the one {@link ChromiumLocator} reads), so that a
 * test can leave {@code DISPLAY} out or give an empty {@code PATH}. Immutable and thread-safe.
 */
public final class XvfbLocator {
  /** The variable naming a running X display, e.g. {@code :0}; used as is when set. */
  public static final String DISPLAY_VARIABLE = "DISPLAY";

  /** The virtual X server's name on {@code PATH}. */
  public static final String NAME = "Xvfb";

  /** How to get a display, said by every "not found" message. */
  public static final String INSTALL_ADVICE = "install Xvfb (Debian/Ubuntu: 'apt-get install xvfb';"
      + " Fedora: 'dnf install xorg-x11-server-Xvfb') or set " + DISPLAY_VARIABLE
      + " to a running X server";

  private final Map<String, String> environment;

  /** A locator reading {@code environment} ({@code DISPLAY} and {@code PATH}). */
  public XvfbLocator(Map<String, String> environment) {
    this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
  }

  /** A locator reading the process's environment. */
  public static XvfbLocator fromSystem() {
    return new XvfbLocator(System.getenv());
  }

  /** The display named by {@code DISPLAY}, if it is set and not blank. */
  public Optional<String> display() {
    String display = environment.get(DISPLAY_VARIABLE);
    return display == null || display.isBlank() ? Optional.empty() : Optional.of(display.trim());
  }

  /** The {@code Xvfb} binary, if one is on {@code PATH}. */
  public Optional<Path> find() {
    String searchPath = environment.getOrDefault("PATH", "");
    for (String dir : searchPath.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, NAME);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * The {@code Xvfb} binary.
   *
   * @throws MissingRequirementsException when there is none on {@code PATH}, saying how to install
   *     it or which variable to set instead
   */
  public Path require() {
    return find().orElseThrow(() -> new MissingRequirementsException("A windowed Chromium needs an"
        + " X display, and there is none: " + DISPLAY_VARIABLE + " is not set and no " + NAME
        + " was found on PATH; " + INSTALL_ADVICE + ", or run Chromium headless"));
  }

  @Override
  public String toString() {
    return "XvfbLocator[" + DISPLAY_VARIABLE + "=" + display().orElse("") + "]";
  }
}
