package io.github.flare4j;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;

/**
 * An image part of a user message's content ({@link ContentPart}): bytes with their media type, or
 * a URL the service fetches itself. Immutable; the bytes are copied in and never handed out.
 *
 * <pre>{@code
 * Message message = Message.user("What is in this picture?",
 *     List.of(ImagePart.of(Files.readAllBytes(path), "image/png")));
 * }</pre>
 */
public final class ImagePart implements ContentPart {

  /** The largest image, in bytes, that a request may carry: 10 MiB. */
  public static final int MAX_BYTES = 10 * 1024 * 1024;

  private static final Set<String> MEDIA_TYPES =
      Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

  private final byte[] data;
  private final String mediaType;
  private final String url;

  private ImagePart(byte[] data, String mediaType, String url) {
    this.data = data;
    this.mediaType = mediaType;
    this.url = url;
  }

  /**
   * An image given as bytes.
   *
   * @param data the encoded image, at most {@link #MAX_BYTES}
   * @param mediaType {@code image/png}, {@code image/jpeg}, {@code image/gif} or {@code image/webp}
   * @throws IllegalArgumentException when the image is empty or too large, or the media type is
   *     not one of those
   */
  public static ImagePart of(byte[] data, String mediaType) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(mediaType, "mediaType");
    if (!MEDIA_TYPES.contains(mediaType)) {
      throw new IllegalArgumentException("An image must be image/png, image/jpeg, image/gif or"
          + " image/webp, was " + mediaType.replaceAll("\\p{Cntrl}", "?"));
    }
    if (data.length == 0 || data.length > MAX_BYTES) {
      throw new IllegalArgumentException("An image must have 1 to " + MAX_BYTES
          + " bytes (10 MiB), had " + data.length + "; send a smaller one");
    }
    return new ImagePart(data.clone(), mediaType, null);
  }

  /**
   * An image the service fetches from {@code url} ({@code https:} or a {@code data:} URL).
   *
   * @throws IllegalArgumentException when the URL is neither
   */
  public static ImagePart url(String url) {
    Objects.requireNonNull(url, "url");
    if (!url.startsWith("https://") && !url.startsWith("http://") && !url.startsWith("data:image/")) {
      throw new IllegalArgumentException("An image URL must start with https://, http:// or"
          + " data:image/");
    }
    return new ImagePart(null, null, url);
  }

  /** The media type of an image given as bytes; null for one given by URL. */
  public String mediaType() {
    return mediaType;
  }

  /** The number of bytes of an image given as bytes; 0 for one given by URL. */
  public int size() {
    return data == null ? 0 : data.length;
  }

  /** True when the image was given as bytes (not as a URL). */
  public boolean hasBytes() {
    return data != null;
  }

  /** The bytes in base64 (no line breaks); null for an image given by URL. */
  public String base64() {
    return data == null ? null : Base64.getEncoder().encodeToString(data);
  }

  /** The URL to send: the one given, or a {@code data:<type>;base64,..} URL for bytes. */
  public String toUrl() {
    return url != null ? url : "data:" + mediaType + ";base64," + base64();
  }

  /** Equal when both carry the same bytes and media type, or the same URL. */
  @Override
  public boolean equals(Object other) {
    return other instanceof ImagePart that && Arrays.equals(data, that.data)
        && Objects.equals(mediaType, that.mediaType) && Objects.equals(url, that.url);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(data), mediaType, url);
  }

  @Override
  public String toString() {
    return data != null ? "ImagePart[" + mediaType + ", " + data.length + " bytes]"
        : "ImagePart[url]";
  }
}
