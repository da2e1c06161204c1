package io.github.flare4j.provider;

import io.github.flare4j.internal.auth.AuthFile;
import io.github.flare4j.internal.auth.AuthFileFormat;
import io.github.flare4j.spi.StoredCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The default {@link CredentialStore}: one auth file per provider, {@code auth_<key>.json} in a
 * folder (the cache folder, see {@link CacheDirectory}), in the seed's format
 * {@code {"headers":{...},"cookies":{...}}} with our optional {@code "expires"} (cookie name to
 * epoch seconds) and {@code "transport"} fields, which the seed's reader skips, as ours skips
 * fields it does not know.
 *
 * <ul>
 *   <li><b>Atomic and durable.</b> A save writes a temporary file in the same folder, forces it to
 *       the disk, renames it over the auth file in one step and forces the folder where the system
 *       can: a reader sees the old content or the new, never half of it, even after a crash.
 *   <li><b>Private.</b> The file is created {@code 0600} and a missing folder {@code 0700} (where
 *       the file system has POSIX permissions). An existing folder is left as it is, since it may
 *       be one the user chose for other things too; when other users can get into it the store
 *       warns once, and when they can write to it (and so replace the file) it says so.
 *   <li><b>Shared.</b> Saves, deletes and updates hold an OS lock on a sibling file,
 *       {@code .auth_<key>.json.lock}, which stays in the folder so that every process locks the
 *       same file, plus an in-process lock, so any number of threads and processes (on one host;
 *       network file systems lock as well as they do) share the file. Loads take no lock.
 *   <li><b>Forgiving.</b> A file that cannot be read or parsed loads as empty and is replaced by the
 *       next save; the store warns about it once, without its content, and again only if it breaks
 *       anew after a good read or a save.
 * </ul>
 *
 * <p>Thread-safe; instances are cheap, and several for the same folder may be used at once.
 */
public final class FileCredentialStore implements CredentialStore {
  private static final System.Logger LOG = System.getLogger(FileCredentialStore.class.getName());
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,100}");
  private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private final Path directory;
  private final ConcurrentMap<String, AuthFile> files = new ConcurrentHashMap<>();
  private final Set<String> reportedBroken = ConcurrentHashMap.newKeySet();
  private volatile boolean folderChecked;

  /** A store keeping its files in {@code directory} (created owner-only when first written). */
  public FileCredentialStore(Path directory) {
    this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
  }

  /** A store in the default cache folder ({@link CacheDirectory#resolve}). */
  public static FileCredentialStore inCacheDirectory() {
    return new FileCredentialStore(CacheDirectory.resolve(null));
  }

  /** The folder of the auth files. */
  public Path directory() {
    return directory;
  }

  /**
   * The file for {@code key}: {@code <folder>/auth_<key>.json}.
   *
   * @throws IllegalArgumentException when the key is not letters, digits, {@code .}, {@code _} and
   *     {@code -}, starting with a letter or digit
   */
  public Path path(String key) {
    return file(key).path();
  }

  @Override
  public Optional<StoredCredentials> load(String key) {
    AuthFile file = file(key);
    Optional<byte[]> bytes;
    try {
      bytes = file.read();
    } catch (IOException e) {
      reportBroken(key, file, "cannot be read (" + e.getClass().getSimpleName() + ")");
      return Optional.empty();
    }
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    try {
      StoredCredentials credentials = AuthFileFormat.parse(bytes.get());
      reportedBroken.remove(key);
      return Optional.of(credentials);
    } catch (IllegalArgumentException e) {
      reportBroken(key, file, "is " + e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public void save(String key, StoredCredentials credentials) {
    Objects.requireNonNull(credentials, "credentials");
    AuthFile file = file(key);
    byte[] bytes = AuthFileFormat.serialize(credentials).getBytes(StandardCharsets.UTF_8);
    try {
      file.locked(() -> {
        file.replace(bytes);
        return null;
      });
    } catch (IOException e) {
      throw failed("write", file, e);
    }
    reportedBroken.remove(key);
    checkFolder(file);
  }

  @Override
  public void delete(String key) {
    AuthFile file = file(key);
    if (!Files.exists(file.path())) {
      return; // nothing to delete: no need to create the folder and the lock file for it
    }
    try {
      file.locked(() -> {
        file.delete();
        return null;
      });
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Cannot delete auth file {0}: {1}", file.path(), e.getMessage());
    }
  }

  @Override
  public Optional<StoredCredentials> update(
      String key, UnaryOperator<Optional<StoredCredentials>> change) {
    Objects.requireNonNull(change, "change");
    AuthFile file = file(key);
    Optional<StoredCredentials> result;
    try {
      result = file.locked(() -> {
        Optional<StoredCredentials> next = Objects.requireNonNull(
            change.apply(load(key)), "the change's result");
        if (next.isPresent()) {
          file.replace(AuthFileFormat.serialize(next.get()).getBytes(StandardCharsets.UTF_8));
        } else {
          file.delete();
        }
        return next;
      });
    } catch (IOException e) {
      throw failed("update", file, e);
    }
    if (result.isPresent()) {
      reportedBroken.remove(key);
      checkFolder(file);
    }
    return result;
  }

  @Override
  public String toString() {
    return "FileCredentialStore[" + directory + "]";
  }

  private AuthFile file(String key) {
    Objects.requireNonNull(key, "key");
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("Invalid credential key '" + key
          + "': expected letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    return files.computeIfAbsent(key, name -> new AuthFile(directory.resolve("auth_" + name + ".json")));
  }

  private void reportBroken(String key, AuthFile file, String what) {
    if (reportedBroken.add(key)) {
      LOG.log(Level.WARNING, "Ignoring auth file {0}: it {1}; it is replaced on the next save",
          file.path(), what);
    }
  }

  /** Once per store: says so when the folder, which is not changed, lets other users in. */
  private void checkFolder(AuthFile file) {
    if (folderChecked || !file.isPosix()) {
      return;
    }
    folderChecked = true;
    Set<PosixFilePermission> mode;
    try {
      mode = Files.getPosixFilePermissions(directory);
    } catch (IOException | UnsupportedOperationException e) {
      return;
    }
    mode.retainAll(OTHERS);
    if (mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
      LOG.log(Level.WARNING, "The auth folder {0} can be written by other users, who could replace"
          + " the credentials in it; make it private with: chmod 700 {0}", directory);
    } else if (!mode.isEmpty()) {
      LOG.log(Level.WARNING, "The auth folder {0} is open to other users (its auth files are"
          + " not: they are owner-only); make it private with: chmod 700 {0}", directory);
    }
  }

  private static UncheckedIOException failed(String what, AuthFile file, IOException e) {
    return new UncheckedIOException("Cannot " + what + " auth file " + file.path() + ": "
        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
  }
}
