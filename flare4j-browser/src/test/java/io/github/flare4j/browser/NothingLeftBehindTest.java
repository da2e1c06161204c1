package io.github.flare4j.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.spi.WebSocketRelay;
import io.github.flare4j.spi.WebSocketRelay.RelayedSocket;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real Chromium, started and closed several times, leaves no folder behind: neither its profile
 * nor the {@code org.chromium.Chromium.*} folder of its single-instance socket, which a killed
 * Chromium used to leave in {@code /tmp} at every launch.
 *
 * <p>Another build may run Chromium on the same machine at the same time (and leave such folders
 * in {@code /tmp}), so the folders are told apart: a watcher follows this JVM's profiles as they
 * appear and notes where each browser put its socket folder, which must be gone afterwards.
 */
class NothingLeftBehindTest {
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  static final String CHROMIUM_TEMP_PREFIX = "org.chromium.Chromium.";
  static final String SOCKET_LINK = "SingletonSocket";

  ChromiumLocator locator;
  Emulator emulator;

  @BeforeEach
  void start() {
    locator = RealChromium.requireOrSkip();
    emulator = Emulator.builder().challenge(true).start();
  }

  /** Nothing to stop when the setup was skipped (no Chromium) or failed (no Chromium on CI). */
  @AfterEach
  void stop() {
    if (emulator != null) {
      emulator.close();
      RealChromium.assertNothingLeaked();
    }
  }

  @Test
  void launchesAndClosesOfTheAcquirerAndTheRelayLeaveNoTemporaryFolders() throws IOException {
    Set<Path> before = temporaryFolders();
    Set<Path> socketFolders;
    try (SocketFolderWatcher watcher = new SocketFolderWatcher()) {
      ChromiumArgsAcquirer acquirer = new ChromiumArgsAcquirer(locator);
      acquirer.getArgs(emulator.baseUrl(), null, TIMEOUT);
      acquirer.getArgs(emulator.baseUrl(), null, TIMEOUT);
      ChromiumWebSocketRelay relay = new ChromiumWebSocketRelay(locator);
      for (int i = 0; i < 2; i++) {
        RelayedSocket socket = relay.open(emulator.baseUrl() + "/",
            "ws://127.0.0.1:" + emulator.port() + Emulator.AGENTS_PATH + "/left-" + i, null,
            TIMEOUT, new Ignored());
        socket.close();
      }
      socketFolders = watcher.seen();
    }

    assertThat(socketFolders).as("the socket folders of the four browsers").hasSize(4)
        .allSatisfy(folder -> assertThat(folder.getFileName().toString())
            .startsWith(CHROMIUM_TEMP_PREFIX))
        .allSatisfy(folder -> assertThat(folder).as("left by Chromium").doesNotExist());
    Set<Path> appeared = new HashSet<>(temporaryFolders());
    appeared.removeAll(before);
    assertThat(appeared).as("new folders of our browsers").filteredOn(
        folder -> socketFolders.contains(folder) || folder.getFileName().toString()
            .startsWith(ChromiumProcess.OWN_PROFILE_PREFIX)).isEmpty();
  }

  @Test
  void chromiumKeepsItsSingleInstanceSocketInsideItsProfileWhichGoesOnClose() throws IOException {
    ChromiumLauncher launcher =
        new ChromiumLauncher(locator, ChromiumOptions.DEFAULT, new OkHttpClient());
    Path socketFolder;
    try (ChromiumSession session = launcher.start(null, TIMEOUT)) {
      session.openPastChallenge(emulator.baseUrl() + "/");
      socketFolder = Files.readSymbolicLink(session.profile().resolve(SOCKET_LINK)).getParent();

      assertThat(socketFolder).startsWith(session.profile());
      assertThat(socketFolder.getFileName().toString()).startsWith(CHROMIUM_TEMP_PREFIX);
    }
    assertThat(socketFolder).doesNotExist();
  }

  /**
   * Notes, as this JVM's Chromium profiles appear in {@code java.io.tmpdir}, the folder each
   * browser's {@value #SOCKET_LINK} link points into (file system events, no polling).
   */
  private static final class SocketFolderWatcher implements AutoCloseable {
    private final WatchService watcher = FileSystems.getDefault().newWatchService();
    private final Path temp = Path.of(System.getProperty("java.io.tmpdir"));
    private final Set<Path> seen = ConcurrentHashMap.newKeySet();
    private final Thread thread;

    SocketFolderWatcher() throws IOException {
      temp.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
      thread = Thread.ofVirtual().name("socket-folder-watcher").start(this::watch);
    }

    private void watch() {
      try {
        while (true) {
          WatchKey key = watcher.take();
          Path dir = (Path) key.watchable();
          for (WatchEvent<?> event : key.pollEvents()) {
            if (event.context() instanceof Path name) {
              created(dir.resolve(name));
            }
          }
          key.reset();
        }
      } catch (ClosedWatchServiceException | InterruptedException e) {
        // closed: the test has what it needs
      }
    }

    private void created(Path path) {
      if (path.getParent().equals(temp)
          && path.getFileName().toString().startsWith(ChromiumProcess.OWN_PROFILE_PREFIX)) {
        try {
          path.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
        } catch (IOException | ClosedWatchServiceException e) {
          return; // gone already
        }
        note(path.resolve(SOCKET_LINK)); // in case it came before the registration
      } else if (path.getFileName().toString().equals(SOCKET_LINK)) {
        note(path);
      }
    }

    private void note(Path link) {
      try {
        seen.add(Files.readSymbolicLink(link).getParent());
      } catch (IOException e) {
        // not there (yet): its creation event follows
      }
    }

    Set<Path> seen() {
      return Set.copyOf(seen);
    }

    @Override
    public void close() throws IOException {
      watcher.close();
      try {
        thread.join(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Chromium's folders in the temporary folder it would use by default, and our profiles. */
  private static Set<Path> temporaryFolders() {
    Set<Path> folders = new HashSet<>(RealChromium.ourProfiles());
    String inherited = System.getenv("TMPDIR");
    Path temp = Path.of(inherited == null || inherited.isBlank() ? "/tmp" : inherited);
    try (Stream<Path> entries = Files.list(temp)) {
      entries.filter(path -> path.getFileName().toString().startsWith(CHROMIUM_TEMP_PREFIX))
          .forEach(folders::add);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return folders;
  }

  /** A listener that ignores what the socket says. */
  private static final class Ignored implements WebSocketRelay.Listener {
    @Override
    public void onText(String text) {}

    @Override
    public void onClosed(int code, String reason) {}

    @Override
    public void onFailure(String message) {}
  }
}
