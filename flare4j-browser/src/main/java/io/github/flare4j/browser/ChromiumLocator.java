package io.github.flare4j.browser;

import io.github.flare4j.error.MissingRequirementsException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the Chromium to run: {@code FLARE4J_CHROMIUM} when set, else the first of
 * {@code chromium}, {@code chromium-browser}, {@code google-chrome} on {@code PATH}.
 *
 * <p>The environment is a parameter (normally {@link System#getenv()}), so that a test can give
 * an empty {@code PATH}. Immutable and thread-safe.
 */
public final class ChromiumLocator {
  /** The variable naming a Chromium or Chrome binary, tried first. */
  public static final String ENV_VARIABLE = "FLARE4J_CHROMIUM";

  /** The names looked for on {@code PATH}, in order. */
  public static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

  /** How to get one, said by every "not found" message. */
  public static final String INSTALL_ADVICE = "install Chromium (Debian/Ubuntu: 'apt-get install"
      + " chromium'; Fedora: 'dnf install chromium'; macOS: 'brew install --cask chromium') or"
      + " point " + ENV_VARIABLE + " at a Chromium or Chrome binary";

  private final Map<String, String> environment;

  /** A locator reading {@code environment} ({@code FLARE4J_CHROMIUM} and {@code PATH}). */
  public ChromiumLocator(Map<String, String> environment) {
    this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
  }

  /** A locator reading the process's environment. */
  public static ChromiumLocator fromSystem() {
    return new ChromiumLocator(System.getenv());
  }

  /** The environment read; also where a windowed Chromium's display is looked for. */
  Map<String, String> environment() {
    return environment;
  }

  /** The binary, if one is found (an unusable {@code FLARE4J_CHROMIUM} counts as none). */
  public Optional<Path> find() {
    try {
      return Optional.of(require());
    } catch (MissingRequirementsException e) {
      return Optional.empty();
    }
  }

  /**
   * The binary.
   *
   * @throws MissingRequirementsException when there is none, saying where it looked and how to
   *     install one
   */
  public Path require() {
    String named = environment.get(ENV_VARIABLE);
    if (named != null && !named.isBlank()) {
      Path path = Path.of(named.trim());
      if (Files.isRegularFile(path) && Files.isExecutable(path)) {
        return path;
      }
      throw new MissingRequirementsException(ENV_VARIABLE + " is set to '" + named
          + "', which is not an executable file: " + INSTALL_ADVICE);
    }
    String searchPath = environment.getOrDefault("PATH", "");
    for (String name : NAMES) {
      for (String dir : searchPath.split(File.pathSeparator)) {
        if (dir.isEmpty()) {
          continue;
        }
        Path candidate = Path.of(dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    throw new MissingRequirementsException("No Chromium found (looked for " + ENV_VARIABLE
        + " and for " + String.join(", ", NAMES) + " on PATH); a browser is needed to pass"
        + " Cloudflare's challenge: " + INSTALL_ADVICE);
  }

  @Override
  public String toString() {
    return "ChromiumLocator[" + ENV_VARIABLE + "=" + environment.getOrDefault(ENV_VARIABLE, "")
        + "]";
  }
}
