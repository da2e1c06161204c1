package io.github.flare4j.internal.ws;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.Headers;

/**
 * An open WebSocket (RFC 6455, client side, no extensions), made by {@link WebSocketClient}.
 *
 * <ul>
 *   <li>A daemon thread reads frames and hands each whole message to the {@link WebSocketListener};
 *       while the listener blocks, nothing is read, so the server is slowed down by TCP.
 *   <li>A message longer than the limit fails the connection as soon as a frame header announces
 *       it ({@link MessageTooLargeException}, close code 1009): it is never read into memory.
 *   <li>A ping is answered by another daemon thread with a pong carrying the latest ping's payload:
 *       pongs are never queued (a flood of pings costs one slot), and a server that does not read
 *       our pongs blocks that thread only, not the reading of its frames.
 *   <li>{@link #close} sends a close frame and lets the reader end the connection when the server
 *       answers it, or after {@link #CLOSE_WAIT}; after it, the listener hears nothing more.
 * </ul>
 *
 * <p>Thread-safe: frames are written whole, one at a time.
 */
public final class WebSocketConnection {
  /** How long a close waits for the write lock and for the server's answer. */
  static final Duration CLOSE_WAIT = Duration.ofMillis(500);

  /** How often a blocked read wakes up to see whether a close has waited long enough. */
  private static final int READ_TICK_MILLIS = 250;

  /** How long a send waits for another write (a pong, say) to finish before giving up. */
  private static final Duration WRITE_WAIT = Duration.ofSeconds(30);

  private static final int CONTINUATION = 0x0;
  private static final int TEXT = 0x1;
  private static final int BINARY = 0x2;
  private static final int CLOSE = 0x8;
  private static final int PING = 0x9;
  private static final int PONG = 0xA;

  private static final int NO_STATUS = 1005;
  private static final int PROTOCOL_ERROR = 1002;
  private static final int INVALID_DATA = 1007;
  private static final int TOO_BIG = 1009;

  private static final SecureRandom MASKS = new SecureRandom();

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final Headers handshake;
  private final int maxMessage;
  private final WebSocketListener listener;
  private final ReentrantLock writing = new ReentrantLock();
  private final AtomicBoolean closeRequested = new AtomicBoolean();
  private final AtomicBoolean closeSent = new AtomicBoolean();
  private final AtomicReference<byte[]> latestPing = new AtomicReference<>();
  private final Semaphore pingArrived = new Semaphore(0);
  private volatile long closeRequestedAt;
  private volatile boolean released;
  private Thread ponger;

  private WebSocketConnection(Socket socket, InputStream in, OutputStream out, Headers handshake,
      int maxMessage, WebSocketListener listener) {
    this.socket = socket;
    this.in = in;
    this.out = out;
    this.handshake = handshake;
    this.maxMessage = maxMessage;
    this.listener = listener;
  }

  static WebSocketConnection start(Socket socket, InputStream in, OutputStream out,
      Headers handshake, WebSocketRequest request, WebSocketListener listener) throws IOException {
    socket.setSoTimeout(READ_TICK_MILLIS);
    WebSocketConnection connection = new WebSocketConnection(socket, in, out, handshake,
        request.maxMessageBytes(), listener);
    connection.ponger = Thread.ofVirtual().name(request.threadName() + "-pong")
        .start(connection::answerPings);
    Thread.ofVirtual().name(request.threadName()).start(connection::read);
    return connection;
  }

  /** The upgrade's headers. */
  public Headers handshakeHeaders() {
    return handshake;
  }

  /**
   * Sends a text message in one frame.
   *
   * @return false when the socket is closing or closed, or the frame could not be written
   */
  public boolean send(String text) {
    if (closeRequested.get() || released) {
      return false;
    }
    try {
      if (!write(TEXT, text.getBytes(StandardCharsets.UTF_8), WRITE_WAIT)) {
        cancel();
        return false;
      }
      return true;
    } catch (IOException e) {
      fail(e);
      return false;
    }
  }

  /**
   * Starts the closing handshake with {@code code}; never throws, never waits more than
   * {@link #CLOSE_WAIT}. The connection is released when the server answers, or soon after.
   */
  public void close(int code, String reason) {
    if (!closeRequested.compareAndSet(false, true)) {
      return;
    }
    closeRequestedAt = System.nanoTime();
    if (released || !sendClose(code, reason)) {
      cancel();
    }
  }

