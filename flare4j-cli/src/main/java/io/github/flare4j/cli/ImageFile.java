package io.github.flare4j.cli;

import io.github.flare4j.ImagePart;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads an {@code --image FILE}: its media type from its first bytes (PNG, JPEG, GIF, WebP; the
 * name does not count), at most {@link ImagePart#MAX_BYTES}. Anything else is a usage error that
 * names the file.
 */
final class ImageFile {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
  private static final byte[] GIF87 = {'G', 'I', 'F', '8', '7', 'a'};
  private static final byte[] GIF89 = {'G', 'I', 'F', '8', '9', 'a'};
  private static final byte[] RIFF = {'R', 'I', 'F', 'F'};
  private static final byte[] WEBP = {'W', 'E', 'B', 'P'};

  private ImageFile() {}

  /**
   * The image in {@code file}.
   *
   * @throws CliException (usage) when the file cannot be read, is too large or is no PNG, JPEG,
   *     GIF or WebP image
   */
  static ImagePart read(Path file) {
    String name = "'" + file.toString().replaceAll("\\p{Cntrl}", "?") + "'";
    byte[] data;
    try {
      if (!Files.isRegularFile(file)) {
        throw usage("Image file " + name + " does not exist or is not a file");
      }
      long size = Files.size(file);
      if (size > ImagePart.MAX_BYTES) {
        throw usage("Image file " + name + " has " + size + " bytes, more than the limit of "
            + ImagePart.MAX_BYTES + " (10 MiB): send a smaller image");
      }
      try (InputStream in = Files.newInputStream(file)) {
        data = in.readNBytes(ImagePart.MAX_BYTES + 1); // bounded, should it have grown meanwhile
      }
    } catch (NoSuchFileException e) {
      throw usage("Image file " + name + " does not exist");
    } catch (IOException e) {
      throw usage("Image file " + name + " cannot be read: " + FileFailures.reason(e));
    }
    if (data.length > ImagePart.MAX_BYTES) {
      throw usage("Image file " + name + " is larger than the limit of " + ImagePart.MAX_BYTES
          + " bytes (10 MiB): send a smaller image");
    }
    String mediaType = mediaType(data);
    if (mediaType == null) {
      throw usage("Image file " + name + " is no PNG, JPEG, GIF or WebP image (by its first"
          + " bytes)");
    }
    return ImagePart.of(data, mediaType);
  }

  /** The media type the first bytes show; null for none of the four. */
  static String mediaType(byte[] data) {
    if (startsWith(data, 0, PNG)) {
      return "image/png";
    }
    if (startsWith(data, 0, JPEG)) {
      return "image/jpeg";
    }
    if (startsWith(data, 0, GIF87) || startsWith(data, 0, GIF89)) {
      return "image/gif";
    }
    if (startsWith(data, 0, RIFF) && startsWith(data, 8, WEBP)) {
      return "image/webp";
    }
    return null;
  }

  private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
    return data.length >= offset + prefix.length
        && Arrays.equals(data, offset, offset + prefix.length, prefix, 0, prefix.length);
  }

  private static CliException usage(String message) {
    return new CliException(ExitCodes.USAGE, message, null);
  }
}
