package io.github.flare4j.internal.auth;

import io.github.flare4j.internal.stream.Json;
import io.github.flare4j.provider.SessionArgs;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * An auth file: {@code {"headers":{...},"cookies":{...},"transport":"agents"}}, the seed's JSON
 * dump of its args, plus the name of the transport that last worked with them (optional; readers
 * that do not know the field skip it).
 * Written atomically (a temporary file in the same folder, then a rename) with owner-only
 * permissions, so a reader never sees half a file and no other user can read the cookies.
 * Thread-safe: concurrent writers each replace the whole file.
 */
public final class AuthFile {
  private static final System.Logger LOG = System.getLogger(AuthFile.class.getName());
  private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

  private final Path path;

  /** The auth file at {@code path}. */
  public AuthFile(Path path) {
    this.path = path;
  }

  /** Where the file is. */
  public Path path() {
    return path;
  }

  /**
   * The args in the file; empty when there is no file, or it cannot be read or parsed (a broken
   * file is treated like a missing one, and logged without its content).
   */
  public Optional<SessionArgs> read() {
    return readBytes().flatMap(bytes -> parseOrEmpty(bytes, false)).map(Contents::args);
  }

  /**
   * The transport name kept with the args ({@code "agents"}, {@code "inference"}), if the file has
   * one; empty like {@link #read()} when the file is missing or broken.
   */
  public Optional<String> readTransport() {
    return readBytes().flatMap(bytes -> parseOrEmpty(bytes, true))
        .map(Contents::transport).filter(name -> !name.isEmpty());
  }

  private Optional<Contents> parseOrEmpty(byte[] bytes, boolean quiet) {
    try {
      return Optional.of(parseContents(bytes));
    } catch (JacksonException | IllegalArgumentException e) {
      if (!quiet) {
        LOG.log(Level.WARNING, "Ignoring unreadable auth file {0}", path);
      }
      return Optional.empty();
    }
  }

  private Optional<byte[]> readBytes() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Cannot read auth file {0}: {1}", path, e.getClass().getSimpleName());
      return Optional.empty();
    }
    return Optional.of(bytes);
  }

  /**
   * Replaces the file with {@code args}, atomically, creating the folder when needed.
   *
   * @throws UncheckedIOException when the file cannot be written
   */
  public void write(SessionArgs args) {
    write(args, null);
  }

  /**
   * Replaces the file with {@code args} and the name of the transport that worked with them.
   *
   * @param transport the transport's name, or null to keep none
   * @throws UncheckedIOException when the file cannot be written
   */
  public void write(SessionArgs args, String transport) {
    byte[] bytes = serialize(args, transport).getBytes(StandardCharsets.UTF_8);
    Path dir = path.toAbsolutePath().getParent();
    Path temp = null;
    try {
      createPrivateDirectories(dir);
      temp = Files.createTempFile(dir, "." + path.getFileName(), ".tmp", privateFile(dir));
      Files.write(temp, bytes);
      try {
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write auth file " + path + ": " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // the failure above is what matters
        }
      }
    }
  }

  /** Deletes the file if it exists. Never throws; a failure is logged. */
  public void delete() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Cannot delete auth file {0}: {1}", path, e.getMessage());
    }
  }

  static SessionArgs parse(byte[] bytes) {
    return parseContents(bytes).args();
  }

  /** What a file holds: the args, and the transport name (empty when none). */
  private record Contents(SessionArgs args, String transport) {}

  private static Contents parseContents(byte[] bytes) {
    Map<String, String> headers = new LinkedHashMap<>();
    Map<String, String> cookies = new LinkedHashMap<>();
    String transport = "";
    try (JsonParser parser = Json.parser(bytes, 0, bytes.length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not a JSON object");
      }
      for (String field = parser.nextName(); field != null; field = parser.nextName()) {
        parser.nextToken();
        switch (field) {
          case "headers" -> readStrings(parser, headers);
          case "cookies" -> readStrings(parser, cookies);
          case "transport" -> {
            String value = Json.stringOrNull(parser);
            transport = value == null ? "" : value;
          }
          default -> parser.skipChildren();
        }
      }
    }
    return new Contents(new SessionArgs(headers, cookies), transport);
  }

  static String serialize(SessionArgs args) {
    return serialize(args, null);
  }

  static String serialize(SessionArgs args, String transport) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = Json.generator(out)) {
      generator.writeStartObject();
      writeStrings(generator, "headers", args.headers());
      writeStrings(generator, "cookies", args.cookies());
      if (transport != null) {
        generator.writeName("transport");
        generator.writeString(transport);
      }
      generator.writeEndObject();
    }
    return out.toString();
  }

  private static void readStrings(JsonParser parser, Map<String, String> into) {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return;
    }
    for (String name = parser.nextName(); name != null; name = parser.nextName()) {
      parser.nextToken();
      String value = Json.stringOrNull(parser);
      if (value != null) {
        into.put(name, value);
      }
    }
  }

  private static void writeStrings(JsonGenerator generator, String name, Map<String, String> values) {
    generator.writeName(name);
    generator.writeStartObject();
    for (Map.Entry<String, String> entry : values.entrySet()) {
      generator.writeName(entry.getKey());
      generator.writeString(entry.getValue());
    }
    generator.writeEndObject();
  }

  private static void createPrivateDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    try {
      if (isPosix(dir.getRoot())) {
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

  private static FileAttribute<?>[] privateFile(Path dir) {
    return isPosix(dir)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)}
        : new FileAttribute<?>[0];
  }

  private static boolean isPosix(Path path) {
    return path != null && path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