  /** Drops the connection at once, without a closing handshake. Never throws. */
  public void cancel() {
    closeRequested.set(true);
    release();
  }

  private boolean sendClose(int code, String reason) {
    if (!closeSent.compareAndSet(false, true)) {
      return true;
    }
    byte[] text = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
    byte[] payload = code == NO_STATUS ? new byte[0] : new byte[2 + Math.min(text.length, 123)];
    if (payload.length > 0) {
      payload[0] = (byte) (code >>> 8);
      payload[1] = (byte) code;
      System.arraycopy(text, 0, payload, 2, payload.length - 2);
    }
    try {
      return write(CLOSE, payload, CLOSE_WAIT);
    } catch (IOException e) {
      return false;
    }
  }

  /** The reader thread: frames until a close, a failure or the end of the connection. */
  private void read() {
    MessageState message = new MessageState();
    try {
      while (readFrame(message)) {
        // next frame
      }
    } catch (IOException e) {
      if (!closeRequested.get() && !released) {
        int code = e instanceof MessageTooLargeException ? TOO_BIG
            : e instanceof WebSocketProtocolException protocol && protocol.getMessage() != null
                && protocol.getMessage().contains("UTF-8") ? INVALID_DATA
            : e instanceof WebSocketProtocolException ? PROTOCOL_ERROR : 0;
        if (code != 0) {
          closeRequested.set(true);
          sendClose(code, null);
        }
        fail(e);
      }
    } finally {
      release();
    }
  }

  /** Reads one frame; false once the server's close frame was handled. */
  private boolean readFrame(MessageState message) throws IOException {
    int first = readByte();
    int second = readByte();
    boolean fin = (first & 0x80) != 0;
    int opcode = first & 0x0F;
    if ((first & 0x70) != 0) {
      throw new WebSocketProtocolException("the server set reserved bits without an extension");
    }
    if ((second & 0x80) != 0) {
      throw new WebSocketProtocolException("the server sent a masked frame");
    }
    long length = second & 0x7F;
    if (length == 126) {
      length = (readByte() << 8) | readByte();
    } else if (length == 127) {
      length = 0;
      for (int i = 0; i < 8; i++) {
        length = (length << 8) | readByte();
      }
      if (length < 0) {
        throw new WebSocketProtocolException("the server sent a frame length over 2^63");
      }
    }
    if (opcode >= CLOSE) {
      if (!fin || length > 125) {
        throw new WebSocketProtocolException("the server sent a fragmented or long control frame");
      }
      byte[] payload = readFully((int) length);
      switch (opcode) {
        case PING -> {
          listener.onPing();
          if (latestPing.getAndSet(payload) == null) {
            pingArrived.release();
          }
        }
        case PONG -> { } // we send no pings
        case CLOSE -> {
          closed(payload);
          return false;
        }
        default -> throw new WebSocketProtocolException("the server sent opcode " + opcode);
      }
      return true;
    }
    switch (opcode) {
      case CONTINUATION -> {
        if (!message.open) {
          throw new WebSocketProtocolException("the server continued a message it had not started");
        }
      }
      case TEXT, BINARY -> {
        if (message.open) {
          throw new WebSocketProtocolException("the server started a message inside another");
        }
        message.open = true;
      }
      default -> throw new WebSocketProtocolException("the server sent opcode " + opcode);
    }
    if (length > maxMessage - message.length) {
      throw new MessageTooLargeException(maxMessage, message.length + length);
    }
    message.append(this, (int) length);
    if (fin) {
      String text = message.text();
      message.reset();
      if (!closeRequested.get()) {
        listener.onText(text);
      }
    }
    return true;
  }

  /** The server's close frame: answered (unless we closed first), reported, the connection released. */
  private void closed(byte[] payload) throws IOException {
    int code = NO_STATUS;
    String reason = "";
    if (payload.length == 1) {
      throw new WebSocketProtocolException("the server sent a one-byte close frame");
    }
    if (payload.length >= 2) {
      code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
      reason = decode(Arrays.copyOfRange(payload, 2, payload.length));
    }
    boolean ours = closeRequested.getAndSet(true);
    if (!ours) {
      sendClose(code, null);
      listener.onClosed(code, reason);
    }
  }

