package io.github.flare4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.FaultMatrixTest.Column;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.Fault;
import io.github.flare4j.emulator.ReplyHold;
import io.github.flare4j.emulator.StreamFormat;
import io.github.flare4j.error.StreamProtocolException;
import io.github.flare4j.error.StreamTruncatedException;
import io.github.flare4j.provider.ChatProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link ChatStream#ready()} over real HTTP and WebSocket: true while what has arrived still holds
 * items, false when the next item must wait for the network; it never blocks and never throws
 * (a failure found while decoding ahead comes from reading, counted as usual).
 */
class ChatStreamReadyTest {
  static final ChatRequest HELLO =
      ChatRequest.builder().model(FaultMatrixTest.MODEL).user("Hello").build();
  static final CallOptions CALL = CallOptions.builder().timeout(Duration.ofSeconds(20)).build();
  /** How long a test waits for a signal from the emulator: generous, only a hang reaches it. */
  static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path cache;

  static Emulator.Builder emulator(Column column) {
    return Emulator.builder().format(column == Column.V5 ? StreamFormat.V5 : StreamFormat.V4)
        .stallDuration(Duration.ofSeconds(30));
  }

  /**
   * Once the emulator says the whole reply is written (it all sits in this side's socket buffers,
   * or in the socket's frame queue), most items are found ready: what is in memory is decoded
   * without waiting, and only a line cut by the end of what one read pulled in needs another read.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Column.class)
  void whatHasArrivedIsReadWithoutWaiting(Column column) {
    // 200 tokens fit the loopback socket's buffers whole in every format: the emulator finishes
    // writing while this side reads nothing.
    try (Emulator emulator = emulator(column).replyTokens(200).coalesceWrites(true).start();
        ChatStream stream = column.provider(emulator, cache).stream(HELLO, CALL)) {
      Iterator<ResponseItem> items = stream.iterator();
      int tokens = 0;
      int ready = 0;
      int read = 0;
      while (items.hasNext()) {
        if (items.next() instanceof TextDelta) {
          tokens++;
        }
        if (read++ == 0) {
          emulator.awaitReplyWritten(column.path(emulator), WAIT); // the rest has been sent
        }
        if (stream.ready()) {
          ready++;
        }
      }
      assertThat(tokens).isEqualTo(200);
      assertThat(ready).as("items found ready of %s", read).isGreaterThan(read / 2);
      assertThat(stream.ready()).as("the end is ready").isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Column.class, names = "AGENTS", mode = EnumSource.Mode.EXCLUDE)
  void aStalledReplyIsNotReady(Column column) {
    try (Emulator emulator = emulator(column).start()) {
      emulator.enqueueFault(Fault.STALL, column.path(emulator));
      ChatStream stream = column.provider(emulator, cache).stream(HELLO, CALL);
      Iterator<ResponseItem> items = stream.iterator();
      ResponseItem item;
      do {
        item = items.next();
      } while (!(item instanceof TextDelta) || stream.ready());

      // A ready() that waited would meet the 1 s idle timeout, and a failure makes it true.
      assertThat(stream.ready()).as("nothing more comes: the caller should flush").isFalse();
      stream.close();
      assertThat(stream.ready()).as("a closed stream ends at once").isTrue();
    }
  }

  /**
   * The emulator holds the turn right after its first text delta (frames: start, start-step,
   * text-start, the delta): the next frame is known not to have been sent when ready() is asked.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Column.class, names = "AGENTS")
  void aTokenStillOnItsWayIsNotReady(Column column) {
    try (Emulator emulator = emulator(column).start();
        ReplyHold hold = emulator.holdReply(Emulator.AGENTS_PATH, 4);
        ChatStream stream = column.provider(emulator, cache).stream(HELLO, CALL)) {
      Iterator<ResponseItem> items = stream.iterator();
      while (!(items.next() instanceof TextDelta)) {
        // up to the first token
      }
      hold.awaitHeld(WAIT);

      assertThat(stream.ready()).as("the next frame is held back by the emulator").isFalse();
      hold.release();
      assertThat(items.next()).as("the held frame comes once released").isNotNull();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Column.class, names = {"V4", "V5", "REST"})
  void aBadLineFoundAheadFailsTheReadNotReady(Column column) {
    try (Emulator emulator = emulator(column).start()) {
      emulator.enqueueFault(Fault.MALFORMED_LINE, column.path(emulator));
      ChatProvider provider = column.provider(emulator, cache);
      ChatStream stream = provider.stream(HELLO, CALL);
      Iterator<ResponseItem> items = stream.iterator();
      int[] read = {0};

      assertThatThrownBy(() -> {
        while (items.hasNext()) {
          items.next();
          read[0]++;
          stream.ready(); // never throws
        }
      }).isInstanceOfSatisfying(StreamTruncatedException.class, e -> {
        assertThat(e.itemsReceived()).isEqualTo(read[0]).isPositive();
        assertThat(e.getCause()).isInstanceOf(StreamProtocolException.class);
      });
      assertThat(stream.ready()).isTrue();
    }
  }
}
