package io.github.flare4j.internal.auth;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One auth file's mechanics, apart from its format ({@link AuthFileFormat}): whole-file reads,
 * durable atomic replacement, and the lock that serialises writers.
 *
 * <ul>
 *   <li>A write goes to a temporary file in the same folder (owner-only), is forced to the disk,
 *       renamed over the file in one step, and the folder is forced too where the system allows
 *       it: a reader sees the old file or the new one, never part of one, even after a crash.
 *   <li>Writers hold {@link #locked the lock}: an OS lock on a sibling file
 *       ({@code .auth_X.json.lock}, never deleted, so every process locks the same file) and,
 *       because the JVM refuses a second lock on a file it already holds, an in-process lock on
 *       the same path first.
 *   <li>Readers take no lock: the rename is what keeps them from seeing half a file.
 * </ul>
 *
 * Thread-safe.
 */
public final class AuthFile {
  private static final System.Logger LOG = System.getLogger(AuthFile.class.getName());
  private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

  /**
   * The in-process half of the writers' lock, by the lock file's real path. A JVM holds an OS file
   * lock for the whole process, and {@link FileChannel#lock()} throws when a second channel of the
   * same process asks for it, so threads and separate stores of one process queue here first.
   * Static because the OS lock it guards is process-wide; an entry is a lock, a few bytes per auth
   * file the process ever wrote.
   */
  private static final ConcurrentHashMap<Path, ReentrantLock> PROCESS_LOCKS = new ConcurrentHashMap<>();

  private final Path path;
  private final Path directory;
  private final Path lockFile;
  private volatile boolean lockUnsupportedLogged;

  /** The auth file at {@code path}; nothing is touched until it is used. */
  public AuthFile(Path path) {
    this.path = path.toAbsolutePath().normalize();
    this.directory = this.path.getParent();
    this.lockFile = directory.resolve("." + this.path.getFileName() + ".lock");
  }

  /** Where the file is. */
  public Path path() {
    return path;
  }

  /** The sibling file the writers lock. */
  public Path lockFile() {
    return lockFile;
  }

  /**
   * The file's bytes; empty when there is no file.
   *
   * @throws IOException when it exists and cannot be read
   */
  public Optional<byte[]> read() throws IOException {
    try {
      return Optional.of(Files.readAllBytes(path));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Work done while holding the writers' lock. */
  @FunctionalInterface
  public interface LockedAction<T> {
    /** Runs the work. */
    T run() throws IOException;
  }

  /**
   * Runs {@code action} holding the writers' lock, in this process and across processes, creating
   * the folder (owner-only) first when needed. Where the file system has no locks, the action runs
   * with the in-process lock only, and that is logged once.
   *
   * @throws IOException when the lock file cannot be opened, or {@code action} fails
   */
  public <T> T locked(LockedAction<T> action) throws IOException {
    createPrivateDirectories(directory);
    ReentrantLock inProcess = PROCESS_LOCKS.computeIfAbsent(lockKey(), key -> new ReentrantLock());
    inProcess.lock();
    try (FileChannel channel = FileChannel.open(lockFile,
        EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), privateFile())) {
      FileLock osLock;
      try {
        osLock = channel.lock();
      } catch (ClosedByInterruptException e) {
        throw e;
      } catch (IOException e) {
        if (!lockUnsupportedLogged) {
          lockUnsupportedLogged = true;
          LOG.log(Level.WARNING, "Cannot lock {0} ({1}); other processes writing the auth file"
              + " are not kept out", lockFile, e.getClass().getSimpleName());
        }
        osLock = null;
      }
      try {
        return action.run();
      } finally {
        if (osLock != null) {
          osLock.release();
        }
      }
    } finally {
      inProcess.unlock();
    }
  }

  /**
   * Replaces the file with {@code bytes}: temporary file, force, atomic rename, force the folder.
   * Call it holding {@link #locked the lock}. On failure the old file is untouched and the
   * temporary file removed.
   *
   * @throws IOException when the file cannot be written
   */
  public void replace(byte[] bytes) throws IOException {
    createPrivateDirectories(directory);
    Path temp = Files.createTempFile(directory, "." + path.getFileName() + ".", ".tmp", privateFile());
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
      forceDirectory();
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // the failure that got us here is the one to report
        }
      }
    }
  }

  /**
   * Deletes the file if it exists. Call it holding {@link #locked the lock}.
   *
   * @throws IOException when it exists and cannot be deleted
   */
  public void delete() throws IOException {
    if (Files.deleteIfExists(path)) {
      forceDirectory();
    }
  }

  /** Whether the file system has POSIX permissions (Linux, macOS; not Windows). */
  public boolean isPosix() {
    return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** Makes the rename itself durable. Not every system can open a folder (Windows): then skip. */
  private void forceDirectory() {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.log(Level.DEBUG, "Cannot force folder {0}: {1}", directory, e.getClass().getSimpleName());
    }
  }

  private Path lockKey() {
    try {
      return directory.toRealPath().resolve(lockFile.getFileName());
    } catch (IOException e) {
      return lockFile;
    }
  }

  private void createPrivateDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    try {
      if (isPosix()) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
      } else {
        Files.createDirectories(dir);
      }
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
    }
  }

  private FileAttribute<?>[] privateFile() {
    return isPosix()
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)}
        : new FileAttribute<?>[0];
  }
}
