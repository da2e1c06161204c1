package io.github.flare4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The lines of {@code flare4j --version}: the project's version (from {@code version.properties},
 * which Maven fills in) and the Java runtime.
 */
final class VersionProvider implements IVersionProvider {
  static final String RESOURCE = "version.properties";

  @Override
  public String[] getVersion() {
    return new String[] {
      "flare4j " + version(),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")"
    };
  }

  /** The project's version, or {@code unknown} when the resource is missing or unfiltered. */
  static String version() {
    try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return fromManifest();
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version", "");
      return version.isBlank() || version.startsWith("${") ? fromManifest() : version;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String fromManifest() {
    String version = VersionProvider.class.getPackage().getImplementationVersion();
    return version == null ? "unknown" : version;
  }
}
