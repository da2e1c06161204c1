package io.github.flare4j.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user agent of an ordinary desktop Chrome of the same major version as the Chromium that runs:
 * Cloudflare flags {@code HeadlessChrome}, so neither the page nor our requests may ever say it.
 * Chrome reduces its user agent to {@code <major>.0.0.0}, and so does this.
 */
final class DesktopUserAgent {
  /** Used when the version cannot be read. */
  static final int FALLBACK_MAJOR = 140;
  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.\\d+\\.\\d+\\.\\d+");

  private DesktopUserAgent() {}

  /** The desktop user agent for a major version. */
  static String of(int major) {
    return "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/"
        + major + ".0.0.0 Safari/537.36";
  }

  /** Runs {@code binary --version} (a few seconds at most) and returns its major version. */
  static int majorVersion(Path binary) {
    Process process = null;
    try {
      process = new ProcessBuilder(binary.toString(), "--version")
          .redirectErrorStream(true).start();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        return FALLBACK_MAJOR;
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      Matcher matcher = VERSION.matcher(output);
      return matcher.find() ? Integer.parseInt(matcher.group(1)) : FALLBACK_MAJOR;
    } catch (IOException | NumberFormatException e) {
      return FALLBACK_MAJOR;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FALLBACK_MAJOR;
    } finally {
      if (process != null) {
        process.destroyForcibly();
      }
    }
  }

  /** {@code userAgent} without any headless marker. */
  static String clean(String userAgent) {
    return userAgent.replace("HeadlessChrome", "Chrome");
  }
}
