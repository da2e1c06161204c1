package io.github.flare4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.error.StreamProtocolException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChatStreamTest {
  /** A source over fixed items, counting reads and closes; ends with {@code failure} if set. */
  static final class ListSource implements ChatStream.Source {
    final ArrayDeque<ResponseItem> items;
    final RuntimeException failure;
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();

    ListSource(List<ResponseItem> items, RuntimeException failure) {
      this.items = new ArrayDeque<>(items);
      this.failure = failure;
    }

    @Override
    public ResponseItem next() {
      reads.incrementAndGet();
      if (items.isEmpty() && failure != null) {
        throw failure;
      }
      return items.poll();
    }

    @Override
    public void close() {
      closes.incrementAndGet();
    }
  }

  static final List<ResponseItem> REPLY = List.of(
      new TextDelta("a"), new TextDelta("b"), Usage.of(1, 2), new FinishReason("stop"));

  @Test
  void collectGathersTextUsageAndFinish() {
    ListSource source = new ListSource(REPLY, null);

    ChatResult result = ChatStream.of(source).collect();

    assertThat(result.text()).isEqualTo("ab");
    assertThat(result.usage()).contains(new Usage(1, 2, 3));
    assertThat(result.finishReason().reason()).isEqualTo("stop");
    assertThat(source.closes).hasValue(1);
  }

  @Test
  void aStreamCanBeReadOnlyOnce() {
    ChatStream stream = ChatStream.of(new ListSource(REPLY, null));
    stream.iterator();

    assertThatThrownBy(stream::iterator).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void errorsAfterItemsReachTheReaderAndCloseTheSource() {
    ListSource source = new ListSource(List.of(new TextDelta("a")), new StreamProtocolException("boom"));
    ChatStream stream = ChatStream.of(source);
    var items = stream.iterator();

    assertThat(items.next()).isEqualTo(new TextDelta("a"));
    assertThatThrownBy(items::hasNext).hasMessage("boom");
    assertThat(stream.isClosed()).isTrue();
  }

  @Test
  void publisherHonoursDemand() throws Exception {
    ListSource source = new ListSource(REPLY, null);
    LinkedBlockingDeque<Object> events = new LinkedBlockingDeque<>();
    Flow.Subscription[] subscription = new Flow.Subscription[1];

    ChatStream.of(source).publisher().subscribe(new Flow.Subscriber<>() {
      @Override public void onSubscribe(Flow.Subscription s) {
        subscription[0] = s;
        s.request(1);
      }
      @Override public void onNext(ResponseItem item) {
        events.add(item);
      }
      @Override public void onError(Throwable error) {
        events.add(error);
      }
      @Override public void onComplete() {
        events.add("complete");
      }
    });

    assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo(new TextDelta("a"));
    assertThat(events.poll(200, TimeUnit.MILLISECONDS)).as("no item without demand").isNull();
    assertThat(source.reads).hasValue(1);

    subscription[0].request(Long.MAX_VALUE);
    assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo(new TextDelta("b"));
    assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo(Usage.of(1, 2));
    assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo(new FinishReason("stop"));
    assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("complete");
  }

  @Test
  void cancellingTheSubscriptionClosesTheStream() throws Exception {
    ListSource source = new ListSource(REPLY, null);
    LinkedBlockingDeque<Object> events = new LinkedBlockingDeque<>();
    ChatStream stream = ChatStream.of(source);

    stream.publisher().subscribe(new Flow.Subscriber<>() {
      Flow.Subscription subscription;
      @Override public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
      }
      @Override public void onNext(ResponseItem item) {
        events.add(item);
        subscription.cancel();
      }
      @Override public void onError(Throwable error) {
        events.add(error);
      }
      @Override public void onComplete() {
        events.add("complete");
      }
    });

    assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo(new TextDelta("a"));
    assertThat(events.poll(200, TimeUnit.MILLISECONDS)).isNull();
    assertThat(stream.isClosed()).isTrue();
  }

  @Test
  void closeIsIdempotent() {
    ListSource source = new ListSource(REPLY, null);
    ChatStream stream = ChatStream.of(source);

    stream.close();
    stream.close();

    assertThat(source.closes).hasValue(1);
    assertThat(stream.iterator().hasNext()).isFalse();
  }
}