  /** The pong thread: answers the latest ping, one at a time. */
  private void answerPings() {
    try {
      while (!released) {
        pingArrived.acquire();
        byte[] payload = latestPing.getAndSet(null);
        if (payload != null && !closeSent.get() && !released) {
          if (!write(PONG, payload, WRITE_WAIT)) {
            cancel();
          }
        }
      }
    } catch (InterruptedException e) {
      // released
    } catch (IOException e) {
      fail(e);
    }
  }

  /** Writes one masked frame; false when the write lock was not had in time. */
  private boolean write(int opcode, byte[] payload, Duration wait) throws IOException {
    int length = payload.length;
    int headerLength = 2 + (length > 0xFFFF ? 8 : length > 125 ? 2 : 0) + 4;
    byte[] frame = new byte[headerLength + length];
    frame[0] = (byte) (0x80 | opcode);
    int at = 2;
    if (length > 0xFFFF) {
      frame[1] = (byte) (0x80 | 127);
      for (int i = 7; i >= 0; i--) {
        frame[at++] = (byte) ((long) length >>> (8 * i));
      }
    } else if (length > 125) {
      frame[1] = (byte) (0x80 | 126);
      frame[at++] = (byte) (length >>> 8);
      frame[at++] = (byte) length;
    } else {
      frame[1] = (byte) (0x80 | length);
    }
    byte[] mask = new byte[4];
    MASKS.nextBytes(mask);
    System.arraycopy(mask, 0, frame, at, 4);
    at += 4;
    for (int i = 0; i < length; i++) {
      frame[at + i] = (byte) (payload[i] ^ mask[i & 3]);
    }
    try {
      if (!writing.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        return false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    try {
      out.write(frame);
      out.flush();
      return true;
    } finally {
      writing.unlock();
    }
  }

  private int readByte() throws IOException {
    while (true) {
      try {
        int b = in.read();
        if (b < 0) {
          throw new EOFException("the server ended the connection without a close frame");
        }
        return b;
      } catch (SocketTimeoutException tick) {
        closeWaitOver();
      }
    }
  }

  private byte[] readFully(int length) throws IOException {
    byte[] bytes = new byte[length];
    readInto(bytes, 0, length);
    return bytes;
  }

  void readInto(byte[] bytes, int offset, int length) throws IOException {
    int done = 0;
    while (done < length) {
      int n;
      try {
        n = in.read(bytes, offset + done, length - done);
      } catch (SocketTimeoutException tick) {
        closeWaitOver();
        continue;
      }
      if (n < 0) {
        throw new EOFException("the server ended the connection in the middle of a frame");
      }
      done += n;
    }
  }

  /** Ends the wait for the server's answer to our close once it has lasted long enough. */
  private void closeWaitOver() throws IOException {
    if (closeRequested.get() && System.nanoTime() - closeRequestedAt > CLOSE_WAIT.toNanos()) {
      throw new EOFException("the server did not answer the close in time");
    }
  }

  private void fail(IOException error) {
    if (closeRequested.getAndSet(true) && !(error instanceof WebSocketProtocolException)) {
      release();
      return;
    }
    release();
    listener.onFailure(error);
  }

  private void release() {
    if (released) {
      return;
    }
    released = true;
    WebSocketClient.closeQuietly(socket);
    Thread pongs = ponger;
    if (pongs != null) {
      pongs.interrupt();
    }
  }

  static String decode(byte[] bytes) throws WebSocketProtocolException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new WebSocketProtocolException("the server sent a message that is not valid UTF-8");
    }
  }

  /** The message being received, across its frames. Used by the reader thread only. */
  private static final class MessageState {
    boolean open;
    int length;
    byte[] bytes = new byte[0];

    void append(WebSocketConnection connection, int frameLength) throws IOException {
      if (length + frameLength > bytes.length) {
        // doubling, so that a message in many small frames is not copied once per frame
        bytes = Arrays.copyOf(bytes, Math.max(length + frameLength,
            Math.min(2 * bytes.length, connection.maxMessage)));
      }
      connection.readInto(bytes, length, frameLength);
      length += frameLength;
    }

    String text() throws WebSocketProtocolException {
      return decode(length == bytes.length ? bytes : Arrays.copyOf(bytes, length));
    }

    void reset() {
      open = false;
      length = 0;
      bytes = new byte[0];
    }
  }
}
