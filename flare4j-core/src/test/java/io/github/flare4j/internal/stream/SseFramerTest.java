package io.github.flare4j.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SseFramer} on plain lines, no network. */
class SseFramerTest {
  private final List<String> dispatched = new ArrayList<>();
  private final SseFramer framer = new SseFramer(new SseFramer.Events() {
    @Override
    public void data(byte[] buffer, int offset, int length, ItemBuffer out) {
      dispatched.add(new String(buffer, offset, length, StandardCharsets.UTF_8));
    }

    @Override
    public void done(ItemBuffer out) {
      dispatched.add("[DONE]");
    }
  });

  private void feed(String... lines) {
    ItemBuffer out = new ItemBuffer();
    for (String line : lines) {
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      framer.line(bytes, 0, bytes.length, out);
    }
    framer.end(out);
  }

  @Test
  void anEventWithEmptyDataIsNotDispatched() {
    feed("data:", "", "data: ", "", "data: {\"a\":1}", "", "data: [DONE]", "");

    assertThat(dispatched).containsExactly("{\"a\":1}", "[DONE]");
  }

  @Test
  void twoEmptyDataLinesAreOneLineFeed() {
    feed("data:", "data:", "");

    assertThat(dispatched).containsExactly("\n");
  }

  @Test
  void eventsAfterDoneAreIgnored() {
    feed("data: [DONE]", "", "data: {\"late\":1}", "");

    assertThat(dispatched).containsExactly("[DONE]");
    assertThat(framer.done()).isTrue();
  }
}
