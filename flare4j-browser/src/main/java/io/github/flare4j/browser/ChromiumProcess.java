package io.github.flare4j.browser;

import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.error.MissingRequirementsException;
import io.github.flare4j.error.RequestTimeoutException;
import io.github.flare4j.error.RequestTimeoutException.Phase;
import io.github.flare4j.http.ProxySpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Chromium process, headless or windowed, with a fresh temporary profile, and the DevTools
 * endpoint it printed. {@link #close()} kills it with all its child processes and deletes the
 * profile; it never throws and is safe to call more than once. Launching cleans up the same way
 * when it fails.
 *
 * <p>Chromium's temporary folder ({@code TMPDIR}) is a folder inside the profile: what it writes
 * there (the {@code org.chromium.Chromium.*} folder of its single-instance socket, which a killed
 * browser leaves in {@code /tmp}) goes when the profile is deleted.
 */
final class ChromiumProcess implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ChromiumProcess.class.getName());

  /** Prefix of the temporary profile folders: tests look for leftovers by it. */
  static final String PROFILE_PREFIX = "flare4j-chromium-";
  /**
   * This JVM's profiles' prefix: {@link #PROFILE_PREFIX}, the process id and a dash, so that a
   * leftover says which program left it.
   */
  static final String OWN_PROFILE_PREFIX = PROFILE_PREFIX + ProcessHandle.current().pid() + "-";
  private static final String DEVTOOLS_LINE = "DevTools listening on ";
  /** The folder inside the profile that Chromium gets as its {@code TMPDIR}. */
  static final String TEMP_FOLDER = "tmp";
  /** The size of the window of a windowed Chromium: an ordinary desktop's. */
  static final String WINDOW_SIZE = "1920,1080";
  /** Where a windowed Chromium's window goes: well off any screen. */
  static final String WINDOW_POSITION = "-2000,-2000";

  private final Process process;
  private final Path profile;
  private final String devtoolsUrl;
  private boolean closed;

  private ChromiumProcess(Process process, Path profile, String devtoolsUrl) {
    this.process = process;
    this.profile = profile;
    this.devtoolsUrl = devtoolsUrl;
  }

  /** The headless flags of a locked-down machine, plus profile, user agent and proxy. */
  static List<String> command(Path binary, Path profile, String userAgent, ProxySpec proxy) {
    return command(binary, profile, userAgent, proxy, false);
  }

  /**
   * The flags of a locked-down machine, plus profile, user agent and proxy; headless, or with a
   * window of a desktop's size placed off screen on an X11 display.
   */
  static List<String> command(
      Path binary, Path profile, String userAgent, ProxySpec proxy, boolean windowed) {
    List<String> command = new ArrayList<>(List.of(binary.toString()));
    if (windowed) {
      // X11 even in a Wayland session: the display is the one handed over as DISPLAY.
      command.addAll(List.of("--ozone-platform=x11", "--window-position=" + WINDOW_POSITION,
          "--window-size=" + WINDOW_SIZE, "--password-store=basic"));
    } else {
      command.add("--headless");
    }
    command.addAll(List.of(
        "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--no-default-browser-check", "--remote-debugging-port=0",
        // navigator.webdriver stays false, as in a browser nobody drives.
        "--disable-blink-features=AutomationControlled",
        "--user-data-dir=" + profile));
    if (userAgent != null) {
      command.add("--user-agent=" + userAgent);
    }
    if (proxy != null) {
      if (proxy.hasCredentials()) {
        // Chromium takes no proxy credentials on its command line. Saying so as a missing
        // requirement lets the provider carry on with plain headers, as it does without a browser.
        throw new MissingRequirementsException("Chromium cannot use a proxy that needs a user name"
            + " and password (" + proxy + "); use a proxy without credentials to pass challenges"
            + " with the browser");
      }
      String scheme = switch (proxy.type()) {
        case HTTP -> "http";
        case HTTPS -> "https";
        case SOCKS5 -> "socks5";
      };
      command.add("--proxy-server=" + scheme + "://" + proxy.host() + ":" + proxy.port());
    }
    command.add("about:blank");
    return command;
  }

  /**
   * Starts Chromium and waits for its DevTools endpoint.
   *
   * @param display the X display for a windowed Chromium (its {@code DISPLAY}), or null for a
   *     headless one
   * @throws Flare4jException when it cannot start, or does not print its endpoint in time
   */
  static ChromiumProcess launch(
      Path binary, String userAgent, ProxySpec proxy, String display, Duration timeout) {
    Path profile;
    try {
      profile = Files.createTempDirectory(OWN_PROFILE_PREFIX);
    } catch (IOException e) {
      throw new Flare4jException("Cannot create a temporary Chromium profile: " + e.getMessage(), e);
    }
    Process process = null;
    try {
      Path temp = Files.createDirectory(profile.resolve(TEMP_FOLDER));
      ProcessBuilder builder = new ProcessBuilder(
          command(binary, profile, userAgent, proxy, display != null))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      // The child's environment only: the JVM's own is left alone.
      builder.environment().put("TMPDIR", temp.toString());
      if (display != null) {
        builder.environment().put(XvfbLocator.DISPLAY_VARIABLE, display);
      }
      process = builder.start();
      String url = devtoolsUrl(process, timeout, binary);
      return new ChromiumProcess(process, profile, url);
    } catch (IOException e) {
      kill(process);
      deleteProfile(profile);
      throw new Flare4jException("Cannot start Chromium (" + binary + "): " + e.getMessage(), e);
    } catch (RuntimeException e) {
      kill(process);
      deleteProfile(profile);
      throw e;
    }
  }

  /** Reads stderr until the DevTools line; keeps draining it afterwards so Chromium never blocks. */
  private static String devtoolsUrl(Process process, Duration timeout, Path binary) {
    CompletableFuture<String> found = new CompletableFuture<>();
    StringBuilder head = new StringBuilder();
    Thread reader = Thread.ofVirtual().name("flare4j-chromium-stderr").unstarted(() -> {
      try (BufferedReader err = new BufferedReader(
          new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line = err.readLine(); line != null; line = err.readLine()) {
          int at = line.indexOf(DEVTOOLS_LINE);
          if (at >= 0) {
            found.complete(line.substring(at + DEVTOOLS_LINE.length()).trim());
          } else if (!found.isDone() && head.length() < 2000) {
            synchronized (head) {
              head.append(line).append('\n');
            }
          }
        }
      } catch (IOException e) {
        // the process ended; handled below
      }
      found.completeExceptionally(new IllegalStateException("exited"));
    });
    reader.start();
    try {
      return found.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new RequestTimeoutException(Phase.CONNECT, timeout, "Chromium (" + binary + ")", e);
    } catch (ExecutionException e) {
      String output;
      synchronized (head) {
        output = head.toString().strip();
      }
      throw new Flare4jException("Chromium (" + binary + ") exited before it opened its DevTools"
          + " endpoint" + (output.isEmpty() ? "" : ": " + lastLine(output)), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Flare4jException("Interrupted while starting Chromium", e);
    }
  }

  private static String lastLine(String output) {
    int at = output.lastIndexOf('\n');
    return at < 0 ? output : output.substring(at + 1);
  }

  /** The browser's DevTools WebSocket URL, {@code ws://127.0.0.1:<port>/devtools/browser/<id>}. */
  String devtoolsUrl() {
    return devtoolsUrl;
  }

  /** The process id, for diagnostics. */
  long pid() {
    return process.pid();
  }

  /** The temporary profile folder (deleted by {@link #close()}). */
  Path profile() {
    return profile;
  }

  /**
   * Waits until the browser process has exited, as it does after {@code Browser.close}.
   *
   * @return whether it exited within {@code limit}
   */
  boolean awaitExit(Duration limit) {
    try {
      return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Kills the process tree and deletes the profile. Never throws. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    kill(process);
    deleteProfile(profile);
  }

  /**
   * Kills the process and every descendant (renderers, zygotes) at once, and waits until they are
   * gone. SIGKILL rather than a polite SIGTERM: Chromium takes seconds to honour the latter, and
   * nothing it would save is wanted (the profile is deleted next). The polite way is the session's
   * {@code Browser.close}, tried before this.
   */
  private static void kill(Process process) {
    if (process == null) {
      return;
    }
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      // Our own child is reaped at once. The others are orphans now, reaped by init whenever
      // it gets round to it: a zombie counts as gone (it holds no memory, files or profile).
      process.waitFor(5, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (tree.stream().anyMatch(ChromiumProcess::running) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    tree.stream().filter(ChromiumProcess::running).forEach(handle ->
        LOG.log(Level.WARNING, "Chromium process {0} did not exit", handle.pid()));
    // Children started between the snapshot and the kill are orphans of a dead parent now.
    process.descendants().forEach(ProcessHandle::destroyForcibly);
  }

  /** Alive and not a zombie (Linux's {@code /proc/<pid>/stat} state {@code Z}). */
  private static boolean running(ProcessHandle handle) {
    if (!handle.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
      int end = stat.lastIndexOf(')');
      return end < 0 || end + 2 >= stat.length() || stat.charAt(end + 2) != 'Z';
    } catch (IOException | RuntimeException e) {
      return handle.isAlive();
    }
  }

  /** Deletes the profile folder; a few tries, as Chromium's last writes may race the kill. */
  static void deleteProfile(Path profile) {
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        deleteTree(profile);
        return;
      } catch (IOException e) {
        if (attempt == 4) {
          LOG.log(Level.WARNING, "Cannot delete the Chromium profile {0}: {1}", profile,
              e.getMessage());
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        deleteIfPresent(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        deleteIfPresent(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void deleteIfPresent(Path path) throws IOException {
    Files.deleteIfExists(path);
  }

  @Override
  public String toString() {
    return "ChromiumProcess[pid=" + process.pid() + "]";
  }
}
