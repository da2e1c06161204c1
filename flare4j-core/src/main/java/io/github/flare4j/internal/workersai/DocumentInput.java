package io.github.flare4j.internal.workersai;

import io.github.flare4j.error.StreamProtocolException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import okio.BufferedSource;

/**
 * A JSON reply's body as an {@link InputStream} for a streaming parser, so that the reply ends
 * where its document ends rather than where the body ends (a server may leave the body open, or
 * promise more in {@code Content-Length} than it sends). Keeps what it has handed out, for an
 * error message's excerpt; refuses to go past a limit. Each read waits at most the body's idle
 * limit, and returns what has arrived. Not thread-safe.
 */
public final class DocumentInput extends InputStream {
  private final BufferedSource source;
  private final int limit;
  private final String endpoint;
  private byte[] seen = new byte[1024];
  private int seenLength;

  /** Reads {@code source}, refusing a document over {@code limit} bytes from {@code endpoint}. */
  public DocumentInput(BufferedSource source, int limit, String endpoint) {
    this.source = source;
    this.limit = limit;
    this.endpoint = endpoint;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (source.getBuffer().size() == 0 && source.exhausted()) {
      return -1;
    }
    int n = source.getBuffer().read(buffer, offset, Math.min(length, 8192));
    if (seenLength + n > limit) {
      throw new StreamProtocolException(endpoint + " answered with a JSON document over "
          + (limit >> 20) + " MiB: not a reply flare4j can read");
    }
    if (seenLength + n > seen.length) {
      seen = Arrays.copyOf(seen, Math.max(seenLength + n, seen.length * 2));
    }
    System.arraycopy(buffer, offset, seen, seenLength, n);
    seenLength += n;
    return n;
  }

  /** The bytes read so far. */
  public byte[] seen() {
    return seen;
  }

  /** How many bytes were read so far. */
  public int seenLength() {
    return seenLength;
  }

  /** Does not close the body: its call is released by its owner. */
  @Override
  public void close() {}
}
