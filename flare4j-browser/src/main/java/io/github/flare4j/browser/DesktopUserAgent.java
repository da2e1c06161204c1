package io.github.flare4j.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an ordinary desktop Google Chrome on Linux of the same version as the Chromium that runs
 * says about itself: its user agent, and its client hints ({@code navigator.userAgentData}, the
 * {@code sec-ch-ua} headers). Cloudflare flags {@code HeadlessChrome}, and a brand list without
 * "Google Chrome" does not match a Chrome user agent, so neither the page nor our requests may show
 * what really runs.
 *
 * <p>Chrome reduces its user agent to {@code <major>.0.0.0}, and so does this. The brands follow
 * Chromium's own rule ({@code GenerateBrandVersionList}): the order of the three brands and the
 * spelling and version of the made-up "Not A Brand" one are picked by the major version, so that
 * they match what a real Chrome of that version sends (Chrome 131, say, sends
 * {@code "Google Chrome";v="131", "Chromium";v="131", "Not_A Brand";v="24"}).
 *
 * @param fullVersion the browser's version, e.g. {@code 156.0.8078.114}
 */
record DesktopUserAgent(String fullVersion) {
  /** Used when the version cannot be read. */
  static final int FALLBACK_MAJOR = 140;
  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.\\d+\\.\\d+\\.\\d+");

  // Chromium's components/embedder_support/user_agent_utils.cc, as of its "updated" grease.
  private static final List<String> GREASE_CHARACTERS =
      List.of(" ", "(", ":", "-", ".", "/", ")", ";", "=", "?", "_");
  private static final List<String> GREASE_VERSIONS = List.of("8", "99", "24");
  private static final int[][] BRAND_ORDERS =
      {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};

  DesktopUserAgent {
    if (fullVersion == null || !VERSION.matcher(fullVersion).matches()) {
      throw new IllegalArgumentException("not a browser version: " + fullVersion);
    }
  }

  /** The desktop user agent for a major version. */
  static String of(int major) {
    return "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/"
        + major + ".0.0.0 Safari/537.36";
  }

  /** The desktop Chrome of {@code binary}'s version (see {@link #version(Path)}). */
  static DesktopUserAgent of(Path binary) {
    return new DesktopUserAgent(version(binary));
  }

  /** The major version, e.g. 156. */
  int major() {
    return Integer.parseInt(fullVersion.substring(0, fullVersion.indexOf('.')));
  }

  /** The user agent, {@code ... Chrome/<major>.0.0.0 Safari/537.36}. */
  String userAgent() {
    return of(major());
  }

  /**
   * The client hints, as the DevTools protocol's {@code Network.UserAgentMetadata}: brands and full
   * versions of Chrome, and the values Chrome on 64-bit Linux reports (platform {@code Linux}, an
   * empty platform version, as Chrome gives none on Linux; architecture {@code x86}, bitness 64,
   * no model, not mobile, a desktop).
   */
  Map<String, Object> clientHints() {
    Map<String, Object> hints = new LinkedHashMap<>();
    hints.put("brands", brands(false));
    hints.put("fullVersionList", brands(true));
    hints.put("platform", "Linux");
    hints.put("platformVersion", "");
    hints.put("architecture", "x86");
    hints.put("model", "");
    hints.put("mobile", false);
    hints.put("bitness", "64");
    hints.put("wow64", false);
    hints.put("formFactors", List.of("Desktop"));
    return hints;
  }

  /** The three brands in Chrome's order for this major version, with major or full versions. */
  List<Map<String, String>> brands(boolean full) {
    int major = major();
    String grease = "Not" + GREASE_CHARACTERS.get(major % GREASE_CHARACTERS.size()) + "A"
        + GREASE_CHARACTERS.get((major + 1) % GREASE_CHARACTERS.size()) + "Brand";
    String greaseVersion =
        GREASE_VERSIONS.get(major % GREASE_VERSIONS.size()) + (full ? ".0.0.0" : "");
    String version = full ? fullVersion : Integer.toString(major);
    int[] order = BRAND_ORDERS[major % BRAND_ORDERS.length];
    List<Map<String, String>> brands = new ArrayList<>(Arrays.asList(null, null, null));
    brands.set(order[0], Map.of("brand", grease, "version", greaseVersion));
    brands.set(order[1], Map.of("brand", "Chromium", "version", version));
    brands.set(order[2], Map.of("brand", "Google Chrome", "version", version));
    return List.copyOf(brands);
  }

  /** The brands as Chrome writes them in {@code sec-ch-ua}. */
  String secChUa() {
    StringBuilder header = new StringBuilder();
    for (Map<String, String> brand : brands(false)) {
      if (!header.isEmpty()) {
        header.append(", ");
      }
      header.append('"').append(brand.get("brand")).append("\";v=\"").append(brand.get("version"))
          .append('"');
    }
    return header.toString();
  }

  /**
   * Runs {@code binary --version} (a few seconds at most) and returns its version, e.g.
   * {@code 156.0.8078.114}; {@value #FALLBACK_MAJOR}{@code .0.0.0} when it cannot be read.
   */
  static String version(Path binary) {
    String fallback = FALLBACK_MAJOR + ".0.0.0";
    Process process = null;
    try {
      process = new ProcessBuilder(binary.toString(), "--version")
          .redirectErrorStream(true).start();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        return fallback;
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      Matcher matcher = VERSION.matcher(output);
      return matcher.find() ? matcher.group() : fallback;
    } catch (IOException e) {
      return fallback;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fallback;
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
